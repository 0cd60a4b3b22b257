"""Multidisciplinary teams, their members, meetings and de-identified referrals, and the
screening that feeds them."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from coordination.bounds import MINUTES, bounded_text, plausible_date
from coordination.models import (
    AgeBand,
    Agency,
    Discipline,
    InstrumentPart,
    Parish,
    Region,
    TraffickingType,
    VersionedInstrument,
    VictimStatus,
)
from coordination.plumbing.translations import Translation


class MDT(models.Model):
    name = models.CharField(max_length=200, unique=True)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="mdts")
    parishes = models.ManyToManyField(Parish, related_name="mdts", blank=True)
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="chaired_mdts",
    )
    # Retired by a state admin: kept with its history, but no members, meetings or new
    # referrals any more.
    retired_at = models.DateTimeField(null=True, blank=True)
    # Timeliness targets, in days from a referral's receipt (federal programs match a
    # referral to a provider within 48 hours): past them a referral is flagged.
    target_review_days = models.PositiveSmallIntegerField(
        default=2, validators=[MinValueValidator(0), MaxValueValidator(365)]
    )
    target_engaged_days = models.PositiveSmallIntegerField(
        default=14, validators=[MinValueValidator(0), MaxValueValidator(365)]
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "MDT"
        verbose_name_plural = "MDTs"

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A person on an MDT, for an agency, in a discipline. Access comes from the
    `mdt_member` role assignment that `mdt.services.membership_add` creates with it."""

    mdt = models.ForeignKey(MDT, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mdt_memberships"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="mdt_memberships")
    discipline = models.CharField(max_length=32, choices=Discipline.choices)
    joined_on = models.DateField(auto_now_add=True)

    class Meta:
        ordering = ["mdt", "user__username"]
        constraints = [
            models.UniqueConstraint(fields=["mdt", "user"], name="one_membership_per_mdt")
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.mdt}"


class Need(models.TextChoices):
    SAFE_HOUSING = "safe_housing", "Safe housing"
    MEDICAL = "medical", "Medical care"
    MENTAL_HEALTH = "mental_health", "Mental health"
    SUBSTANCE_USE = "substance_use", "Substance use treatment"
    LEGAL = "legal", "Legal advocacy"
    IMMIGRATION = "immigration", "Immigration relief"
    EDUCATION = "education", "Education"
    EMPLOYMENT = "employment", "Employment"
    TRANSPORTATION = "transportation", "Transportation"
    INTERPRETER = "interpreter", "Interpreter"
    SAFETY_PLANNING = "safety_planning", "Safety planning"
    BASIC_NEEDS = "basic_needs", "Food, clothing, basic needs"
    OTHER = "other", "Other"


class ReferralStatus(models.TextChoices):
    RECEIVED = "received", "Received"
    IN_REVIEW = "in_review", "In review"
    SERVICES_ENGAGED = "services_engaged", "Services engaged"
    CLOSED = "closed", "Closed"


OPEN_REFERRAL_STATUSES = [
    ReferralStatus.RECEIVED,
    ReferralStatus.IN_REVIEW,
    ReferralStatus.SERVICES_ENGAGED,
]
# API name → model method
REFERRAL_TRANSITIONS = {"review": "review", "engage": "engage", "close": "close"}


def new_case_code() -> str:
    """Random, never derived from identity: 'R-' and 8 characters of Crockford base 32."""
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    return "R-" + "".join(secrets.choice(alphabet) for _ in range(8))


class Referral(FSMModelMixin, models.Model):
    """A de-identified referral: coded fields and short notes, nothing that identifies a
    person (no name, birth date, address, phone, e-mail or SSN field exists)."""

    case_code = models.CharField(max_length=16, unique=True, default=new_case_code, editable=False)
    mdt = models.ForeignKey(MDT, on_delete=models.PROTECT, related_name="referrals")
    received_on = models.DateField(validators=[plausible_date])
    age_band = models.CharField(max_length=8, choices=AgeBand.choices)
    trafficking_type = models.CharField(max_length=16, choices=TraffickingType.choices)
    victim_status = models.CharField(max_length=16, choices=VictimStatus.choices)
    referral_source = models.CharField(max_length=32, choices=Discipline.choices)
    parish = models.ForeignKey(Parish, on_delete=models.PROTECT, related_name="referrals")
    needs = models.JSONField(default=list, blank=True)
    notes = models.CharField(max_length=500, blank=True)
    status = FSMField(
        default=ReferralStatus.RECEIVED, choices=ReferralStatus.choices, protected=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="referrals_created"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # The days it reached review and services (the dates of those status updates).
    reviewed_on = models.DateField(null=True, blank=True)
    engaged_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["mdt", "status"]),
            models.Index(fields=["received_on"]),
        ]

    def __str__(self) -> str:
        return self.case_code

    @property
    def need_labels(self) -> list[str]:
        labels = dict(Need.choices)
        return [labels.get(code, code) for code in self.needs or []]

    @transition(field=status, source=ReferralStatus.RECEIVED, target=ReferralStatus.IN_REVIEW)
    def review(self, *, on, **kwargs) -> None:
        """The MDT takes the referral up."""
        self.reviewed_on = on

    @transition(
        field=status, source=ReferralStatus.IN_REVIEW, target=ReferralStatus.SERVICES_ENGAGED
    )
    def engage(self, *, on, **kwargs) -> None:
        """Services have started."""
        self.engaged_on = on

    @transition(field=status, source=OPEN_REFERRAL_STATUSES, target=ReferralStatus.CLOSED)
    def close(self, *, at, **kwargs) -> None:
        self.closed_at = at


