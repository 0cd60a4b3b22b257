"""Forms of the MDT pages. They check shapes; services decide (and guard the text)."""

from django import forms
from django.core.exceptions import ValidationError

from coordination.access import access_for
from coordination.models import Parish
from coordination.privacy import guard_text

from .models import MDT, Need, Referral, ReferralStatus, TraffickingType, VictimStatus

NOTES_HELP = (
    "Short and coded: what happened and what is needed. Never a name, a date of birth, an "
    "address, a phone number, an e-mail address or an SSN — Lantern refuses them."
)


class ReferralForm(forms.ModelForm):
    needs = forms.MultipleChoiceField(
        choices=Need.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    add_to_next_meeting = forms.BooleanField(
        required=False, initial=True, label="Put it on the agenda of the MDT's next meeting"
    )

    class Meta:
        model = Referral
        fields = [
            "mdt",
            "received_on",
            "age_band",
            "trafficking_type",
            "victim_status",
            "referral_source",
            "parish",
            "needs",
            "notes",
        ]
        widgets = {
            "received_on": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 3, "maxlength": 500}),
        }
        labels = {"mdt": "MDT", "received_on": "Received on"}
        help_texts = {"notes": NOTES_HELP}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        mdts = MDT.objects.filter(access_for(user).mdt_records_q("pk"))
        self.fields["mdt"].queryset = mdts
        self.fields["parish"].queryset = Parish.objects.filter(
            region__in=mdts.values("region")
        ).order_by("name")
        if mdts.count() == 1:
            self.fields["mdt"].initial = mdts.first()

    def clean_notes(self):
        # The service guards again; checking here too shows every error in one answer.
        notes = self.cleaned_data.get("notes", "")
        try:
            guard_text({"notes": notes})
        except ValidationError as error:
            raise ValidationError(error.message_dict["notes"]) from error
        return notes


class ReferralFilterForm(forms.Form):
    status = forms.ChoiceField(choices=[("", "Any")] + ReferralStatus.choices, required=False)
    trafficking_type = forms.ChoiceField(
        choices=[("", "Any")] + TraffickingType.choices, required=False, label="Trafficking type"
    )
    victim_status = forms.ChoiceField(
        choices=[("", "Any")] + [(v, v.capitalize()) for v in VictimStatus.values],
        required=False,
        label="Victim status",
    )


class StatusUpdateForm(forms.Form):
    note = forms.CharField(
        max_length=500, widget=forms.Textarea(attrs={"rows": 2}), help_text=NOTES_HELP
    )


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 6}), help_text=NOTES_HELP
    )
