"""Annual reporting: a reporting cycle per year, each provider's submission and its
versions, and the de-identified case rows the statewide report is built from."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django_fsm import FSMField, FSMModelMixin, transition

from ..bounds import plausible_date
from ..cases import AgeBand, TraffickingType, VictimStatus
from ..people.models import Agency, Parish


# --- statewide statistics: the annual report to the legislature ------------------------------
class ServiceOffered(models.TextChoices):
    CASE_MANAGEMENT = "case_management", "Case management"
    SAFE_HOUSING = "safe_housing", "Safe housing"
    EMERGENCY_SHELTER = "emergency_shelter", "Emergency shelter"
    MEDICAL = "medical", "Medical care"
    MENTAL_HEALTH = "mental_health", "Mental health"
    SUBSTANCE_USE = "substance_use", "Substance use treatment"
    LEGAL = "legal", "Legal services"
    EDUCATION = "education", "Education"
    EMPLOYMENT = "employment", "Employment and job training"
    TRANSPORTATION = "transportation", "Transportation"
    FAMILY_REUNIFICATION = "family_reunification", "Family reunification"
    OTHER = "other", "Other"


class CaseStatusUpdate(models.TextChoices):
    """The coded status update a provider gives for each person served in the year."""

    RECEIVING_SERVICES = "receiving_services", "Receiving services"
    SERVICES_COMPLETED = "services_completed", "Services completed"
    REFERRED_ELSEWHERE = "referred_elsewhere", "Referred to another provider"
    REUNIFIED = "reunified", "Reunified with family"
    DECLINED_SERVICES = "declined_services", "Declined services"
    LOST_CONTACT = "lost_contact", "Lost contact"
    OTHER = "other", "Other"


class CycleStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


def reminder_days_before() -> list[int]:
    return [14, 3]


def reminder_days_after() -> list[int]:
    return [1, 7, 30]


class Cadence(models.TextChoices):
    ANNUAL = "annual", "Annual"
    SEMIANNUAL = "semiannual", "Semi-annual"
    QUARTERLY = "quarterly", "Quarterly"


PERIODS = {Cadence.ANNUAL: 1, Cadence.SEMIANNUAL: 2, Cadence.QUARTERLY: 4}


class ReportingCycle(FSMModelMixin, models.Model):
    """One round of reporting: which providers are asked, by when. The annual cycles make
    the statewide report; a semi-annual or quarterly one collects, for a funder, the same
    coded rows over its `period` (a half or a quarter of `year`). Providers may submit and
    revise until the state admin closes it."""

    year = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    cadence = models.CharField(max_length=12, choices=Cadence.choices, default=Cadence.ANNUAL)
    period = models.PositiveSmallIntegerField(
        default=1, help_text="The half (1-2) or quarter (1-4) of the year; 1 for annual."
    )
    funder = models.CharField(
        max_length=120,
        blank=True,
        help_text="Whose measures a semi-annual or quarterly cycle collects (a grant).",
    )
    providers = models.ManyToManyField(Agency, related_name="reporting_cycles")
    deadline = models.DateField(validators=[plausible_date])
    status = FSMField(default=CycleStatus.OPEN, choices=CycleStatus.choices, protected=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # When the providers that have not submitted (nor declined) are reminded by e-mail:
    # days before the deadline, and days after it.
    remind_days_before = models.JSONField(default=reminder_days_before, blank=True)
    remind_days_after = models.JSONField(default=reminder_days_after, blank=True)
    # Set by a state admin: the year's suppressed figures are on the public dashboard.
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "cadence", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "cadence", "period"],
                name="one_cycle_per_period",
                violation_error_message="This year already has that reporting cycle.",
            ),
            models.CheckConstraint(
                condition=Q(cadence="annual", period=1)
                | Q(cadence="semiannual", period__in=[1, 2])
                | Q(cadence="quarterly", period__in=[1, 2, 3, 4]),
                name="cycle_period_fits_its_cadence",
                violation_error_message="Annual: period 1; semi-annual: 1-2; quarterly: 1-4.",
            ),
        ]

    def __str__(self) -> str:
        return f"Reporting cycle {self.label}"

    @property
    def label(self) -> str:
        """ "2025", "2025, first half", "2025, Q3"."""
        if self.cadence == Cadence.SEMIANNUAL:
            return f"{self.year}, {'first' if self.period == 1 else 'second'} half"
        if self.cadence == Cadence.QUARTERLY:
            return f"{self.year}, Q{self.period}"
        return str(self.year)

    @property
    def file_label(self) -> str:
        """The label in a download's file name: "2025", "2025-first-half", "2025-Q3"."""
        return self.label.replace(", ", "-").replace(" ", "-")

    @transition(field=status, source=CycleStatus.OPEN, target=CycleStatus.CLOSED)
    def close(self, *, at) -> None:
        self.closed_at = at