class StatusUpdate(models.Model):
    """A dated, short, PII-guarded update on a referral (transitions add one too)."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="updates")
    on = models.DateField()
    status = models.CharField(max_length=16, choices=ReferralStatus.choices)
    note = models.CharField(max_length=500, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]

    def __str__(self) -> str:
        return f"{self.referral} {self.on}: {self.status}"


class MeetingSeries(models.Model):
    """A recurring meeting: an RFC 5545 RRULE over a local start time. Its occurrences
    are stored as Meeting rows, so each can be moved, cancelled or held on its own."""

    mdt = models.ForeignKey(MDT, on_delete=models.CASCADE, related_name="meeting_series")
    rrule = models.CharField(max_length=300)
    starts_at = models.DateTimeField(
        help_text="The first occurrence (its local time repeats).", validators=[plausible_date]
    )
    duration = models.DurationField()
    location = models.CharField(max_length=300, blank=True)
    # The start of the last occurrence stored: the series is extended from there, a year
    # ahead of today, by the upkeep job (mdt.meetings.services.meeting_series_extend).
    generated_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "meeting series"

    def __str__(self) -> str:
        return f"{self.mdt}: {self.rrule}"


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    HELD = "held", "Held"
    CANCELLED = "cancelled", "Cancelled"


class Meeting(FSMModelMixin, models.Model):
    mdt = models.ForeignKey(MDT, on_delete=models.CASCADE, related_name="meetings")
    series = models.ForeignKey(
        MeetingSeries, on_delete=models.CASCADE, null=True, blank=True, related_name="meetings"
    )
    starts_at = models.DateTimeField(validators=[plausible_date])
    ends_at = models.DateTimeField(validators=[plausible_date])
    # Where the team meets, or the link to a virtual meeting: not about anyone served.
    location = models.CharField(max_length=300, blank=True)
    status = FSMField(
        default=MeetingStatus.SCHEDULED, choices=MeetingStatus.choices, protected=True
    )
    agenda = models.ManyToManyField(Referral, related_name="meetings", blank=True)
    minutes = bounded_text(MINUTES, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["mdt", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.mdt} — {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    @transition(field=status, source=MeetingStatus.SCHEDULED, target=MeetingStatus.HELD)
    def hold(self) -> None:
        """The meeting took place."""

    @transition(field=status, source=MeetingStatus.SCHEDULED, target=MeetingStatus.CANCELLED)
    def cancel(self) -> None:
        """The meeting will not take place."""


class CalendarFeed(models.Model):
    """A member's private iCalendar feed: the token is the only key, so it can be revoked
    (and a new one issued) at any time."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"


class Rsvp(models.TextChoices):
    ATTENDING = "attending", "Attending"
    DECLINED = "declined", "Declined"


class Attendance(models.Model):
    """A member's answer to a meeting (RSVP) and whether they were there."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    rsvp = models.CharField(max_length=16, choices=Rsvp.choices, blank=True)
    present = models.BooleanField(null=True)

    class Meta:
        ordering = ["user__username"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="one_attendance_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.user} at {self.meeting}"


class CaseTeamMember(models.Model):
    """An MDT member working the referral, in their discipline."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="case_team")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    discipline = models.CharField(max_length=32, choices=Discipline.choices)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["joined_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["referral", "user"], name="one_seat_per_case_team")
        ]

    def __str__(self) -> str:
        return f"{self.user} on {self.referral}"


