"""Writes to MDTs, their members and their referrals.

Referral services lock the row, guard every free text, and append to the audit log in
the same transaction: a caller may assume that what was stored was audited.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django_fsm import can_proceed

from coordination.models import Agency, AuditAction, Parish, Region
from coordination.people.access import SYSTEM, access_for
from coordination.people.services import audit_record, mdt_access_grant, mdt_access_withdraw
from coordination.plumbing import measures
from coordination.plumbing.errors import Conflict
from coordination.plumbing.push import push_after_commit
from coordination.plumbing.records import model_create, model_update
from coordination.privacy import guard_text

from .events import referral_changed, referral_group
from .models import (
    MDT,
    OPEN_REFERRAL_STATUSES,
    REFERRAL_TRANSITIONS,
    CaseTeamMember,
    Consent,
    MeetingStatus,
    Membership,
    Need,
    Referral,
    ReferralShare,
    StatusUpdate,
)

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


def _record_setup(actor, mdt: MDT, action: str, detail: str) -> None:
    """MDT setup is audited (coded: what changed, and a member's user id), so that the
    region's coordinators see it happen (`mdt.setup.history`). Lantern's own steps
    (SYSTEM: the demo seed, a loader) are no one's to show."""
    if actor is SYSTEM:
        return
    audit_record(user=actor, action=action, object_type="mdt", object_ids=[mdt.pk], detail=detail)


def _require_member_manager(actor) -> None:
    if not access_for(actor).may_manage_people:
        raise PermissionDenied("Only a state admin may change an MDT's members.")


@transaction.atomic
def mdt_create(
    *, actor, name: str, region: Region, parishes: Iterable[Parish] = (), chair=None
) -> MDT:
    _require_mdt_setup(actor)
    if chair is not None:
        raise ValidationError({"chair": ["Name a chair once the MDT has members."]})
    mdt = model_create(MDT, data={"name": name, "region": region, "parishes": list(parishes)})
    _record_setup(actor, mdt, AuditAction.CREATE, "set up")
    return mdt


@transaction.atomic
def mdt_update(*, actor, mdt: MDT, data) -> MDT:
    """Rename, move, change parishes or name a chair (one of its members). State admins."""
    _require_mdt_setup(actor)
    mdt = MDT.objects.select_for_update().get(pk=mdt.pk)
    _require_active(mdt)
    chair = data.get("chair")
    if chair is not None and not mdt.memberships.filter(user=chair).exists():
        raise ValidationError({"chair": ["The chair is one of the MDT's members."]})
    fields = ("name", "region", "parishes", "chair")
    _record_setup(
        actor, mdt, AuditAction.UPDATE, "edited: " + ",".join(f for f in fields if f in data)
    )
    return model_update(instance=mdt, fields=fields, data=data)


def _require_active(mdt: MDT) -> None:
    if mdt.retired_at is not None:
        raise Conflict("This MDT is retired.", status="retired")


@transaction.atomic
def mdt_retire(*, actor, mdt: MDT) -> MDT:
    """Retire an MDT: its members leave it (and lose the access it gave), its scheduled
    meetings are cancelled and its series stop. Refused while it holds open referrals:
    they are closed or transferred to another MDT first, so no case is left with nobody."""
    _require_mdt_setup(actor)
    mdt = MDT.objects.select_for_update().get(pk=mdt.pk)
    _require_active(mdt)
    open_referrals = mdt.referrals.filter(status__in=OPEN_REFERRAL_STATUSES).count()
    if open_referrals:
        raise Conflict(
            f"This MDT still holds {open_referrals} open referral"
            f"{'s' * (open_referrals != 1)}: close them or transfer them to another MDT first.",
            status="has_open_referrals",
        )
    for membership in mdt.memberships.select_related("user"):
        mdt_access_withdraw(actor=actor, user=membership.user, mdt=mdt)
    mdt.memberships.all().delete()
    for meeting in mdt.meetings.filter(status=MeetingStatus.SCHEDULED):
        meeting.cancel()
        meeting.save()
    mdt.retired_at, mdt.chair = timezone.now(), None
    mdt.save(update_fields=["retired_at", "chair"])
    _record_setup(actor, mdt, AuditAction.TRANSITION, "retired")
    region_id = mdt.region_id
    transaction.on_commit(lambda: measures.changed(region_id))  # one MDT fewer
    return mdt


@transaction.atomic
def membership_add(*, actor, mdt: MDT, user, agency: Agency, discipline: str) -> Membership:
    """Put `user` on the MDT (and give them the `mdt_member` role that grants access)."""
    _require_member_manager(actor)
    mdt = MDT.objects.select_for_update().get(pk=mdt.pk)  # a retirement may be under way
    _require_active(mdt)
    membership = model_create(
        Membership, data={"mdt": mdt, "user": user, "agency": agency, "discipline": discipline}
    )
    mdt_access_grant(actor=actor, user=user, mdt=mdt)
    _record_setup(actor, mdt, AuditAction.CREATE, f"member added: {user.pk}")
    return membership


@transaction.atomic
def membership_remove(*, actor, membership: Membership) -> None:
    _require_member_manager(actor)
    mdt = membership.mdt
    mdt_access_withdraw(actor=actor, user=membership.user, mdt=mdt)
    if mdt.chair_id == membership.user_id:  # a chair who leaves is no longer the chair
        MDT.objects.filter(pk=mdt.pk).update(chair=None)
    _record_setup(actor, mdt, AuditAction.UPDATE, f"member removed: {membership.user_id}")
    membership.delete()


# --- Referrals -----------------------------------------------------------------------
def guard_short_text(name: str, text: str | None, limit: int) -> None:
    """A field's length first (before the guard reads it, and never a database error),
    then the privacy guard."""
    if len(text or "") > limit:
        raise ValidationError({name: [f"Keep the {name} under {limit} characters."]})
    guard_text({name: text})


def require_member(actor, mdt_id: int) -> None:
    if not access_for(actor).member_of(mdt_id):
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
    require_member(actor, mdt.pk)
    unknown = set(fields) - set(REFERRAL_FIELDS)
    if unknown:
        raise ValidationError({name: ["Not a referral field."] for name in sorted(unknown)})
    _validate_referral(mdt=mdt, data=fields)
    referral = model_create(Referral, data={"mdt": mdt, "created_by": actor, **fields})
    record_referral_change(actor=actor, referral=referral, action=AuditAction.CREATE)
    return referral


def record_referral_change(
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
    require_member(actor, referral.mdt_id)
    referral = _locked(referral)
    if referral.status == "closed":
        raise Conflict("The referral is closed: it no longer changes.")
    _validate_referral(mdt=referral.mdt, data=data)
    changed = sorted(
        name for name in REFERRAL_FIELDS if name in data and getattr(referral, name) != data[name]
    )
    model_update(instance=referral, fields=REFERRAL_FIELDS, data=data)
    record_referral_change(
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
    require_member(actor, referral.mdt_id)
    if transition not in REFERRAL_TRANSITIONS:
        raise ValidationError(
            {"transition": [f"Not a transition: choose {', '.join(REFERRAL_TRANSITIONS)}."]}
        )
    guard_short_text("note", note, StatusUpdate._meta.get_field("note").max_length)
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
    now, day = timezone.now(), on or timezone.localdate()
    method(at=now, on=day)
    referral.save()
    StatusUpdate.objects.create(
        referral=referral,
        on=day,
        status=referral.status,
        note=(note or "").strip(),
        by=actor,
    )
    record_referral_change(
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
    require_member(actor, referral.mdt_id)
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
    record_referral_change(
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


# --- Case teams and sharing ----------------------------------------------------------
@transaction.atomic
def case_team_join(*, actor, referral: Referral, discipline: str | None = None) -> CaseTeamMember:
    """Join the referral's case team, in the discipline of one's MDT membership unless
    another is given."""
    require_member(actor, referral.mdt_id)
    if discipline is None:
        membership = Membership.objects.filter(mdt_id=referral.mdt_id, user=actor).first()
        discipline = membership.discipline if membership else "other"
    seat, _ = CaseTeamMember.objects.get_or_create(
        referral=referral, user=actor, defaults={"discipline": discipline}
    )
    seat.full_clean()
    record_referral_change(
        actor=actor,
        referral=referral,
        action=AuditAction.UPDATE,
        detail="case team: join",
        what="case team",
    )
    return seat


@transaction.atomic
def case_team_leave(*, actor, referral: Referral) -> None:
    require_member(actor, referral.mdt_id)
    CaseTeamMember.objects.filter(referral=referral, user=actor).delete()
    record_referral_change(
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
    require_member(actor, referral.mdt_id)
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
    record_referral_change(
        actor=actor,
        referral=referral,
        action=AuditAction.UPDATE,
        detail=f"{'transfer' if transfer else 'share'} to MDT {to_mdt.pk} ({consent} consent)",
        what="transfer" if transfer else "share",
    )
    return share


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