class AnnualSubmission(models.Model):
    """A provider's report for a year. Its content lives in versions: each revision adds
    one, every version is kept, and the report counts the current one."""

    cycle = models.ForeignKey(ReportingCycle, on_delete=models.PROTECT, related_name="submissions")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="submissions")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["cycle", "agency__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "agency"],
                name="one_submission_per_provider_and_year",
                violation_error_message="This provider already has a submission for the year.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} — {self.cycle.year}"


class SubmissionSource(models.TextChoices):
    FORM = "form", "Web form or API"
    UPLOAD = "upload", "Uploaded file"


class SubmissionVersion(models.Model):
    submission = models.ForeignKey(
        AnnualSubmission, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField()
    is_current = models.BooleanField(default=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    source = models.CharField(max_length=8, choices=SubmissionSource.choices)
    services_offered = models.JSONField(default=list)
    parishes_served = models.ManyToManyField(Parish, related_name="+")
    children_served = models.PositiveIntegerField()
    adults_served = models.PositiveIntegerField()

    class Meta:
        ordering = ["submission", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "number"], name="submission_version_numbers_unique"
            ),
            models.UniqueConstraint(
                fields=["submission"],
                condition=Q(is_current=True),
                name="one_current_version_per_submission",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.submission}, version {self.number}"


class ServedCase(models.Model):
    """One person served in the year, by the provider's own de-identified case code."""

    version = models.ForeignKey(SubmissionVersion, on_delete=models.CASCADE, related_name="cases")
    case_code = models.CharField(max_length=20)
    trafficking_type = models.CharField(max_length=16, choices=TraffickingType.choices)
    victim_status = models.CharField(max_length=16, choices=VictimStatus.choices)
    age_band = models.CharField(max_length=8, choices=AgeBand.choices)
    parish = models.ForeignKey(Parish, on_delete=models.PROTECT, related_name="+")
    status_update = models.CharField(max_length=24, choices=CaseStatusUpdate.choices)

    class Meta:
        ordering = ["version", "case_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "case_code"], name="one_row_per_case_code_per_version"
            )
        ]
        indexes = [models.Index(fields=["version", "trafficking_type", "victim_status"])]

    def __str__(self) -> str:
        return self.case_code


# --- who has answered: a provider's word, and the reminders sent --------------------------------
class DeclineReason(models.TextChoices):
    """Why a provider declines to report (the reasons Louisiana's providers gave)."""

    CONFIDENTIALITY = "confidentiality", "Concern that reporting breaches federal confidentiality"
    NOT_REQUIRED = "not_required", "Not required to report"
    NO_CASES = "no_cases", "Served no one in the year"
    NO_CAPACITY = "no_capacity", "No staff time to report"
    OTHER = "other", "Another reason"


class ResponseStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    DECLINED = "declined", "Declined"


class ProviderResponse(models.Model):
    """What a provider asked in a cycle said before (or instead of) submitting: working on
    it, or declined with a coded reason. A submission supersedes it."""

    cycle = models.ForeignKey(ReportingCycle, on_delete=models.CASCADE, related_name="responses")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=16, choices=ResponseStatus.choices)
    reason = models.CharField(max_length=24, choices=DeclineReason.choices, blank=True)
    noted_at = models.DateTimeField()
    noted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["cycle", "agency"], name="one_response_per_provider"),
            models.CheckConstraint(
                condition=Q(status="declined", reason__gt="")
                | (~Q(status="declined") & Q(reason="")),
                name="a_decline_gives_a_reason",
                violation_error_message="A decline gives a reason from the list.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agency} — {self.cycle.year}: {self.get_status_display()}"


class ReportingReminder(models.Model):
    """A reminder e-mail due `days` before (negative) or after the deadline, once per
    provider: sent (to how many reporters) or passed over, when a later one was due."""

    cycle = models.ForeignKey(ReportingCycle, on_delete=models.CASCADE, related_name="reminders")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    days = models.SmallIntegerField(help_text="Days after the deadline; negative before it.")
    due_on = models.DateField(help_text="The day it fell due (the deadline moved: new dates).")
    sent_at = models.DateTimeField()
    recipients = models.PositiveSmallIntegerField(
        default=0, help_text="Reporters it reached: 0 until sent, or if none could be."
    )
    skipped = models.BooleanField(default=False, help_text="A later reminder was due: not sent.")

    class Meta:
        ordering = ["cycle", "agency", "days"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "agency", "due_on"], name="one_reminder_per_provider_and_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} — {self.cycle.year}: reminder at {self.days:+d} days"


class SubmissionReceipt(models.Model):
    """The signed receipt issued when a version was accepted (coordination/reporting/
    receipts.py): kept as issued, so the provider can fetch it again."""

    version = models.OneToOneField(
        SubmissionVersion, on_delete=models.CASCADE, related_name="receipt"
    )
    issued_at = models.DateTimeField()
    document = models.JSONField()

    def __str__(self) -> str:
        return f"Receipt of {self.version}"
