"""Reads of MDTs and referrals, scoped to the user."""

from django.db.models import Q, QuerySet

from coordination.models import Role, RoleAssignment
from coordination.people.access import access_for

from .models import (
    MDT,
    CaseTeamMember,
    Meeting,
    MeetingSeries,
    Referral,
    ReferralShare,
    Screening,
)


def referral_list(*, user) -> QuerySet[Referral]:
    """Referral rows: members of the referral's MDT (or of an MDT it was shared with) and
    state admins; nobody else."""
    access = access_for(user)
    referrals = Referral.objects.select_related("mdt", "parish").prefetch_related("case_team__user")
    if access.is_state_admin:
        return referrals
    # Their MDTs' referrals, and those shared with their MDTs (with recorded consent).
    mine = referrals.filter(mdt__in=access.mdt_ids).values("pk")
    shared = ReferralShare.objects.filter(to_mdt__in=access.mdt_ids).values("referral")
    return referrals.filter(Q(pk__in=mine) | Q(pk__in=shared))


def case_teams_of(referral_ids: list[int]) -> dict[int, list[dict]]:
    """The case teams of already-scoped referrals, as plain rows, in one query."""
    teams: dict[int, list[dict]] = {}
    seats = CaseTeamMember.objects.filter(referral_id__in=referral_ids).values(
        "referral_id", "user__username", "discipline", "joined_at"
    )
    for seat in seats:
        teams.setdefault(seat["referral_id"], []).append(seat)
    return teams


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


def meeting_series_list(*, user) -> QuerySet[MeetingSeries]:
    """Series of the meetings the user sees."""
    return MeetingSeries.objects.filter(meetings__in=meeting_list(user=user)).distinct()


def sees_inside(*, user, mdt_id: int) -> bool:
    """Members (and state admins) see agenda, minutes and referrals; a coordinator of the
    region sees only the schedule."""
    access = access_for(user)
    return access.member_of(mdt_id)


def member_ids(*, mdt_id: int) -> list[int]:
    """The user ids of the MDT's members (those holding its `mdt_member` role)."""
    return list(
        RoleAssignment.objects.filter(role=Role.MDT_MEMBER, mdt_id=mdt_id).values_list(
            "user_id", flat=True
        )
    )


def meeting_members(*, meeting: Meeting) -> list[dict]:
    """The MDT's members with their answer and presence for this meeting."""
    records = {row.user_id: row for row in meeting.attendance.all()}
    members = meeting.mdt.role_assignments.filter(role=Role.MDT_MEMBER).select_related("user")
    return [
        {
            "user": assignment.user,
            "rsvp": getattr(records.get(assignment.user_id), "rsvp", ""),
            "present": getattr(records.get(assignment.user_id), "present", None),
        }
        for assignment in members.order_by("user__username")
    ]


def screening_list(*, user) -> QuerySet[Screening]:
    """A screener's own screens, and nobody else's: not even a state admin reads who
    screened whom (the statistics are for everyone)."""
    if not getattr(user, "is_authenticated", False):
        return Screening.objects.none()
    return Screening.objects.filter(screener=user).select_related(
        "instrument", "parish", "referral"
    )
