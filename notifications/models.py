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


class AlertGroup(models.TextChoices):
    """Whom an alert is given to when a step of the escalation policy names a group."""

    COORDINATORS = "coordinators", "Every coordinator of the region"
    STATE_ADMINS = "state_admins", "The state admins"


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
        help_text="Empty while a group has it (`assigned_group`).",
    )
    assigned_group = models.CharField(
        max_length=16,
        choices=AlertGroup.choices,
        blank=True,
        help_text="Everyone of this group is paged, and any of them may answer.",
    )
    # The step of the region's escalation policy the alert is at (0 is the first), and how
    # many times that step has paged again (its repeats).
    escalation_level = models.PositiveSmallIntegerField(default=0)
    escalation_repeat = models.PositiveSmallIntegerField(default=0)
    # The alert's clock: when a triggered alert escalates, or when an acknowledged one is
    # triggered again (the region's acknowledgement timeout); empty once resolved.
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

    @transition(field=status, source=AlertStatus.ACKNOWLEDGED, target=AlertStatus.TRIGGERED)
    def trigger_again(self) -> None:
        """Acknowledged, then left unresolved past the region's acknowledgement timeout:
        it waits for an acknowledgement again (the history keeps the first one)."""
        self.acknowledged_at, self.acknowledged_by = None, None

    @transition(
        field=status,
        source=[AlertStatus.TRIGGERED, AlertStatus.ACKNOWLEDGED],
        target=AlertStatus.RESOLVED,
    )
    def resolve(self, *, at, by) -> None:
        self.resolved_at, self.resolved_by, self.escalate_at = at, by, None


class AlertEventKind(models.TextChoices):
    RAISED = "raised", "Raised"
    ESCALATED = "escalated", "Escalated"
    HANDED_OVER = "handed_over", "Handed over to the contact now on duty"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    RESOLVED = "resolved", "Resolved"
    TRIGGERED_AGAIN = "triggered_again", "Triggered again: acknowledged but not resolved in time"
    PAGED_AGAIN = "paged_again", "Paged again (the step repeats)"


class AlertEvent(models.Model):
    """The alert's history: raised, escalated, handed over, acknowledged, resolved."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=16, choices=AlertEventKind.choices)
    at = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    escalation_level = models.PositiveSmallIntegerField(help_text="The policy's step, from 0.")

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.alert}: {self.kind}"


class DutyOverride(models.Model):
    """A recorded "take over now": `contact` is the region's on-duty primary from
    `started_at` until handed back (`ended_at`) or until `ends_at`, if one was set."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="duty_overrides")
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="duty_overrides"
    )
    reason = models.CharField(max_length=200, blank=True)
    started_at = models.DateTimeField()
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    ends_at = models.DateTimeField(
        null=True, blank=True, help_text="Planned end; empty means until handed back."
    )
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-started_at", "-id"]
        constraints = [
            # At most one override in force per region: a new one ends the last.
            models.UniqueConstraint(
                fields=["region"],
                condition=models.Q(ended_at__isnull=True),
                name="one_open_duty_override_per_region",
                violation_error_message="This region already has an override in force.",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gt=models.F("started_at")),
                name="duty_override_ends_after_it_starts",
                violation_error_message="The override must end after it starts.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contact} on duty for {self.region} from {self.started_at:%Y-%m-%d %H:%M}"

    def in_force(self, now) -> bool:
        return self.ended_at is None and (self.ends_at is None or self.ends_at > now)


class AlertConnection(models.Model):
    """An open `/ws/alerts/` socket, refreshed by the socket's heartbeat: how a coordinator
    knows whether the on-duty contact would see an alert now. Rows of a crashed process
    simply go stale (`seen_at`)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alert_connections"
    )
    channel_name = models.CharField(max_length=200, unique=True)
    opened_at = models.DateTimeField()
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.user} connected since {self.opened_at:%Y-%m-%d %H:%M}"


class PushSubscription(models.Model):
    """One device's Web Push subscription (its browser's push service endpoint and the keys
    that encrypt for it, RFC 8291): a contact's phone gets alerts with the console closed
    and the screen locked. Listed on the person's own page and revocable; a push service
    that answers 404 or 410 has dropped it, and so does Lantern."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=120, help_text="The device's public key (base64url).")
    auth = models.CharField(max_length=40, help_text="The device's auth secret (base64url).")
    label = models.CharField(max_length=80, help_text="What the person calls the device.")
    created_at = models.DateTimeField(auto_now_add=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    failures = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.user} — {self.label}"


class Channel(models.TextChoices):
    PUSH = "push", "Phone notification"
    SMS = "sms", "Text message"
    VOICE = "voice", "Voice call"
    EMAIL = "email", "E-mail"


class DeliveryStatus(models.TextChoices):
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    GONE = "gone", "Device gone (subscription removed)"


class AlertNotification(models.Model):
    """Each attempt to reach a person outside the console, with its outcome: what a
    coordinator reads to know whether the phone was reached."""

    alert = models.ForeignKey(
        Alert, on_delete=models.CASCADE, related_name="notifications", null=True, blank=True
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=16, choices=Channel.choices)
    status = models.CharField(max_length=16, choices=DeliveryStatus.choices)
    detail = models.CharField(max_length=200, blank=True)
    # The SMS or call's id at the provider (Twilio's SID), and the last status its delivery
    # callbacks reported (queued, sent, delivered, undelivered, failed; ringing, completed,
    # busy, no-answer).
    provider_id = models.CharField(max_length=64, blank=True, db_index=True)
    provider_status = models.CharField(max_length=32, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} to {self.user}: {self.status}"


class ContactPhone(models.Model):
    """A person's own work phone, for SMS and voice alerts once that channel is switched on.
    Staff contact details, entered by the person on their alert settings page: kept apart
    from case data, and not put through the privacy guard."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_phone"
    )
    number = models.CharField(max_length=20, help_text="E.164, such as +15045550123.")
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.user}'s phone"


# The on-call schedules' tables live in their room (notifications/schedules/); imported here
# so that Django finds them.
from .policies.models import EscalationStep  # noqa: E402, F401
from .rules.models import NotificationRule, NotificationStep  # noqa: E402, F401
from .schedules.models import Rotation, RotationMember, ShiftSwap  # noqa: E402, F401
