"""A region's rotations, their contacts in order, and recorded shift swaps."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from coordination.models import Region

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


class Handoff(models.TextChoices):
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"


class Rotation(models.Model):
    """Contacts take turns, handing over at `handoff_time` (every day, or every week on
    `handoff_weekday`), from `starts_on`. A rotation of a higher `layer` takes precedence
    where it is active; `active_days` and `active_from`/`active_until` limit when it is
    (a window whose end is before its start runs past midnight: 18:00 to 08:00)."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="rotations")
    name = models.CharField(max_length=80)
    layer = models.PositiveSmallIntegerField(
        default=0,
        validators=[MaxValueValidator(9)],
        help_text="0 is the base; a higher layer (nights, weekends) takes precedence.",
    )
    handoff = models.CharField(max_length=8, choices=Handoff.choices, default=Handoff.WEEKLY)
    handoff_time = models.TimeField(help_text="Local time of the hand-off.")
    handoff_weekday = models.PositiveSmallIntegerField(
        default=0,
        validators=[MaxValueValidator(6)],
        help_text="For a weekly hand-off: 0 is Monday, 6 is Sunday.",
    )
    starts_on = models.DateField(help_text="The first shift starts on this day's hand-off.")
    active_days = models.CharField(
        max_length=13,
        default="0,1,2,3,4,5,6",
        help_text="The days it is active (0 is Monday), counted from the window's start.",
    )
    active_from = models.TimeField(null=True, blank=True)
    active_until = models.TimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["region", "-layer", "id"]

    def __str__(self) -> str:
        return f"{self.region}: {self.name}"


class RotationMember(models.Model):
    rotation = models.ForeignKey(Rotation, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rotation_places"
    )
    position = models.PositiveSmallIntegerField(validators=[MinValueValidator(0)])

    class Meta:
        ordering = ["rotation", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["rotation", "position"], name="one_contact_per_rotation_position"
            )
        ]

    def __str__(self) -> str:
        return f"{self.rotation}: {self.position + 1}. {self.user}"


class ShiftSwap(models.Model):
    """`covered_by` is on duty in `rotation` instead of `contact` from `starts_at` to
    `ends_at`: recorded with who asked and when."""

    rotation = models.ForeignKey(Rotation, on_delete=models.CASCADE, related_name="swaps")
    contact = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    covered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="shift_swap_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.covered_by} covers {self.contact} ({self.rotation})"
