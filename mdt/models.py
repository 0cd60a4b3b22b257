"""Multidisciplinary teams. Meetings, referrals and screening arrive with issues 4 and 8;
the team itself exists from the start because `mdt_member` roles are scoped to one."""

from django.conf import settings
from django.db import models

from coordination.models import Parish, Region


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

    class Meta:
        ordering = ["name"]
        verbose_name = "MDT"
        verbose_name_plural = "MDTs"

    def __str__(self) -> str:
        return self.name
