"""Writes to MDTs, their members and their referrals.

Referral services lock the row, guard every free text, and append to the audit log in
the same transaction: a caller may assume that what was stored was audited.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django_fsm import can_proceed

from coordination.models import AgeBand, Agency, AuditAction, Discipline, Parish, Region, Role
from coordination.people.access import access_for
from coordination.people.services import audit_record, mdt_access_grant, mdt_access_withdraw
from coordination.plumbing.errors import Conflict
from coordination.plumbing.push import push_after_commit
from coordination.plumbing.records import model_create, model_update
from coordination.plumbing.throttling import SCREENING, check_rate
from coordination.privacy import guard_text
from notifications import services as notifications_services

from . import recurrence
from . import screening as screening_scores
from .events import referral_changed, referral_group
from .models import (
    MDT,
    REFERRABLE_BANDS,
    REFERRAL_TRANSITIONS,
    Answer,
    Attendance,
    CalendarFeed,
    CaseTeamMember,
    Consent,
    Meeting,
    MeetingSeries,
    Membership,
    Need,
    Referral,
    ReferralShare,
    Rsvp,
    Screening,
    ScreeningBand,
    ScreeningIndicator,
    ScreeningInstrument,
    StatusUpdate,
)

# A series is stored a year ahead at most (and 60 occurrences): a longer rule is cut.
SERIES_HORIZON = datetime.timedelta(days=366)
SERIES_MAX_OCCURRENCES = 60

REFERRAL_FIELDS = (
    "received_on",
    "age_band",
    "trafficking_type",
    "victim_status",
    "referral_source",
    "parish",
    "needs",
    "notes",
)


# --- MDTs and members ----------------------------------------------------------------
def _require_mdt_setup(actor) -> None:
    if not access_for(actor).may_edit_reference_data:
        raise PermissionDenied("Only a state admin may set up an MDT.")


def _require_member_manager(actor) -> None:
    if not access_for(actor).may_manage_people:
        raise PermissionDenied("Only a state admin may change an MDT's members.")


@transaction.atomic
def mdt_create(
    *, actor, name: str, region: Region, parishes: Iterable[Parish] = (), chair=None
) -> MDT:
    _require_mdt_setup(actor)
    return model_create(
        MDT, data={"name": name, "region": region, "parishes": list(parishes), "chair": chair}
    )


@transaction.atomic
def mdt_update(*, actor, mdt: MDT, data) -> MDT:
    _require_mdt_setup(actor)
    return model_update(instance=mdt, fields=("name", "region", "parishes", "chair"), data=data)


@transaction.atomic
def membership_add(*, actor, mdt: MDT, user, agency: Agency, discipline: str) -> Membership:
    """Put `user` on the MDT (and give them the `mdt_member` role that grants access)."""
    _require_member_manager(actor)
    membership = model_create(
        Membership, data={"mdt": mdt, "user": user, "agency": agency, "discipline": discipline}
    )
    mdt_access_grant(actor=actor, user=user, mdt=mdt)
    return membership


@transaction.atomic
def membership_remove(*, actor, membership: Membership) -> None:
    _require_member_manager(actor)
    mdt_access_withdraw(actor=actor, user=membership.user, mdt=membership.mdt)
    membership.delete()


# --- Referrals -----------------------------------------------------------------------
def _require_member(actor, mdt_id: int) -> None:
    access = access_for(actor)
    if not (access.is_state_admin or mdt_id in access.mdt_ids):
        raise PermissionDenied("Only members of the MDT may record or change its referrals.")


def _validate_referral(*, mdt: MDT, data: Mapping[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    parish = data.get("parish")
    if parish is not None and parish.region_id != mdt.region_id:
        errors["parish"] = [f"Choose a parish of {mdt.region.name}, the MDT's region."]
    needs = data.get("needs")
    if needs is not None:
        if not isinstance(needs, list) or not set(needs) <= set(Need.values):
            errors["needs"] = [f"Choose among: {', '.join(Need.values)}."]
        elif len(set(needs)) != len(needs):
            errors["needs"] = ["Name each need once."]
    received_on = data.get("received_on")
    if received_on is not None and received_on > timezone.localdate():
        errors["received_on"] = ["A referral cannot be received in the future."]
    if errors:
        raise ValidationError(errors)
    guard_text({"notes": data.get("notes", "")})


@transaction.atomic
def referral_create(*, actor, mdt: MDT, **fields) -> Referral:
    """Record a de-identified referral for `mdt`; its case code is random."""
    _require_member(actor, mdt.pk)
    unknown = set(fields) - set(REFERRAL_FIELDS)
    if unknown:
        raise ValidationError({name: ["Not a referral field."] for name in sorted(unknown)})
    _validate_referral(mdt=mdt, data=fields)
    referral = model_create(Referral, data={"mdt": mdt, "created_by": actor, **fields})
    _referral_changed(actor=actor, referral=referral, action=AuditAction.CREATE)
    return referral


def _referral_changed(
    *, actor, referral: Referral, action: str, detail: str = "", what: str | None = None
) -> None:
    """A referral changed: audit it now and, when `what` names the change, tell its open
    pages and case team after commit (one helper for every referral service)."""
    audit_record(
        user=actor, action=action, object_type="referral", object_ids=[referral.pk], detail=detail
    )
    if what:
        push_after_commit(referral_group(referral.pk), referral_changed(referral, what=what))


def _locked(referral: Referral) -> Referral:
    return (
        Referral.objects.select_for_update(of=("self",))
        .select_related("mdt__region")
        .get(pk=referral.pk)
    )


@transaction.atomic
def referral_update(*, actor, referral: Referral, data: Mapping[str, Any]) -> Referral:
    _require_member(actor, referral.mdt_id)
    referral = _locked(referral)
    if referral.status == "closed":
        raise Conflict("The referral is closed: it no longer changes.")
    _validate_referral(mdt=referral.mdt, data=data)
    changed = sorted(
        name for name in REFERRAL_FIELDS if name in data and getattr(referral, name) != data[name]
    )
    model_update(instance=referral, fields=REFERRAL_FIELDS, data=data)
    _referral_changed(
        actor=actor,
        referral=referral,
        action=AuditAction.UPDATE,
        detail="fields: " + ", ".join(changed),
    )
    return referral


@transaction.atomic
def referral_transition(
    *,
    actor,
    referral: Referral,
    transition: str,
    note: str = "",
    on: datetime.date | None = None,
    expected_status: str | None = None,
) -> Referral:
    """Move the referral's status and record a dated status update with the note."""
    _require_member(actor, referral.mdt_id)
    if transition not in REFERRAL_TRANSITIONS:
        raise ValidationError(
            {"transition": [f"Not a transition: choose {', '.join(REFERRAL_TRANSITIONS)}."]}
        )
    limit = StatusUpdate._meta.get_field("note").max_length
    if len(note or "") > limit:  # before the guard reads it, and never a database error
        raise ValidationError({"note": [f"Keep the note under {limit} characters."]})
    guard_text({"note": note})
    referral = _locked(referral)
    if expected_status and expected_status != referral.status:
        raise Conflict(
            f"The referral is now “{referral.get_status_display()}”; reload and decide again.",
            status=referral.status,
        )
    method = getattr(referral, REFERRAL_TRANSITIONS[transition])
    if not can_proceed(method):
        raise Conflict(
            f"A referral that is “{referral.get_status_display()}” cannot {transition}.",
            status=referral.status,
        )
    now = timezone.now()
    method(at=now)
    referral.save()
    StatusUpdate.objects.create(
        referral=referral,
        on=on or timezone.localdate(),
        status=referral.status,
        note=(note or "").strip(),
        by=actor,
    )
    _referral_changed(
        actor=actor,
        referral=referral,
        action=AuditAction.TRANSITION,
        detail=transition,
        what=transition,
    )
    return referral


