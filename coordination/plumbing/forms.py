"""Forms that do not write a refused value back into the page.

Django shows a bound form with what was sent, refused fields included: a number typed as a
name, or a note refused for holding a phone number, would come back in the page (and in
every cache and screenshot of it). A field with an error shows what it held before the
request instead (its initial value, usually empty); fields that passed keep what was typed.
`FORM_RENDERER` (config/settings/base.py) gives every form of every app this field.
"""

from django.forms.boundfield import BoundField
from django.forms.renderers import DjangoTemplates


class RefusedValueBoundField(BoundField):
    def value(self):
        if self.form.is_bound and self.name in self.form.errors:
            return self.field.prepare_value(self.initial)
        return super().value()


class FormRenderer(DjangoTemplates):
    bound_field_class = RefusedValueBoundField
