"""Reads of MDTs and referrals, scoped to the user."""

from dataclasses import dataclass

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from coordination.models import AgeBand, Role, RoleAssignment
from coordination.people.access import access_for
from coordination.plumbing.keyset import Key, Keyset

from .models import (
    MDT,
    CaseTeamMember,
    Meeting,
    MeetingSeries,
    Referral,
    ReferralShare,
    ReferralStatus,
    Screening,
)
from .recommendations.models import Recommendation, RecommendationStatus
from .timeliness.selectors import flags_from, overdue_q


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


# --- Finding cases ---------------------------------------------------------------------
def _rank(field: str, values) -> Case:
    """A coded field in its workflow order (not the alphabet), as a number to sort on."""
    return Case(
        *(When(**{field: value}, then=Value(rank)) for rank, value in enumerate(values)),
        default=Value(len(values)),
        output_field=IntegerField(),
    )


REFERRAL_SORTS = {
    "newest": Keyset("newest", [Key("received_on", True, "date"), Key("id", True)]),
    "oldest": Keyset("oldest", [Key("received_on", False, "date"), Key("id", False)]),
    "status": Keyset(
        "status",
        [Key("status_rank"), Key("received_on", False, "date"), Key("id", False)],
    ),
    "age_band": Keyset(
        "age_band",
        [Key("age_band_rank"), Key("received_on", True, "date"), Key("id", True)],
    ),
}
REFERRAL_SORT_LABELS = {
    "newest": "Newest received first",
    "oldest": "Waiting longest first",
    "status": "Status (received, in review, services engaged, closed)",
    "age_band": "Age band, youngest first",
}


@dataclass(frozen=True)
class ReferralSearch:
    """What a member may narrow the referral list by (every part optional)."""

    case_code: str = ""
    mdt_ids: tuple[int, ...] = ()
    parish_ids: tuple[int, ...] = ()
    statuses: tuple[str, ...] = ()
    trafficking_types: tuple[str, ...] = ()
    my_case_team: bool = False
    overdue: bool = False
    open_recommendations: bool = False


def referrals_sortable(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    """The sort ranks that REFERRAL_SORTS order by."""
    return referrals.annotate(
        status_rank=_rank("status", ReferralStatus.values),
        age_band_rank=_rank("age_band", AgeBand.values),
    )


def referrals_with_code(referrals: QuerySet[Referral], text: str) -> QuerySet[Referral]:
    """Case codes holding `text`, typed in any case ("k3q" finds R-7K3Q…)."""
    return referrals.filter(case_code__contains=text.strip().upper())


def referrals_on_case_team(referrals: QuerySet[Referral], *, user) -> QuerySet[Referral]:
    return referrals.filter(
        Exists(CaseTeamMember.objects.filter(referral=OuterRef("pk"), user=user))
    )


def referrals_overdue(referrals: QuerySet[Referral], today=None) -> QuerySet[Referral]:
    """Past one of their MDT's timeliness targets. Every MDT's targets are read (a few
    dozen rows statewide), one filter term per distinct pair of targets."""
    mdts = MDT.objects.only("pk", "target_review_days", "target_engaged_days")
    return referrals.filter(overdue_q(mdts, today))


def referrals_with_open_recommendations(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    return referrals.filter(
        Exists(
            Recommendation.objects.filter(referral=OuterRef("pk"), status=RecommendationStatus.OPEN)
        )
    )


def referral_search(*, user, search: ReferralSearch, today=None) -> QuerySet[Referral]:
    """The user's referrals (`referral_list`) narrowed by `search`, sortable by
    REFERRAL_SORTS. Every filter is a condition of the one query: a page costs the same
    on 20,000 referrals as on 20."""
    referrals = referrals_sortable(referral_list(user=user))
    if search.case_code:
        referrals = referrals_with_code(referrals, search.case_code)
    if search.mdt_ids:
        referrals = referrals.filter(mdt_id__in=search.mdt_ids)
    if search.parish_ids:
        referrals = referrals.filter(parish_id__in=search.parish_ids)
    if search.statuses:
        referrals = referrals.filter(status__in=search.statuses)
    if search.trafficking_types:
        referrals = referrals.filter(trafficking_type__in=search.trafficking_types)
    if search.my_case_team:
        referrals = referrals_on_case_team(referrals, user=user)
    if search.overdue:
        referrals = referrals_overdue(referrals, today)
    if search.open_recommendations:
        referrals = referrals_with_open_recommendations(referrals)
    return referrals


# What a page of referral rows reads beside its own columns, in the same query: its MDT's
# targets (a join on the MDT's key) and its open recommendations (a counted subquery).
ROW_EXTRA_COLUMNS = ("mdt__target_review_days", "mdt__target_engaged_days", "open_count")


def referrals_with_row_extras(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    open_count = (
        Recommendation.objects.filter(referral=OuterRef("pk"), status=RecommendationStatus.OPEN)
        .order_by()
        .values("referral")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return referrals.annotate(open_count=Coalesce(Subquery(open_count), 0))


def referral_row_extras(rows: list[dict], today=None) -> dict:
    """What a page of referral rows (`values()` with ROW_EXTRA_COLUMNS) shows beside its
    columns: case teams (one query whatever the page's size), timeliness flags and open
    recommendations."""
    today = today or timezone.localdate()
    return {
        "teams": case_teams_of([row["id"] for row in rows]),
        "flags": {
            row["id"]: flags_from(
                received_on=row["received_on"],
                status=row["status"],
                review_days=row["mdt__target_review_days"],
                engaged_days=row["mdt__target_engaged_days"],
                today=today,
            )
            for row in rows
        },
        "open_recommendations": {row["id"]: row["open_count"] for row in rows},
    }
