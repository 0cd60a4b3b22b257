"""Every write to an MDT's meetings: scheduling a series, moving and holding a meeting,
its agenda and minutes, invitations and attendance, and members' calendar feeds."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django_fsm import can_proceed

from coordination.models import Role
from coordination.people.access import access_for
from coordination.plumbing import measures
from coordination.plumbing.errors import Conflict
from coordination.plumbing.records import model_create, model_update
from coordination.privacy import guard_text

from ..models import (
    MDT,
    Attendance,
    CalendarFeed,
    Meeting,
    MeetingSeries,
    Referral,
    Rsvp,
)
from ..services import require_member
from . import recurrence

# A series is stored a year ahead at most (and 60 occurrences): a longer rule is cut.
SERIES_HORIZON = datetime.timedelta(days=366)


SERIES_MAX_OCCURRENCES = 60


# --- Meetings ------------------------------------------------------------------------
def _local_occurrences(
    rule: str | recurrence.Recurrence, first_start: datetime.datetime
) -> list[datetime.datetime]:
    """Check `rule` against the allow-list of `mdt.meetings.recurrence` (400 naming the part that
    is not allowed), then expand it in local wall-clock time, so that a 9:00 meeting stays
    at 9:00 across a daylight-saving change: at most SERIES_MAX_OCCURRENCES starts,
    SERIES_HORIZON ahead. Every allowed rule expands in milliseconds."""
    if not isinstance(rule, recurrence.Recurrence):
        rule = recurrence.parse(rule)
    return rule.occurrences(
        first_start,
        zone=timezone.get_current_timezone(),
        horizon=SERIES_HORIZON,
        limit=SERIES_MAX_OCCURRENCES,
    )


# The years a meeting may fall in. Far outside them a time is a typing slip; and before
# 1883 Louisiana kept local mean time, an offset (-05:50:36) no ISO 8601 time can carry.
MEETING_YEARS = range(2000, 2101)


def _check_times(starts_at: datetime.datetime, ends_at: datetime.datetime) -> None:
    for name, value in (("starts_at", starts_at), ("ends_at", ends_at)):
        if value.year not in MEETING_YEARS:
            raise ValidationError(
                {
                    name: [
                        f"A meeting falls between the years {MEETING_YEARS[0]} "
                        f"and {MEETING_YEARS[-1]}."
                    ]
                }
            )
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": ["A meeting ends after it starts."]})


@transaction.atomic
def meeting_schedule(
    *,
    actor,
    mdt: MDT,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    location: str = "",
    rrule: str = "",
) -> list[Meeting]:
    """Schedule a meeting, or with `rrule` a series of them; returns the meetings made."""
    require_member(actor, mdt.pk)
    _check_times(starts_at, ends_at)
    if not rrule:
        meeting = model_create(
            Meeting,
            data={"mdt": mdt, "starts_at": starts_at, "ends_at": ends_at, "location": location},
        )
        return [meeting]
    duration = ends_at - starts_at
    rule = recurrence.parse(rrule)
    starts = _local_occurrences(rule, starts_at)
    if not starts:
        raise ValidationError({"rrule": ["This rule has no occurrence in the coming year."]})
    series = model_create(
        MeetingSeries,
        data={
            "mdt": mdt,
            "rrule": str(rule),
            "starts_at": starts_at,
            "duration": duration,
            "location": location,
        },
    )
    meetings = _occurrences_stored(series, starts)
    return meetings


def _occurrences_stored(series: MeetingSeries, starts) -> list[Meeting]:
    zone = timezone.get_current_timezone()
    meetings = []
    for start in starts:
        # The end keeps its wall-clock distance from the start, DST or not.
        end = (start.replace(tzinfo=None) + series.duration).replace(tzinfo=zone)
        meetings.append(
            model_create(
                Meeting,
                data={
                    "mdt": series.mdt,
                    "series": series,
                    "starts_at": start,
                    "ends_at": end,
                    "location": series.location,
                },
            )
        )
    if meetings:
        series.generated_until = meetings[-1].starts_at
        series.save(update_fields=["generated_until"])
    return meetings


# How often, and how far: a series always reaches a year ahead; a pass extends at most this
# many series, each by at most SERIES_MAX_OCCURRENCES meetings (the next pass goes on).
SERIES_EXTENDED_PER_PASS = 200
# A rule's occurrences are walked from its first start: an old daily rule walks far.
OCCURRENCES_WALKED_MAX = 50_000


def meeting_series_extend(*, now: datetime.datetime | None = None) -> int:
    """Store each series' occurrences up to a year from now, with no step by hand; returns
    how many meetings were added. Series are claimed with row locks (skip_locked), so
    racing workers never add an occurrence twice."""
    now = now or timezone.now()
    reach = now + SERIES_HORIZON
    added = 0
    with transaction.atomic():
        due = (
            MeetingSeries.objects.select_for_update(skip_locked=True)
            .select_related("mdt")
            .filter(
                generated_until__lt=reach - datetime.timedelta(days=7),
                mdt__retired_at__isnull=True,
            )
            .order_by("generated_until")[:SERIES_EXTENDED_PER_PASS]
        )
        for series in due:
            added += len(_extend(series, reach))
    return added


def _extend(series: MeetingSeries, reach: datetime.datetime) -> list[Meeting]:
    rule = recurrence.parse(series.rrule)
    starts = rule.occurrences(
        series.starts_at,
        zone=timezone.get_current_timezone(),
        horizon=reach - series.starts_at,
        limit=OCCURRENCES_WALKED_MAX,
    )
    new = [start for start in starts if start > series.generated_until]
    if not new:  # the rule has ended (COUNT or UNTIL): nothing more to store this year
        series.generated_until = reach
        series.save(update_fields=["generated_until"])
        return []
    return _occurrences_stored(series, new[:SERIES_MAX_OCCURRENCES])


def _locked_meeting(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _require_scheduled(meeting: Meeting) -> None:
    if meeting.status != "scheduled":
        raise Conflict(
            f"The meeting is {meeting.get_status_display().lower()}.", status=meeting.status
        )


@transaction.atomic
def meeting_reschedule(
    *, actor, meeting: Meeting, starts_at, ends_at, location: str | None = None
) -> Meeting:
    """Move one meeting (one occurrence of a series moves alone)."""
    require_member(actor, meeting.mdt_id)
    meeting = _locked_meeting(meeting)
    _require_scheduled(meeting)
    _check_times(starts_at, ends_at)
    data = {"starts_at": starts_at, "ends_at": ends_at}
    if location is not None:
        data["location"] = location
    return model_update(instance=meeting, fields=("starts_at", "ends_at", "location"), data=data)


@transaction.atomic
def meeting_transition(*, actor, meeting: Meeting, transition: str) -> Meeting:
    """`hold` or `cancel` one meeting."""
    require_member(actor, meeting.mdt_id)
    meeting = _locked_meeting(meeting)
    if transition not in {"hold", "cancel"}:
        raise ValidationError({"transition": ["Not a transition: choose hold or cancel."]})
    method = getattr(meeting, transition)
    if not can_proceed(method):
        raise Conflict(
            f"A meeting that is {meeting.get_status_display().lower()} cannot {transition}."
        )
    method()
    meeting.save()
    if transition == "hold":  # MDT growth counts meetings held: bound outcomes recount
        region_id = meeting.mdt.region_id
        transaction.on_commit(lambda: measures.changed(region_id))
    return meeting


@transaction.atomic
def meeting_set_agenda(*, actor, meeting: Meeting, case_codes: Iterable[str]) -> Meeting:
    """The referrals to review, named by case code, all of the meeting's own MDT. Members
    only: the codes are looked up after that check, so nobody else learns which exist."""
    require_member(actor, meeting.mdt_id)
    meeting = _locked_meeting(meeting)
    codes = set(case_codes)
    referrals = list(Referral.objects.filter(mdt_id=meeting.mdt_id, case_code__in=codes))
    unknown = sorted(codes - {referral.case_code for referral in referrals})
    if unknown:
        raise ValidationError(
            {"referrals": [f"{len(unknown)} case code(s) are not referrals of this MDT."]}
        )
    meeting.agenda.set(referrals)
    return meeting


@transaction.atomic
def meeting_record_minutes(*, actor, meeting: Meeting, minutes: str) -> Meeting:
    require_member(actor, meeting.mdt_id)
    guard_text({"minutes": minutes})
    meeting = _locked_meeting(meeting)
    return model_update(instance=meeting, fields=("minutes",), data={"minutes": minutes})


@transaction.atomic
def referral_add_to_next_meeting(*, actor, referral: Referral) -> Meeting | None:
    """Put a referral on its MDT's next scheduled meeting, if there is one."""
    require_member(actor, referral.mdt_id)
    meeting = (
        Meeting.objects.filter(
            mdt_id=referral.mdt_id, status="scheduled", starts_at__gte=timezone.now()
        )
        .order_by("starts_at")
        .first()
    )
    if meeting is not None:
        meeting.agenda.add(referral)
    return meeting


