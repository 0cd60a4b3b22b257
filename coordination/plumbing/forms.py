"""How every page form shows a refusal (`FORM_RENDERER`, config/settings/base.py).

- Text the person typed is kept in its box, refused or not: they fix it there (issue 16,
  issue 21). A refused value of any other kind (a number typed as a word, a choice that
  is not one) shows what the field held before instead, as it has nothing to fix.
- A list starts on "Choose…", never Django's "---------".
- A text refused for personal information carries the spans found
  (`data-refused-spans`, in the browser's own character count), and
  `lantern/refused-text.js` selects the first one, so the person sees what to replace
  and can type the role word over it. The message says what kind it is and where,
  never what it says.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext

from coordination.privacy import browser_spans

# Django's own first entry of a list, said in words on every form (issue 21).
_DASHES = "---------"


def _no_dashes(field) -> None:
    if getattr(field, "empty_label", None) == _DASHES:
        field.empty_label = gettext("Choose…")
    elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        choices = list(field.choices)
        if choices and choices[0] == ("", _DASHES):
            field.choices = [("", gettext("Choose…")), *choices[1:]]


class RefusedValueBoundField(BoundField):
    def as_widget(self, widget=None, attrs=None, only_initial=False):
        _no_dashes(self.field)  # a list starts on "Choose…", not "---------"
        return super().as_widget(widget, attrs, only_initial)

    def value(self):
        refused = self.form.is_bound and self.name in self.form.errors
        if refused and not isinstance(self.field, forms.CharField):
            return self.field.prepare_value(self.initial)
        return super().value()

    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        found = getattr(self.form, "privacy_findings", {}).get(self.name)
        if found:
            attrs["data-refused-spans"] = browser_spans(str(self.value() or ""), found)
        return attrs


class FormRenderer(DjangoTemplates):
    bound_field_class = RefusedValueBoundField


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's refusal on the form: on its field where the form has one, else
    above the form; personal information found is marked in the person's own text."""
    for field, found in getattr(error, "findings", {}).items():
        if field in form.fields:
            form.privacy_findings = {**getattr(form, "privacy_findings", {}), field: found}
    for field, field_messages in error.message_dict.items():
        form.add_error(field if field in form.fields else None, field_messages)


def refusal_text(refused: Exception) -> str:
    """A service's refusal in words for a page's message: a validation's messages, a
    conflict's detail, else the refusal's own words (which never echo the input)."""
    if isinstance(refused, ValidationError):
        return " ".join(refused.messages)
    return str(getattr(refused, "detail", refused))


def redirect_back(request, fallback: str):
    """After a page's form: back to the page it was sent from (`next`, a path of this
    site only: never an open redirect), else to `fallback` (a URL name)."""
    back = request.POST.get("next", "")
    if back.startswith("/") and url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(back)
    return redirect(fallback)
