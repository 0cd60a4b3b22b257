"""Reads of MDTs and referrals, scoped to the user."""

from django.db.models import QuerySet

from coordination.access import access_for

from .models import MDT, Meeting, Referral


def referral_list(*, user) -> QuerySet[Referral]:
    """Referral rows: members of the referral's MDT and state admins; nobody else."""
    return Referral.objects.filter(access_for(user).mdt_records_q("mdt")).select_related(
        "mdt", "parish"
    )


def mdt_list(*, user) -> QuerySet[MDT]:
    """MDTs the user belongs to, or whose region they coordinate; others see none."""
    return (
        MDT.objects.filter(access_for(user).mdt_schedules_q("pk"))
        .select_related("region", "chair")
        .prefetch_related("parishes", "memberships__user", "memberships__agency")
    )


def meeting_list(*, user) -> QuerySet[Meeting]:
    """Meetings of those MDTs: the schedule. Agenda and minutes are for members only."""
    return Meeting.objects.filter(access_for(user).mdt_schedules_q("mdt")).select_related(
        "mdt", "mdt__region"
    )


def sees_inside(*, user, mdt_id: int) -> bool:
    """Members (and state admins) see agenda, minutes and referrals; a coordinator of the
    region sees only the schedule."""
    access = access_for(user)
    return access.is_state_admin or mdt_id in access.mdt_ids
