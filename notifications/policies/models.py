"""A region's escalation policy: the ordered steps an unacknowledged alert goes through."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from coordination.models import Region


class Notify(models.TextChoices):
    ON_DUTY = "on_duty", "The contact on duty"
    BACKUP = "backup", "The next contact on the rota"
    PERSON = "person", "A named person"
    COORDINATORS = "coordinators", "Every coordinator of the region"
    STATE_ADMINS = "state_admins", "The state admins"


class EscalationStep(models.Model):
    """Step `position` of `region`'s policy: notify whom, wait `wait_minutes` for an
    acknowledgement, page the same again `repeats` times, then go on to the next step. A
    region with no steps follows the default policy (on duty, next contact, state admins)."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="escalation_steps")
    position = models.PositiveSmallIntegerField()
    notify = models.CharField(max_length=16, choices=Notify.choices)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="Only for a step that notifies a named person.",
    )
    wait_minutes = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(1440)]
    )
    repeats = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(5)])

    class Meta:
        ordering = ["region", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "position"], name="one_escalation_step_per_position"
            ),
            models.CheckConstraint(
                condition=models.Q(notify="person", person__isnull=False)
                | (~models.Q(notify="person") & models.Q(person__isnull=True)),
                name="escalation_step_person_only_for_a_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region}: step {self.position + 1}, {self.get_notify_display()}"
