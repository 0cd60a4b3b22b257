"""Rapid-response alerts: raised, assigned to the region's on-duty contact, pushed live,
acknowledged, resolved — and escalated when nobody acknowledges in time. The clock lives
in the database (`escalate_at`), so a restart loses nothing."""

from django.conf import settings
from django.db import models
from django_fsm import FSMField, FSMModelMixin, transition

from coordination.models import Region


class Severity(models.TextChoices):
    INFO = "info", "Info"
    URGENT = "urgent", "Urgent"
    CRITICAL = "critical", "Critical"


class AlertStatus(models.TextChoices):
    TRIGGERED = "triggered", "Triggered"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    RESOLVED = "resolved", "Resolved"


class EscalationLevel(models.IntegerChoices):
    PRIMARY = 0, "Primary contact"
    BACKUP = 1, "Backup contact"
    STATE_ADMINS = 2, "State admins"


class Alert(FSMModelMixin, models.Model):
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="alerts")
    severity = models.CharField(max_length=16, choices=Severity.choices)
    summary = models.CharField(max_length=500)
    # Points up the layers (mdt stands on notifications): by name, never by import.
    referral = models.ForeignKey(
        "mdt.Referral", on_delete=models.SET_NULL, null=True, blank=True, related_name="alerts"
    )
    status = FSMField(default=AlertStatus.TRIGGERED, choices=AlertStatus.choices, protected=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_alerts",
        help_text="Empty once escalated to the state admins (all of them are alerted).",
    )
    escalation_level = models.PositiveSmallIntegerField(
        choices=EscalationLevel.choices, default=EscalationLevel.PRIMARY
    )
    escalate_at = models.DateTimeField(null=True, blank=True, db_index=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="raised_alerts"
    )
    raised_at = models.DateTimeField(auto_now_add=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["status", "escalate_at"])]

    def __str__(self) -> str:
        return f"Alert {self.pk} ({self.severity}, {self.status})"

    @transition(field=status, source=AlertStatus.TRIGGERED, target=AlertStatus.ACKNOWLEDGED)
    def acknowledge(self, *, at, by) -> None:
        self.acknowledged_at, self.acknowledged_by, self.escalate_at = at, by, None

    @transition(
        field=status,
        source=[AlertStatus.TRIGGERED, AlertStatus.ACKNOWLEDGED],
        target=AlertStatus.RESOLVED,
    )
    def resolve(self, *, at, by) -> None:
        self.resolved_at, self.resolved_by, self.escalate_at = at, by, None


class AlertEvent(models.Model):
    """The alert's history: raised, escalated, acknowledged, resolved."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16)
    at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    escalation_level = models.PositiveSmallIntegerField(choices=EscalationLevel.choices)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.alert}: {self.kind}"
