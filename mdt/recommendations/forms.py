from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone

from coordination.models import Agency, Discipline

from ..forms import NOTES_HELP
from ..models import Meeting, Membership, Referral
from .models import NOTES_LENGTH, REASON_LENGTH, RecommendationKind

User = get_user_model()


class RecommendationForm(forms.Form):
    """A recommendation for one referral on the meeting's agenda (or carried to it)."""

    referral = forms.ModelChoiceField(queryset=Referral.objects.none(), label="Referral")
    kind = forms.ChoiceField(choices=[("", "Choose…"), *RecommendationKind.choices])
    owner_agency = forms.ModelChoiceField(
        queryset=Agency.objects.none(), required=False, label="Owning agency"
    )
    owner_discipline = forms.ChoiceField(
        choices=[("", "Any")] + Discipline.choices, required=False, label="Owning discipline"
    )
    owner = forms.ModelChoiceField(
        queryset=User.objects.none(),
        required=False,
        label="Member who does it (optional)",
        help_text="Name an agency, a discipline or a member: a member's agency and "
        "discipline are filled in.",
    )
    due_on = forms.DateField(label="Due on", widget=forms.DateInput(attrs={"type": "date"}))
    notes = forms.CharField(
        required=False,
        max_length=NOTES_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": NOTES_LENGTH}),
        help_text=NOTES_HELP,
    )

    def __init__(self, *args, meeting: Meeting, referral_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referral"].queryset = Referral.objects.filter(pk__in=referral_ids)
        self.fields["referral"].label_from_instance = lambda referral: (
            f"{referral.case_code} ({referral.get_trafficking_type_display().lower()}, "
            f"{referral.get_age_band_display()})"
        )
        memberships = Membership.objects.filter(mdt_id=meeting.mdt_id)
        self.fields["owner_agency"].queryset = Agency.objects.filter(
            pk__in=memberships.values("agency")
        ).order_by("name")
        self.fields["owner"].queryset = User.objects.filter(
            pk__in=memberships.values("user")
        ).order_by("username")
        self.fields["owner"].label_from_instance = lambda user: user.get_username()
        self.fields["due_on"].initial = timezone.localdate() + timezone.timedelta(days=14)

    def clean(self):
        data = super().clean()
        if not (data.get("owner_agency") or data.get("owner_discipline") or data.get("owner")):
            raise forms.ValidationError(
                "Name the agency, the discipline or the member who owns it."
            )
        return data


class DropForm(forms.Form):
    reason = forms.CharField(
        max_length=REASON_LENGTH,
        label="Why it is dropped",
        widget=forms.TextInput(attrs={"maxlength": REASON_LENGTH}),
    )
