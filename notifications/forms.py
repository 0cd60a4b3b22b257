"""Forms of the alert pages. They check shapes; services decide (and guard the text)."""

from django import forms
from django.utils import timezone

from coordination import privacy

from .models import Severity

SUMMARY_HELP = "What is happening and what is needed, in a line or two. " + privacy.HELP


class AlertForm(forms.Form):
    region = forms.ModelChoiceField(queryset=None, empty_label=None)
    severity = forms.ChoiceField(choices=Severity.choices, initial=Severity.URGENT)
    summary = forms.CharField(
        max_length=500, widget=forms.Textarea(attrs={"rows": 3}), help_text=SUMMARY_HELP
    )

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions


class ReferralAlertForm(AlertForm):
    """Raised from a referral's page: the referral decides the region."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, regions=None, **kwargs)
        del self.fields["region"]


class TakeOverForm(forms.Form):
    contact = forms.ModelChoiceField(
        queryset=None,
        required=False,
        empty_label="Me",
        help_text="Coordinators may put any of the region's contacts or coordinators on duty.",
    )
    ends_at = forms.DateTimeField(
        required=False,
        label="Until (optional)",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="Leave empty to stay on duty until you hand back.",
    )
    reason = forms.CharField(required=False, max_length=200, label="Reason (optional)")

    def __init__(self, *args, candidates=None, **kwargs):
        super().__init__(*args, **kwargs)
        if candidates is None:
            del self.fields["contact"]
        else:
            self.fields["contact"].queryset = candidates

    def clean_ends_at(self):
        ends_at = self.cleaned_data["ends_at"]
        if ends_at is not None and ends_at <= timezone.now():
            raise forms.ValidationError("The end must be in the future.")
        return ends_at


class ContactDetailsForm(forms.Form):
    """A person's own work e-mail and phone (staff contact details, not case data)."""

    email = forms.EmailField(
        label="Work e-mail",
        required=False,
        max_length=254,
        help_text="Alerts reach you here when no alert console of yours is open.",
    )
    phone = forms.CharField(
        label="Work phone",
        required=False,
        max_length=40,
        help_text="For text and voice alerts, once this server has them switched on.",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )


class InsightsForm(forms.Form):
    """The period of the alert insights (local days, at most a year)."""

    start = forms.DateField(label="From", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="To", widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError("The period must end on or after its start.")
            if (end - start).days >= 366:
                raise forms.ValidationError("Choose a period of at most a year.")
        return data


class RulesForm(forms.Form):
    """A person's notification rules: up to six steps, each a way to reach them and how many
    minutes after the alert reaches them. Blank rows are left out."""

    STEPS = 6

    def __init__(self, *args, rules=(), **kwargs):
        from .models import Channel  # the form module is imported by models' neighbours

        super().__init__(*args, **kwargs)
        choices = [("", "—"), *Channel.choices]
        for number in range(1, self.STEPS + 1):
            channel, delay = rules[number - 1] if number <= len(rules) else ("", None)
            self.fields[f"channel_{number}"] = forms.ChoiceField(
                label=f"Step {number}: how", choices=choices, required=False, initial=channel
            )
            self.fields[f"minutes_{number}"] = forms.IntegerField(
                label=f"Step {number}: minutes after the alert reaches you",
                min_value=0,
                max_value=60,
                required=False,
                initial=delay,
            )

    def rows(self):
        """(step number, its "how" field, its "minutes" field), for the table."""
        return [
            (number, self[f"channel_{number}"], self[f"minutes_{number}"])
            for number in range(1, self.STEPS + 1)
        ]

    def rules(self) -> list[tuple[str, int]]:
        steps = []
        for number in range(1, self.STEPS + 1):
            channel = self.cleaned_data.get(f"channel_{number}")
            if channel:
                steps.append((channel, self.cleaned_data.get(f"minutes_{number}") or 0))
        return steps
