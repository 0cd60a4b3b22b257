"""Every write to a recommendation. Members of the referral's MDT make and close them;
each write locks the row, guards its free text and is audited on the referral."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django_fsm import can_proceed

from coordination.models import Agency, AuditAction
from coordination.plumbing.errors import Conflict
from coordination.plumbing.records import model_create, model_update

from ..models import Meeting, MeetingStatus, Membership, Referral
from ..services import guard_short_text, record_referral_change, require_member
from . import selectors
from .models import NOTES_LENGTH, REASON_LENGTH, Recommendation, RecommendationStatus

EDITABLE = ("kind", "owner_agency", "owner_discipline", "owner", "due_on", "notes")


def _owner_filled(mdt_id: int, data: dict[str, Any]) -> dict[str, Any]:
    """A named member must be on the MDT; their agency and discipline fill the owner
    fields left empty."""
    owner = data.get("owner")
    if owner is None:
        return data
    membership = (
        Membership.objects.filter(mdt_id=mdt_id, user=owner).select_related("agency").first()
    )
    if membership is None:
        raise ValidationError({"owner": ["Name a member of this MDT, or no one."]})
    if not data.get("owner_agency"):
        data["owner_agency"] = membership.agency
    if not data.get("owner_discipline"):
        data["owner_discipline"] = membership.discipline
    return data


def _require_owner(data: Mapping[str, Any]) -> None:
    if not (data.get("owner_agency") or data.get("owner_discipline")):
        raise ValidationError(
            {"owner_discipline": ["Name the agency, the discipline or the member who owns it."]}
        )


@transaction.atomic
def recommendation_add(
    *,
    actor,
    meeting: Meeting,
    referral: Referral,
    kind: str,
    due_on: datetime.date,
    owner_agency: Agency | None = None,
    owner_discipline: str = "",
    owner=None,
    notes: str = "",
) -> Recommendation:
    """Record what the meeting decided for a referral on its agenda (or carried to it).
    Members of the MDT only: the referral is looked at after that check."""
    require_member(actor, meeting.mdt_id)
    guard_short_text("notes", notes, NOTES_LENGTH)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == MeetingStatus.CANCELLED:
        raise Conflict("The meeting was cancelled: record the recommendation at another one.")
    if referral.pk not in selectors.agenda_referral_ids(meeting=meeting):
        raise ValidationError({"referral": ["Put the referral on this meeting's agenda first."]})
    data = _owner_filled(
        meeting.mdt_id,
        {
            "referral": referral,
            "meeting": meeting,
            "kind": kind,
            "due_on": due_on,
            "owner_agency": owner_agency,
            "owner_discipline": owner_discipline or "",
            "owner": owner,
            "notes": (notes or "").strip(),
            "created_by": actor,
        },
    )
    _require_owner(data)
    recommendation = model_create(Recommendation, data=data)
    record_referral_change(
        actor=actor,
        referral=referral,
        action=AuditAction.CREATE,
        detail="recommendation",
        what="recommendation",
    )
    return recommendation


def _locked(recommendation: Recommendation) -> Recommendation:
    return (
        Recommendation.objects.select_for_update(of=("self",))
        .select_related("referral")
        .get(pk=recommendation.pk)
    )


def _require_open(recommendation: Recommendation) -> None:
    if recommendation.status != RecommendationStatus.OPEN:
        raise Conflict(
            f"The recommendation is {recommendation.get_status_display().lower()}.",
            status=recommendation.status,
        )


@transaction.atomic
def recommendation_update(
    *, actor, recommendation: Recommendation, data: Mapping[str, Any]
) -> Recommendation:
    """Change an open recommendation's kind, owner, due date or notes."""
    require_member(actor, recommendation.referral.mdt_id)
    unknown = set(data) - set(EDITABLE)
    if unknown:
        raise ValidationError({name: ["This cannot be changed."] for name in sorted(unknown)})
    if "notes" in data:
        guard_short_text("notes", data["notes"], NOTES_LENGTH)
    recommendation = _locked(recommendation)
    _require_open(recommendation)
    changes = _owner_filled(recommendation.referral.mdt_id, dict(data))
    _require_owner(
        {
            name: changes.get(name, getattr(recommendation, name))
            for name in ("owner_agency", "owner_discipline")
        }
    )
    model_update(instance=recommendation, fields=tuple(changes), data=changes)
    record_referral_change(
        actor=actor,
        referral=recommendation.referral,
        action=AuditAction.UPDATE,
        detail="recommendation:" + ",".join(sorted(changes)),
        what="recommendation",
    )
    return recommendation


@transaction.atomic
def recommendation_close(
    *, actor, recommendation: Recommendation, outcome: str, reason: str = ""
) -> Recommendation:
    """`done`, or `dropped` with a reason. A closed recommendation leaves the agenda."""
    require_member(actor, recommendation.referral.mdt_id)
    if outcome not in {RecommendationStatus.DONE, RecommendationStatus.DROPPED}:
        raise ValidationError({"outcome": ["Choose done or dropped."]})
    reason = (reason or "").strip()
    if outcome == RecommendationStatus.DROPPED:
        if not reason:
            raise ValidationError({"reason": ["Say why it is dropped."]})
        guard_short_text("reason", reason, REASON_LENGTH)
    recommendation = _locked(recommendation)
    method = (
        recommendation.complete if outcome == RecommendationStatus.DONE else recommendation.drop
    )
    if not can_proceed(method):
        _require_open(recommendation)
    extra = {"reason": reason} if outcome == RecommendationStatus.DROPPED else {}
    method(by=actor, at=timezone.now(), **extra)
    recommendation.save()
    record_referral_change(
        actor=actor,
        referral=recommendation.referral,
        action=AuditAction.TRANSITION,
        detail=f"recommendation:{outcome}",
        what="recommendation",
    )
    return recommendation