class Consent(models.TextChoices):
    WRITTEN = "written", "Written"
    VERBAL = "verbal", "Verbal"


class ReferralShare(models.Model):
    """A referral shared with, or transferred to, another MDT — only ever with the
    person's informed consent, recorded here (who recorded it, when, in what form)."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="shares")
    from_mdt = models.ForeignKey(MDT, on_delete=models.PROTECT, related_name="+")
    to_mdt = models.ForeignKey(MDT, on_delete=models.PROTECT, related_name="shared_referrals")
    transfer = models.BooleanField(default=False)
    consent = models.CharField(max_length=16, choices=Consent.choices)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    consent_recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["consent_recorded_at", "id"]

    def __str__(self) -> str:
        return f"{self.referral} → {self.to_mdt}"


# --- screening -------------------------------------------------------------------------------
class ScreeningBand(models.TextChoices):
    NO_INDICATORS = "no_indicators", _("No indicators")
    POSSIBLE = "possible", _("Possible: a prospective victim")
    STRONG = "strong", _("Strong: refer now")
    IMMEDIATE_DANGER = "immediate_danger", _("Immediate danger: refer and alert")


BAND_ORDER = list(ScreeningBand.values)
REFERRABLE_BANDS = BAND_ORDER[1:]


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("Don't know")


class ScreeningInstrument(VersionedInstrument):
    """A screening tool defined as data (`load_screening_instrument`), versioned: a
    screening keeps the version it was scored with. A score (the weights of the
    indicators answered yes) of `possible_at` or more is `possible`, of `strong_at` or
    more `strong`; a yes to an `immediate` indicator is `immediate_danger`; with no yes,
    `unknown_review_at` or more unknowns is `possible` too (too much unknown to rule out)."""

    possible_at = models.PositiveSmallIntegerField()
    strong_at = models.PositiveSmallIntegerField()
    unknown_review_at = models.PositiveSmallIntegerField(default=3)


class ScreeningSection(InstrumentPart):
    instrument = models.ForeignKey(
        ScreeningInstrument, on_delete=models.CASCADE, related_name="sections"
    )


class IndicatorKind(models.TextChoices):
    SEX = "sex", "Sex trafficking"
    LABOR = "labor", "Labor trafficking"
    GENERAL = "general", "Either"


class ScreeningIndicator(models.Model):
    section = models.ForeignKey(
        ScreeningSection, on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.SlugField(max_length=64)
    text = models.CharField(max_length=300)
    weight = models.PositiveSmallIntegerField(default=1)
    immediate = models.BooleanField(
        default=False, help_text="A yes means immediate danger, whatever the score."
    )
    kind = models.CharField(
        max_length=8, choices=IndicatorKind.choices, default=IndicatorKind.GENERAL
    )
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["section__order", "order"]

    def __str__(self) -> str:
        return self.text


class ScreeningTranslation(Translation):
    """A screening instrument's texts in Spanish or Vietnamese (`coordination.plumbing.
    translations`): beside the instrument, never changing it or its scoring."""

    instrument = models.ForeignKey(
        ScreeningInstrument, on_delete=models.CASCADE, related_name="translations"
    )

    class Meta(Translation.Meta):
        unique_together = [("instrument", "language", "version")]


class Screening(models.Model):
    """One screen of a person, with no identity: who screened (a professional), their
    discipline, the parish and age band, the coded answers, and the result."""

    instrument = models.ForeignKey(
        ScreeningInstrument, on_delete=models.PROTECT, related_name="screenings"
    )
    screener = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="screenings"
    )
    discipline = models.CharField(max_length=32, choices=Discipline.choices)
    parish = models.ForeignKey(Parish, on_delete=models.PROTECT, related_name="screenings")
    age_band = models.CharField(max_length=8, choices=AgeBand.choices)
    answers = models.JSONField(help_text="Indicator code → yes, no or unknown.")
    score = models.PositiveSmallIntegerField()
    band = models.CharField(max_length=16, choices=ScreeningBand.choices)
    drivers = models.JSONField(default=list, help_text="The indicator codes behind the band.")
    screened_at = models.DateTimeField(auto_now_add=True)
    referral = models.OneToOneField(
        Referral, on_delete=models.SET_NULL, null=True, blank=True, related_name="screening"
    )
    alert = models.ForeignKey(
        "notifications.Alert", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-screened_at", "-id"]
        indexes = [models.Index(fields=["screener", "screened_at"])]

    def __str__(self) -> str:
        return f"Screening {self.pk}: {self.band}"


from .recommendations.models import Recommendation  # noqa: E402,F401  (the mdt app's)
