"""The escalation policy page's form: one row per step. It checks shapes; the service
decides."""

from django import forms

from .models import Notify
from .services import STEPS_MAX


class StepForm(forms.Form):
    notify = forms.ChoiceField(
        label="Notify",
        choices=[("", "— no step —"), *Notify.choices],
        required=False,
    )
    person = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Named person",
        help_text="Only for “A named person”.",
    )
    wait_minutes = forms.IntegerField(
        label="Wait for an acknowledgement (minutes)", min_value=1, max_value=1440, required=False
    )
    repeats = forms.IntegerField(
        label="Page again (times)", min_value=0, max_value=5, initial=0, required=False
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = candidates
        self.fields["person"].label_from_instance = lambda user: user.get_username()

    def clean(self):
        data = super().clean()
        if data.get("notify") and data.get("wait_minutes") is None:
            self.add_error("wait_minutes", "Say how long to wait.")
        return data


StepFormSet = forms.formset_factory(
    StepForm, extra=0, max_num=STEPS_MAX, absolute_max=STEPS_MAX, validate_max=True
)


def steps_from(formset) -> list[dict]:
    """The filled rows, in order (a row whose "Notify" is empty is no step)."""
    return [
        {**form.cleaned_data, "repeats": form.cleaned_data.get("repeats") or 0}
        for form in formset.forms
        if form.cleaned_data.get("notify")
    ]
