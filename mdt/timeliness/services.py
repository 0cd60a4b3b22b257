"""The one write of timeliness: an MDT's members set its targets."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from coordination.models import AuditAction
from coordination.people.services import audit_record
from coordination.plumbing.records import model_update

from ..models import MDT
from ..services import require_member


@transaction.atomic
def mdt_set_targets(*, actor, mdt: MDT, target_review_days: int, target_engaged_days: int) -> MDT:
    """Days from receipt to review and to services engaged (0–365 each; services no
    sooner than review). Members of the MDT, and state admins."""
    require_member(actor, mdt.pk)
    mdt = MDT.objects.select_for_update().get(pk=mdt.pk)
    data = {"target_review_days": target_review_days, "target_engaged_days": target_engaged_days}
    if target_engaged_days < target_review_days:
        raise ValidationError(
            {"target_engaged_days": ["Services come after review: give at least as many days."]}
        )
    model_update(instance=mdt, fields=tuple(data), data=data)
    audit_record(
        user=actor,
        action=AuditAction.UPDATE,
        object_type="mdt",
        object_ids=[mdt.pk],
        detail="timeliness targets",
    )
    return mdt
