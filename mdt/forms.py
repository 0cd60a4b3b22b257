"""Forms of the MDT pages. They check shapes; services decide (and guard the text)."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coordination import privacy
from coordination.bounds import MINUTES
from coordination.models import AgeBand, Discipline, Parish
from coordination.people import selectors as people_selectors
from coordination.people.access import access_for
from coordination.plumbing.translations import Translated
from coordination.privacy import PersonalInformationError, guard_text

from .models import (
    MDT,
    Answer,
    Consent,
    Need,
    Referral,
    ReferralStatus,
    TraffickingType,
)
from .selectors import REFERRAL_SORT_LABELS, ReferralSearch

NOTES_HELP = "Short and coded: what happened and what is needed. " + privacy.HELP


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
        self.fields["parish"].queryset = Parish.objects.filter(
            region__in=mdts.values("region")
        ).order_by("name")
        if not self.instance.pk:
            self.fields["received_on"].initial = timezone.localdate()
        if "mdt" in self.fields:
            self.fields["mdt"].queryset = mdts
            if mdts.count() == 1:
                self.fields["mdt"].initial = mdts.first()

    def clean_notes(self):
        # The service guards again; checking here too shows every error in one answer.
        notes = self.cleaned_data.get("notes", "")
        try:
            guard_text({"notes": notes})
        except PersonalInformationError as error:
            self.privacy_findings = error.findings  # marked in the kept text
            raise ValidationError(error.message_dict["notes"]) from error
        return notes


class ReferralFilterForm(forms.Form):
    """The referral list's search, filters and order (`mdt.selectors.referral_search`)."""

    case_code = forms.CharField(
        required=False,
        max_length=16,
        label="Case code",
        help_text="All or part of it, in any case.",
    )
    mdt = forms.ModelChoiceField(
        queryset=MDT.objects.none(), required=False, empty_label="Any", label="MDT"
    )
    parish = forms.ModelChoiceField(
        queryset=Parish.objects.none(), required=False, empty_label="Any", label="Parish"
    )
    status = forms.ChoiceField(choices=[("", "Any")] + ReferralStatus.choices, required=False)
    trafficking_type = forms.ChoiceField(
        choices=[("", "Any")] + TraffickingType.choices, required=False, label="Trafficking type"
    )
    my_case_team = forms.BooleanField(required=False, label="My case team only")
    overdue = forms.BooleanField(required=False, label="Past a target only")
    open_recommendations = forms.BooleanField(required=False, label="With an open recommendation")
    sort = forms.ChoiceField(
        choices=list(REFERRAL_SORT_LABELS.items()), required=False, label="Order"
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parish"].queryset = people_selectors.parish_list(user=user).order_by("name")
        self.fields["mdt"].queryset = MDT.objects.filter(access_for(user).mdt_records_q("pk"))

    def search(self) -> ReferralSearch:
        data = self.cleaned_data if self.is_valid() else {}
        parish, mdt = data.get("parish"), data.get("mdt")
        return ReferralSearch(
            mdt_ids=(mdt.pk,) if mdt else (),
            case_code=data.get("case_code", ""),
            parish_ids=(parish.pk,) if parish else (),
            statuses=(data["status"],) if data.get("status") else (),
            trafficking_types=(data["trafficking_type"],) if data.get("trafficking_type") else (),
            my_case_team=data.get("my_case_team", False),
            overdue=data.get("overdue", False),
            open_recommendations=data.get("open_recommendations", False),
        )

    def ordering(self) -> str:
        return (self.cleaned_data.get("sort") if self.is_valid() else "") or "newest"


class StatusUpdateForm(forms.Form):
    note = forms.CharField(
        max_length=500, widget=forms.Textarea(attrs={"rows": 2}), help_text=NOTES_HELP
    )


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        required=False,
        max_length=MINUTES,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=NOTES_HELP,
    )


class AttendanceForm(forms.Form):
    """Who was at a meeting: the ticked members of its MDT, by user id. Anything else
    (not a member's id, not a number at all) is refused whole, without repeating it."""

    present = forms.TypedMultipleChoiceField(
        coerce=int,
        required=False,
        error_messages={"invalid_choice": "Tick members of the MDT only."},
    )

    def __init__(self, *args, member_ids, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(str(pk), str(pk)) for pk in member_ids]