# --- Calendar feeds ------------------------------------------------------------------
@transaction.atomic
def calendar_feed_for(*, actor) -> CalendarFeed:
    feed, _ = CalendarFeed.objects.get_or_create(
        user=actor, defaults={"token": secrets.token_urlsafe(32)}
    )
    return feed


@transaction.atomic
def calendar_feed_renew(*, actor) -> CalendarFeed:
    """Revoke the current feed URL and issue a new one."""
    CalendarFeed.objects.filter(user=actor).delete()
    return CalendarFeed.objects.create(user=actor, token=secrets.token_urlsafe(32))


# --- RSVP and attendance -------------------------------------------------------------
@transaction.atomic
def meeting_rsvp(*, actor, meeting: Meeting, answer: str) -> Attendance:
    """A member answers `attending` or `declined`."""
    if meeting.mdt_id not in access_for(actor).mdt_ids:
        raise PermissionDenied("Only the MDT's members answer its invitations.")
    if answer not in Rsvp.values:
        raise ValidationError({"answer": [f"Answer {' or '.join(Rsvp.values)}."]})
    meeting = _locked_meeting(meeting)
    _require_scheduled(meeting)
    attendance, _ = Attendance.objects.update_or_create(
        meeting=meeting, user=actor, defaults={"rsvp": answer}
    )
    return attendance


@transaction.atomic
def meeting_record_attendance(
    *, actor, meeting: Meeting, present_user_ids: Iterable[int]
) -> Meeting:
    """Tick who was there: every member of the MDT is recorded present or absent."""
    require_member(actor, meeting.mdt_id)
    meeting = _locked_meeting(meeting)
    members = set(
        meeting.mdt.role_assignments.filter(role=Role.MDT_MEMBER).values_list("user_id", flat=True)
    )
    present = set(present_user_ids)
    strangers = present - members
    if strangers:
        raise ValidationError({"present": ["Only members of the MDT can be recorded present."]})
    for user_id in members:
        Attendance.objects.update_or_create(
            meeting=meeting, user_id=user_id, defaults={"present": user_id in present}
        )
    return meeting
