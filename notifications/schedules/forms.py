"""Forms of the schedule pages. They check shapes; the services decide."""

from django import forms

from .models import WEEKDAYS, Handoff

DAY_CHOICES = [(str(number), name) for number, name in enumerate(WEEKDAYS)]


class RotationForm(forms.Form):
    name = forms.CharField(max_length=80, help_text="Such as “Weekdays” or “Nights”.")
    members = forms.ModelMultipleChoiceField(
        queryset=None,
        label="Contacts, in turn order",
        help_text="The order of the list below is the order of the turns.",
        widget=forms.CheckboxSelectMultiple,
    )
    handoff = forms.ChoiceField(label="Hand-off", choices=Handoff.choices)
    handoff_time = forms.TimeField(
        label="Hand-off time", widget=forms.TimeInput(attrs={"type": "time"})
    )
    handoff_weekday = forms.TypedChoiceField(
        label="Hand-off day (weekly)", choices=DAY_CHOICES, coerce=int, initial="0"
    )
    starts_on = forms.DateField(
        label="First shift on", widget=forms.DateInput(attrs={"type": "date"})
    )
    layer = forms.IntegerField(
        min_value=0,
        max_value=9,
        initial=0,
        help_text="0 is the base; a higher layer (nights, weekends) takes precedence.",
    )
    active_days = forms.MultipleChoiceField(
        label="Active on",
        choices=DAY_CHOICES,
        initial=[value for value, _ in DAY_CHOICES],
        widget=forms.CheckboxSelectMultiple,
    )
    active_from = forms.TimeField(
        required=False,
        label="Active from (optional)",
        widget=forms.TimeInput(attrs={"type": "time"}),
    )
    active_until = forms.TimeField(
        required=False,
        label="Active until (optional)",
        help_text="Before “from” means past midnight: 6:00 p.m. to 8:00 a.m.",
        widget=forms.TimeInput(attrs={"type": "time"}),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = candidates

    def clean_active_days(self):
        return ",".join(self.cleaned_data["active_days"])


class SwapForm(forms.Form):
    rotation = forms.ModelChoiceField(queryset=None, empty_label=None)
    starts_at = forms.DateTimeField(
        label="From", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label="Until", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    covered_by = forms.ModelChoiceField(queryset=None, label="Covered by")

    def __init__(self, *args, rotations, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rotation"].queryset = rotations
        self.fields["covered_by"].queryset = candidates
