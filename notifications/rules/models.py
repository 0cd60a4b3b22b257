"""A person's notification rules, and the steps a delivery of an alert plans from them."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models

from ..models import Alert, Channel


class NotificationRule(models.Model):
    """One step of how alerts reach a person: `channel`, `delay_minutes` after the alert
    reaches them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_rules"
    )
    position = models.PositiveSmallIntegerField()
    channel = models.CharField(max_length=16, choices=Channel.choices)
    delay_minutes = models.PositiveSmallIntegerField(validators=[MaxValueValidator(60)])

    class Meta:
        ordering = ["user", "position"]
        constraints = [
            models.UniqueConstraint(fields=["user", "position"], name="one_rule_per_position")
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_channel_display()} after {self.delay_minutes} min"


class NotificationStep(models.Model):
    """A later step of a delivery: at `due_at`, reach `user` by `channel` about `alert` if
    it still waits for them. Claimed with a row lock, so each runs once."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=16, choices=Channel.choices)
    due_at = models.DateTimeField()
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        indexes = [models.Index(fields=["done_at", "due_at"])]

    def __str__(self) -> str:
        return f"{self.channel} to {self.user} about {self.alert} at {self.due_at:%H:%M}"