@transaction.atomic
def status_update_add(
    *, actor, referral: Referral, note: str, on: datetime.date | None = None
) -> StatusUpdate:
    """A dated update without a change of status."""
    _require_member(actor, referral.mdt_id)
    guard_text({"note": note})
    referral = _locked(referral)
    if referral.status == "closed":
        raise Conflict("The referral is closed: it no longer changes.")
    update = model_create(
        StatusUpdate,
        data={
            "referral": referral,
            "on": on or timezone.localdate(),
            "status": referral.status,
            "note": note.strip(),
            "by": actor,
        },
    )
    _referral_changed(
        actor=actor,
        referral=referral,
        action=AuditAction.UPDATE,
        detail="status update",
        what="update",
    )
    return update


def referrals_read(*, actor, referral_ids: Iterable[int], many: bool) -> None:
    """Audit a read: which referrals the user was shown (ids only)."""
    ids = list(referral_ids)
    if ids:
        audit_record(
            user=actor,
            action=AuditAction.READ_LIST if many else AuditAction.READ_DETAIL,
            object_type="referral",
            object_ids=ids,
        )


# --- Meetings ------------------------------------------------------------------------
def _local_occurrences(
    rule: str | recurrence.Recurrence, first_start: datetime.datetime
) -> list[datetime.datetime]:
    """Check `rule` against the allow-list of `mdt.recurrence` (400 naming the part that
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
    _require_member(actor, mdt.pk)
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
    zone = timezone.get_current_timezone()
    meetings = []
    for start in starts:
        # The end keeps its wall-clock distance from the start, DST or not.
        end = (start.replace(tzinfo=None) + duration).replace(tzinfo=zone)
        meetings.append(
            model_create(
                Meeting,
                data={
                    "mdt": mdt,
                    "series": series,
                    "starts_at": start,
                    "ends_at": end,
                    "location": location,
                },
            )
        )
    return meetings


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
    _require_member(actor, meeting.mdt_id)
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
    _require_member(actor, meeting.mdt_id)
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
    return meeting


@transaction.atomic
def meeting_set_agenda(*, actor, meeting: Meeting, case_codes: Iterable[str]) -> Meeting:
    """The referrals to review, named by case code, all of the meeting's own MDT. Members
    only: the codes are looked up after that check, so nobody else learns which exist."""
    _require_member(actor, meeting.mdt_id)
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
    _require_member(actor, meeting.mdt_id)
    guard_text({"minutes": minutes})
    meeting = _locked_meeting(meeting)
    return model_update(instance=meeting, fields=("minutes",), data={"minutes": minutes})


@transaction.atomic
def referral_add_to_next_meeting(*, actor, referral: Referral) -> Meeting | None:
    """Put a referral on its MDT's next scheduled meeting, if there is one."""
    _require_member(actor, referral.mdt_id)
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
def calendar_feed_for(*, user) -> CalendarFeed:
    feed, _ = CalendarFeed.objects.get_or_create(
        user=user, defaults={"token": secrets.token_urlsafe(32)}
    )
    return feed


