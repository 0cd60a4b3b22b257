"""Every write to initiatives and their phase records.

Each service runs in one transaction and locks the initiative row first, so that a
transition and a change to the records its gates read never interleave. Only the
initiative's region coordinator or a state admin may write (PermissionDenied otherwise).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django_fsm import can_proceed

from coordination.models import Agency, Parish, Region
from coordination.people.access import access_for
from coordination.plumbing import measures
from coordination.plumbing.errors import Conflict, TransitionBlocked
from coordination.plumbing.records import model_create, model_update
from coordination.privacy import guard_text

from .gates import unmet_gates
from .models import (
    OPEN_PHASES,
    REASON_REQUIRED,
    TRANSITION_METHODS,
    ActionItem,
    DataRequest,
    Finding,
    Initiative,
    OutcomeMeasure,
    PhaseTransition,
    VictimCategory,
)

EDITABLE_FIELDS = (
    "title",
    "need_statement",
    "partner_agencies",
    "victim_categories",
    "parishes",
    "coordinator",
)


def _require_manager(actor, region_id: int) -> None:
    if not access_for(actor).coordinates(region_id):
        raise PermissionDenied(
            "Only the region's coordinator or a state admin may change its initiatives."
        )


def _locked(initiative_id: int) -> Initiative:
    return Initiative.objects.select_for_update().get(pk=initiative_id)


def _require_open(initiative: Initiative) -> None:
    if not initiative.is_open:
        raise Conflict(
            f"The initiative is {initiative.get_phase_display().lower()}: it no longer changes."
        )


def _validate_definition(*, region: Region, data: Mapping[str, Any]) -> None:
    errors: dict[str, list[str]] = {}
    categories = data.get("victim_categories")
    if categories is not None:
        if not isinstance(categories, list) or not set(categories) <= set(VictimCategory.values):
            errors["victim_categories"] = [f"Choose among: {', '.join(VictimCategory.values)}."]
        elif len(set(categories)) != len(categories):
            errors["victim_categories"] = ["Name each category once."]
    parishes = data.get("parishes")
    if parishes is not None:
        outside = sorted(p.name for p in parishes if p.region_id != region.pk)
        if outside:
            errors["parishes"] = [f"Not in {region.name}: {', '.join(outside)}."]
    coordinator = data.get("coordinator")
    if coordinator is not None and not access_for(coordinator).coordinates(region.pk):
        # Never the name: any user id may be tried here.
        errors["coordinator"] = ["This person does not coordinate the region."]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def initiative_create(
    *,
    actor,
    region: Region,
    title: str,
    need_statement: str = "",
    partner_agencies: Iterable[Agency] = (),
    victim_categories: list[str] | None = None,
    parishes: Iterable[Parish] = (),
    coordinator=None,
) -> Initiative:
    """Open an initiative in phase 1. Its coordinator defaults to the actor when they
    coordinate the region."""
    _require_manager(actor, region.pk)
    guard_text({"title": title, "need_statement": need_statement})
    if coordinator is None and region.pk in access_for(actor).coordinator_region_ids:
        coordinator = actor
    data = {
        "region": region,
        "title": title,
        "need_statement": need_statement,
        "partner_agencies": list(partner_agencies),
        "victim_categories": list(victim_categories or []),
        "parishes": list(parishes),
        "coordinator": coordinator,
    }
    _validate_definition(region=region, data=data)
    return model_create(Initiative, data=data)


@transaction.atomic
def initiative_update(*, actor, initiative: Initiative, data: Mapping[str, Any]) -> Initiative:
    """Edit the need and its definition; the region and the phase never change here."""
    _require_manager(actor, initiative.region_id)
    guard_text({name: data[name] for name in ("title", "need_statement") if name in data})
    initiative = _locked(initiative.pk)
    _require_open(initiative)
    _validate_definition(region=initiative.region, data=data)
    return model_update(instance=initiative, fields=EDITABLE_FIELDS, data=data)


@transaction.atomic
def initiative_transition(
    *,
    actor,
    initiative: Initiative,
    transition: str,
    note: str = "",
    expected_phase: str | None = None,
) -> Initiative:
    """Apply `transition` (advance, return, close, abandon) and record it.

    The row is locked first, so of two concurrent transitions the second sees the first's
    result. With `expected_phase` (the phase the caller saw) a transition that would act
    on a phase the caller did not see is refused with a Conflict (409) instead.
    Raises TransitionBlocked (409, naming the unmet gates), Conflict (409) or
    ValidationError (400: a reason is required).
    """
    _require_manager(actor, initiative.region_id)
    if transition not in TRANSITION_METHODS:
        raise ValidationError({"transition": [f"Unknown transition “{transition}”."]})
    note = (note or "").strip()
    guard_text({"note": note})
    if transition in REASON_REQUIRED and not note:
        raise ValidationError({"note": [f"Give a reason to {transition} the initiative."]})
    initiative = _locked(initiative.pk)
    if expected_phase and expected_phase != initiative.phase:
        raise Conflict(
            f"The initiative has moved to “{initiative.get_phase_display()}” since you "
            "looked at it; reload and decide again.",
            phase=initiative.phase,
        )
    method = getattr(initiative, TRANSITION_METHODS[transition])
    if not can_proceed(method, check_conditions=False):
        raise Conflict(
            f"An initiative in “{initiative.get_phase_display()}” cannot {transition}.",
            phase=initiative.phase,
        )
    unmet = unmet_gates(initiative, transition)
    if unmet:
        raise TransitionBlocked(
            f"The initiative cannot {transition} yet: "
            + (f"{len(unmet)} gates are not met." if len(unmet) > 1 else "one gate is not met."),
            unmet_gates=[gate.description for gate in unmet],
        )
    from_phase, now = initiative.phase, timezone.now()
    method(at=now)
    initiative.save()
    PhaseTransition.objects.create(
        initiative=initiative,
        transition=transition,
        from_phase=from_phase,
        to_phase=initiative.phase,
        by=actor,
        at=now,
        note=note,
    )
    return initiative


# --- Phase records -------------------------------------------------------------------
RECORD_FIELDS: dict[type[models.Model], tuple[str, ...]] = {
    DataRequest: ("agency", "description", "requested_on", "answered_on"),
    Finding: ("statement", "summit", "recorded_on"),
    ActionItem: ("description", "owner_agency", "due_on", "status"),
    OutcomeMeasure: ("name", "baseline", "target", "result", "source"),
}


RECORD_TEXT_FIELDS = {"description", "statement", "name"}


def _validate_record(initiative: Initiative, data: Mapping[str, Any]) -> None:
    guard_text({name: data[name] for name in RECORD_TEXT_FIELDS if name in data})
    summit = data.get("summit")
    if summit is not None and summit.region_id != initiative.region_id:
        raise ValidationError({"summit": ["Choose a summit of the initiative's region."]})


def _counted(initiative: Initiative, fields: dict[str, Any], *, source: str) -> dict[str, Any]:
    """An outcome measure bound to a source: its result is counted for the initiative's
    region (one typed by hand is refused, not silently replaced)."""
    if not source:
        return fields
    counted = measures.source(source)
    if counted is None:
        codes = ", ".join(item.code for item in measures.sources())
        raise ValidationError({"source": [f"Choose one of: {codes}, or none."]})
    if fields.get("result") is not None:
        raise ValidationError(
            {"result": ["This measure is counted from Lantern's data: leave its result empty."]}
        )
    return {**fields, "result": Decimal(counted.count(initiative.region_id))}


@transaction.atomic
def record_create(
    *, actor, model: type[models.Model], initiative: Initiative, data: Mapping[str, Any]
):
    """Add a data request, finding, action item or outcome measure to an open initiative."""
    _require_manager(actor, initiative.region_id)
    initiative = _locked(initiative.pk)
    _require_open(initiative)
    fields = {name: data[name] for name in RECORD_FIELDS[model] if name in data}
    _validate_record(initiative, fields)
    if model is OutcomeMeasure:
        fields = _counted(initiative, fields, source=fields.get("source", ""))
    return model_create(model, data={"initiative": initiative, **fields})


@transaction.atomic
def record_update(*, actor, record: models.Model, data: Mapping[str, Any]):
    initiative = record.initiative
    _require_manager(actor, initiative.region_id)
    initiative = _locked(initiative.pk)
    _require_open(initiative)
    _validate_record(initiative, data)
    if isinstance(record, OutcomeMeasure):
        data = _counted(initiative, dict(data), source=data.get("source", record.source))
    return model_update(instance=record, fields=RECORD_FIELDS[type(record)], data=data)


@transaction.atomic
def record_delete(*, actor, record: models.Model) -> None:
    _require_manager(actor, record.initiative.region_id)
    _require_open(_locked(record.initiative_id))
    record.delete()


# Bound measures are recounted at most this many a pass (the next pass goes on).
RECOUNTED_PER_PASS = 2_000


def outcome_measures_recount(*, region_id: int | None = None) -> int:
    """Recount the results of the outcome measures bound to Lantern's data, for open
    initiatives (of one region, or all); returns how many changed. Called after the
    data changes (`coordination.plumbing.measures.changed`) and by the hourly upkeep; a
    closed initiative keeps the result it closed with."""
    bound = (
        OutcomeMeasure.objects.exclude(source="")
        .filter(initiative__phase__in=OPEN_PHASES)
        .select_related("initiative")
        .order_by("pk")
    )
    if region_id is not None:
        bound = bound.filter(initiative__region_id=region_id)
    counts: dict[tuple[str, int], Decimal] = {}
    changed = 0
    for measure in bound[:RECOUNTED_PER_PASS]:
        counted = measures.source(measure.source)
        if counted is None:  # a source no app registers any more: left as it stands
            continue
        key = (measure.source, measure.initiative.region_id)
        if key not in counts:
            counts[key] = Decimal(counted.count(key[1]))
        if measure.result != counts[key]:
            OutcomeMeasure.objects.filter(pk=measure.pk).update(result=counts[key])
            changed += 1
    return changed
