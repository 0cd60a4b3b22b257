"""The coordinator's panel on the dashboard: their regions' open initiatives by phase,
each with what stands between it and its next phase (the gates not met yet), the blocked
ones first, one click from the initiative's page where the gate is met."""

from __future__ import annotations

from coordination.people.access import access_for

from .gates import unmet_gates
from .models import OPEN_PHASES, Phase
from .selectors import initiative_list

SHOWN = 30


def coordinator_panel(*, user) -> dict | None:
    access = access_for(user)
    if not access.coordinator_region_ids:
        return None
    initiatives = list(
        initiative_list(user=user)
        .filter(phase__in=OPEN_PHASES, region__in=access.coordinator_region_ids)
        .prefetch_related(None)[: SHOWN + 1]
    )
    by_phase: dict[str, list[dict]] = {}
    for initiative in initiatives[:SHOWN]:
        transition = "close" if initiative.phase == Phase.EVALUATION else "advance"
        unmet = unmet_gates(initiative, transition)
        by_phase.setdefault(initiative.phase, []).append(
            {"initiative": initiative, "unmet": [gate.description for gate in unmet]}
        )
    phases = [
        {
            "label": Phase(phase).label,
            # Blocked first: what needs the coordinator's hand.
            "items": sorted(by_phase[phase], key=lambda item: not item["unmet"]),
        }
        for phase in OPEN_PHASES
        if phase in by_phase
    ]
    return {
        "phases": phases,
        "blocked": sum(1 for phase in phases for item in phase["items"] if item["unmet"]),
        "more": len(initiatives) > SHOWN,
    }