@transaction.atomic
def calendar_feed_renew(*, user) -> CalendarFeed:
    """Revoke the current feed URL and issue a new one."""
    CalendarFeed.objects.filter(user=user).delete()
    return CalendarFeed.objects.create(user=user, token=secrets.token_urlsafe(32))


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
    _require_member(actor, meeting.mdt_id)
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


# --- Case teams and sharing ----------------------------------------------------------
@transaction.atomic
def case_team_join(*, actor, referral: Referral, discipline: str | None = None) -> CaseTeamMember:
    """Join the referral's case team, in the discipline of one's MDT membership unless
    another is given."""
    _require_member(actor, referral.mdt_id)
    if discipline is None:
        membership = Membership.objects.filter(mdt_id=referral.mdt_id, user=actor).first()
        discipline = membership.discipline if membership else "other"
    seat, _ = CaseTeamMember.objects.get_or_create(
        referral=referral, user=actor, defaults={"discipline": discipline}
    )
    seat.full_clean()
    _referral_changed(
        actor=actor,
        referral=referral,
        action=AuditAction.UPDATE,
        detail="case team: join",
        what="case team",
    )
    return seat


@transaction.atomic
def case_team_leave(*, actor, referral: Referral) -> None:
    _require_member(actor, referral.mdt_id)
    CaseTeamMember.objects.filter(referral=referral, user=actor).delete()
    _referral_changed(
        actor=actor,
        referral=referral,
        action=AuditAction.UPDATE,
        detail="case team: leave",
        what="case team",
    )


@transaction.atomic
def referral_share(
    *, actor, referral: Referral, to_mdt: MDT, consent: str | None, transfer: bool = False
) -> ReferralShare:
    """Share the referral with another MDT, or transfer it there, with recorded consent.
    Without consent nothing happens (400). No identifier is ever passed along: the other
    team sees the same coded referral."""
    _require_member(actor, referral.mdt_id)
    if consent not in Consent.values:
        raise ValidationError(
            {"consent": ["Record the person's informed consent (written or verbal) first."]}
        )
    referral = _locked(referral)
    if to_mdt.pk == referral.mdt_id:
        raise ValidationError({"mdt": ["The referral is already with this MDT."]})
    share = ReferralShare.objects.create(
        referral=referral,
        from_mdt_id=referral.mdt_id,
        to_mdt=to_mdt,
        transfer=transfer,
        consent=consent,
        consent_recorded_by=actor,
    )
    if transfer:
        referral.mdt = to_mdt
        referral.save(update_fields=["mdt"])
        referral.meetings.clear()  # another team's agenda is theirs to set
        referral.case_team.all().delete()
    # Open pages hear it; after a transfer the old team's sockets check again and close.
    _referral_changed(
        actor=actor,
        referral=referral,
        action=AuditAction.UPDATE,
        detail=f"{'transfer' if transfer else 'share'} to MDT {to_mdt.pk} ({consent} consent)",
        what="transfer" if transfer else "share",
    )
    return share


# --- Screening -----------------------------------------------------------------------
def screening_instrument_current(name: str | None = None) -> ScreeningInstrument | None:
    """The newest version of the instrument (of the newest instrument, if unnamed)."""
    instruments = ScreeningInstrument.objects.order_by("-loaded_at", "-version")
    if name:
        instruments = instruments.filter(name=name).order_by("-version")
    return instruments.first()


