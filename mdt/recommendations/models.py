"""A meeting's recommendation for a referral (imported by `mdt.models`, so it belongs to
the `mdt` app)."""

from django.conf import settings
from django.db import models
from django_fsm import FSMField, FSMModelMixin, transition

from coordination.bounds import plausible_date
from coordination.models import Agency, Discipline

NOTES_LENGTH = 300
REASON_LENGTH = 300


class RecommendationKind(models.TextChoices):
    SAFETY_PLANNING = "safety_planning", "Safety planning"
    FORENSIC_INTERVIEW = "forensic_interview", "Forensic interview"
    MEDICAL = "medical", "Medical care"
    MENTAL_HEALTH = "mental_health", "Mental health care"
    HOUSING = "housing", "Housing"
    LEGAL = "legal", "Legal help"
    SERVICES_REFERRAL = "services_referral", "Referral to services"
    OTHER = "other", "Other"


class RecommendationStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


class Recommendation(FSMModelMixin, models.Model):
    """What a meeting decided for one referral. Its owner is an agency or a discipline,
    and may name one member; its notes are short and guarded like every free text."""

    referral = models.ForeignKey(
        "mdt.Referral", on_delete=models.CASCADE, related_name="recommendations"
    )
    # The meeting that made it; kept if that meeting row ever goes.
    meeting = models.ForeignKey(
        "mdt.Meeting",
        on_delete=models.SET_NULL,
        null=True,
        related_name="recommendations_made",
    )
    kind = models.CharField(max_length=32, choices=RecommendationKind.choices)
    owner_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    owner_discipline = models.CharField(max_length=32, choices=Discipline.choices, blank=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recommendations_owned",
    )
    due_on = models.DateField(validators=[plausible_date])
    notes = models.CharField(max_length=NOTES_LENGTH, blank=True)
    status = FSMField(
        default=RecommendationStatus.OPEN, choices=RecommendationStatus.choices, protected=True
    )
    drop_reason = models.CharField(max_length=REASON_LENGTH, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["status", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(owner_agency__isnull=True, owner_discipline=""),
                name="recommendation_has_an_owner",
                violation_error_message="Name the agency or the discipline that owns it.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.referral_id}"

    @transition(field=status, source=RecommendationStatus.OPEN, target=RecommendationStatus.DONE)
    def complete(self, *, by, at) -> None:
        self.closed_by, self.closed_at = by, at

    @transition(field=status, source=RecommendationStatus.OPEN, target=RecommendationStatus.DROPPED)
    def drop(self, *, by, at, reason: str) -> None:
        self.closed_by, self.closed_at, self.drop_reason = by, at, reason