class ReferralEditForm(ReferralForm):
    """The coded fields of a referral; it stays with its MDT (sharing has its own form)."""

    class Meta(ReferralForm.Meta):
        fields = [name for name in ReferralForm.Meta.fields if name != "mdt"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        del self.fields["add_to_next_meeting"]
        self.fields["parish"].queryset = Parish.objects.filter(
            region=self.instance.mdt.region
        ).order_by("name")


class ShareForm(forms.Form):
    mdt = forms.ModelChoiceField(queryset=MDT.objects.none(), label="Share with the MDT")
    transfer = forms.BooleanField(
        required=False, label="Transfer it (the other MDT takes the referral over)"
    )
    consent = forms.ChoiceField(
        choices=[("", "Not recorded")] + list(Consent.choices),
        required=False,
        label="The person's informed consent",
        help_text="Required. Without consent nothing is shared.",
    )

    def __init__(self, *args, referral, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mdt"].queryset = MDT.objects.exclude(pk=referral.mdt_id).order_by("name")


class MeetingForm(forms.Form):
    starts_at = forms.DateTimeField(
        label="Starts", widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    ends_at = forms.DateTimeField(
        label="Ends",
        required=False,
        help_text="An hour after it starts, unless you change it; it moves with the start.",
        widget=forms.DateTimeInput(
            attrs={"type": "datetime-local", "data-follows": "id_starts_at"}
        ),
    )
    location = forms.CharField(
        max_length=300,
        required=False,
        label="Place or video link",
        help_text="A video link (https://…) is shown as a link to join.",
    )
    repeat = forms.ChoiceField(
        choices=[
            ("", "Does not repeat"),
            ("FREQ=WEEKLY;COUNT=12", "Every week, 12 times"),
            ("FREQ=WEEKLY;INTERVAL=2;COUNT=12", "Every other week, 12 times"),
            ("FREQ=MONTHLY;COUNT=12", "Every month, 12 times"),
        ],
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Tomorrow (a weekday) from 9:00 to 10:00, local time: a start to change, not a blank.
        day = timezone.localdate() + datetime.timedelta(days=1)
        while day.weekday() >= 5:
            day += datetime.timedelta(days=1)
        self.fields["starts_at"].initial = f"{day.isoformat()}T09:00"
        self.fields["ends_at"].initial = f"{day.isoformat()}T10:00"

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and not data.get("ends_at"):
            data["ends_at"] = data["starts_at"] + datetime.timedelta(hours=1)
        return data


class ScreeningForm(forms.Form):
    """One indicator a row, answered yes / no / don't know; no field for who is screened.
    In the screener's language (`words`): the answers are the same codes in each."""

    # No answer is chosen for the screener: each starts on "Choose…", so none is saved by
    # accident.
    discipline = forms.ChoiceField(
        choices=[("", _("Choose…")), *Discipline.choices],
        label=_("Your discipline"),
        error_messages={"required": _("Choose your discipline.")},
    )
    parish = forms.ModelChoiceField(
        queryset=Parish.objects.order_by("name"),
        label=_("Parish"),
        empty_label=_("Choose…"),
        error_messages={"required": _("Choose the parish.")},
    )
    age_band = forms.ChoiceField(
        choices=[("", _("Choose…")), *AgeBand.choices],
        label=_("Age band"),
        error_messages={"required": _("Choose the age band.")},
    )

    def __init__(self, *args, instrument, words: Translated | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        words = words or Translated()
        self.sections = []
        for section in instrument.sections.prefetch_related("indicators"):
            names = []
            for indicator in section.indicators.all():
                name = f"indicator_{indicator.code}"
                self.fields[name] = forms.ChoiceField(
                    label=words.shown(indicator.text),
                    choices=Answer.choices,
                    widget=forms.RadioSelect,
                    error_messages={"required": _("Answer yes, no or don't know.")},
                )
                names.append(name)
            self.sections.append((words.shown(section.name), names))

    def grouped(self) -> list:
        return [(name, [self[field] for field in fields]) for name, fields in self.sections]

    def answers(self) -> dict[str, str]:
        return {
            name.removeprefix("indicator_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("indicator_")
        }