@transaction.atomic
def screening_submit(
    *,
    actor,
    instrument: ScreeningInstrument,
    discipline: str,
    parish: Parish,
    age_band: str,
    answers: Mapping[str, str],
) -> Screening:
    """Score and store a screen. Any signed-in professional; no identity of the person:
    the discipline of the screener, a parish, an age band and coded answers — every
    indicator answered yes, no or don't know."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("Sign in to screen.")
    check_rate(scope=SCREENING, person=actor, what="screens")
    indicators = list(
        ScreeningIndicator.objects.filter(section__instrument=instrument).order_by("order")
    )
    codes = {indicator.code for indicator in indicators}
    errors: dict[str, list[str]] = {}
    unknown = sorted(set(answers) - codes)
    missing = sorted(codes - set(answers))
    if unknown:
        errors["answers"] = [f"{len(unknown)} answer(s) name no indicator of this instrument."]
    elif missing:
        errors["answers"] = [
            f"Answer every indicator (yes, no or don't know): {len(missing)} left."
        ]
    elif any(value not in Answer.values for value in answers.values()):
        errors["answers"] = ["Each answer is yes, no or unknown."]
    if discipline not in Discipline.values:
        errors["discipline"] = ["Choose the screener's discipline."]
    if age_band not in AgeBand.values:
        errors["age_band"] = ["Choose an age band."]
    if errors:
        raise ValidationError(errors)
    result = screening_scores.score(indicators, instrument, answers)
    return Screening.objects.create(
        instrument=instrument,
        screener=actor,
        discipline=discipline,
        parish=parish,
        age_band=age_band,
        answers=dict(answers),
        score=result.score,
        band=result.band,
        drivers=result.drivers,
    )


def screening_mdt(screening: Screening) -> MDT | None:
    """The MDT that covers the screen's parish (else the first MDT of its region)."""
    covering = MDT.objects.filter(parishes=screening.parish).order_by("name").first()
    if covering or screening.parish.region_id is None:
        return covering
    return MDT.objects.filter(region_id=screening.parish.region_id).order_by("name").first()


@transaction.atomic
def screening_refer(*, actor, screening: Screening, confirmed: bool = False) -> Screening:
    """Turn a screen at `possible` or above into a de-identified referral on the list of
    the MDT that covers the parish (prospective, or confirmed when the screener records
    confirmation), carrying only coded fields — and, at `immediate_danger`, raise a
    critical alert to the region's on-duty contact. The screener only; once."""
    screening = Screening.objects.select_for_update().select_related("parish").get(pk=screening.pk)
    if screening.screener_id != actor.pk:
        raise PermissionDenied("Only the screener refers their screen.")
    check_rate(scope=SCREENING, person=actor, what="screens and referrals")
    if screening.band not in REFERRABLE_BANDS:
        raise Conflict("A screen with no indicators is not referred.", band=screening.band)
    if screening.referral_id is not None:
        raise Conflict("This screen is already referred.", referral=screening.referral.case_code)
    mdt = screening_mdt(screening)
    if mdt is None:
        raise Conflict("No MDT covers this parish yet: call the region's coordinator.")
    indicators = list(
        ScreeningIndicator.objects.filter(section__instrument=screening.instrument_id)
    )
    referral = model_create(
        Referral,
        data={
            "mdt": mdt,
            "created_by": actor,
            "received_on": timezone.localdate(),
            "age_band": screening.age_band,
            "trafficking_type": screening_scores.trafficking_type(indicators, screening.answers),
            "victim_status": "confirmed" if confirmed else "prospective",
            "referral_source": screening.discipline,
            "parish": screening.parish,
            "needs": [],
            "notes": "",
        },
    )
    _referral_changed(
        actor=actor,
        referral=referral,
        action=AuditAction.CREATE,
        detail=f"from screening {screening.pk}",
    )
    screening.referral = referral
    if screening.band == ScreeningBand.IMMEDIATE_DANGER:
        screening.alert = notifications_services.alert_raise_for_screening(
            screener=actor,
            region=mdt.region,
            # No case code: the contact is not always a reader of the referral (the
            # alert links to it for those who are).
            summary=(
                f"Screen at immediate danger — referred to {mdt.name}, "
                f"{screening.parish.name} Parish, age band {screening.age_band}. "
                f"Indicators: {', '.join(screening.drivers)}."
            ),
            referral=referral,
        )
    screening.save(update_fields=["referral", "alert"])
    return screening


# --- retention ---------------------------------------------------------------------------
@transaction.atomic
def referrals_purge_closed(*, closed_before: datetime.datetime) -> int:
    """Delete referrals closed before `closed_before`, with their status updates, case
    teams and shares; alerts and screens that named one keep no link (RETENTION_* settings,
    `apply_retention`). Returns how many referrals went."""
    expired = Referral.objects.filter(status="closed", closed_at__lt=closed_before)
    count = expired.count()
    expired.delete()
    return count
