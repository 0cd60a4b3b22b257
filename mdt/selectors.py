"""Reads of MDTs and referrals, scoped to the user."""

from django.db.models import QuerySet

from coordination.access import access_for

from .models import Referral


def referral_list(*, user) -> QuerySet[Referral]:
    """Referral rows: members of the referral's MDT and state admins; nobody else."""
    return Referral.objects.filter(access_for(user).mdt_records_q("mdt")).select_related(
        "mdt", "parish"
    )
