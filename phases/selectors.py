"""Reads of initiatives, scoped to the user: state admins see every initiative,
coordinators those of their regions, everyone else none (see docs/access.md)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django_fsm import can_proceed

from coordination.people.access import access_for

from .gates import gates_for
from .models import REASON_REQUIRED, TRANSITION_METHODS, Initiative, PhaseTransition


def initiative_list(*, user) -> QuerySet[Initiative]:
    return (
        Initiative.objects.filter(access_for(user).coordinated_q("region"))
        .select_related("region", "coordinator")
        .prefetch_related("partner_agencies", "parishes")
    )


def initiative_history(*, initiative: Initiative) -> QuerySet[PhaseTransition]:
    return initiative.history.select_related("by")


@dataclass(frozen=True)
class GateStatus:
    key: str
    description: str
    met: bool


@dataclass(frozen=True)
class TransitionOption:
    """A transition possible from the current phase, with its gates met or not."""

    name: str
    to_phase: str
    gates: list[GateStatus]
    needs_reason: bool

    @property
    def ready(self) -> bool:
        return all(gate.met for gate in self.gates)


def transition_options(*, initiative: Initiative) -> list[TransitionOption]:
    """What can happen next, in the order a coordinator thinks of it."""
    options = []
    for name, method_name in TRANSITION_METHODS.items():
        method = getattr(initiative, method_name)
        if not can_proceed(method, check_conditions=False):
            continue
        transition = next(
            t
            for t in initiative.get_all_phase_transitions()
            if t.name == method_name and t.source in (initiative.phase, "*")
        )
        target = transition.target
        to_phase = target.func(initiative) if hasattr(target, "func") else target
        options.append(
            TransitionOption(
                name=name,
                to_phase=to_phase,
                gates=[
                    GateStatus(gate.key, gate.description, gate.is_met(initiative))
                    for gate in gates_for(initiative, name)
                ],
                needs_reason=name in REASON_REQUIRED,
            )
        )
    return options
