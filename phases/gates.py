"""The entry gates of the six phases, as named conditions a person can read.

Each gate has a stable `key` (for API clients), a `description` in plain words (what the
409 answer and the checklist show) and a check. The FSM transitions use them as their
conditions, and the initiative page shows the next step's checklist before anyone presses
the button.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from coordination.learning.selectors import summits_held_with_attendance, survey_responses_in_region


@dataclass(frozen=True)
class Gate:
    key: str
    description: str
    check: Callable[..., bool]

    def is_met(self, initiative) -> bool:
        return bool(self.check(initiative))


def _information_activity_done(initiative) -> bool:
    # A summit of the region held with attendance, collaboration-survey responses from one
    # of the region's summits, or a data request answered.
    today = timezone.localdate()
    return (
        summits_held_with_attendance(region_id=initiative.region_id, on_or_before=today).exists()
        or survey_responses_in_region(region_id=initiative.region_id).exists()
        or initiative.data_requests.filter(answered_on__isnull=False).exists()
    )


def _action_items_owned_and_dated(initiative) -> bool:
    items = initiative.action_items.all()
    return (
        items.exists()
        and not items.filter(owner_agency__isnull=True).exists()
        and not (items.filter(due_on__isnull=True).exists())
    )


def _outcomes_have_results(initiative) -> bool:
    measures = initiative.outcome_measures.all()
    return measures.exists() and not measures.filter(result__isnull=True).exists()


# The gates to leave each phase by `advance` (keyed by the phase left).
ADVANCE_GATES: dict[str, list[Gate]] = {
    "identification": [
        Gate("need_statement", "A need statement is written.", lambda i: i.need_statement.strip()),
        Gate(
            "partner_agency",
            "At least one partner agency is engaged.",
            lambda i: i.partner_agencies.exists(),
        ),
    ],
    "definition": [
        Gate(
            "victim_categories",
            "The victim categories in use are chosen (confirmed, prospective).",
            lambda i: bool(i.victim_categories),
        ),
        Gate("parishes", "The parishes in scope are chosen.", lambda i: i.parishes.exists()),
    ],
    "information_gathering": [
        Gate(
            "information_activity",
            "At least one information activity is complete: a summit of the region held "
            "with attendance, collaboration-survey responses from one of its summits, or a "
            "data request answered.",
            _information_activity_done,
        ),
    ],
    "analysis": [
        Gate("finding", "At least one finding is recorded.", lambda i: i.findings.exists()),
    ],
    "action": [
        Gate(
            "action_plan",
            "The action plan has at least one action item, each with an owning agency "
            "and a due date.",
            _action_items_owned_and_dated,
        ),
    ],
    "evaluation": [],  # evaluation is left by `close`, not `advance`
}

CLOSE_GATES: list[Gate] = [
    Gate(
        "outcome_results",
        "At least one outcome measure is defined, and every outcome measure has a result.",
        _outcomes_have_results,
    ),
]


def gates_for(initiative, transition: str) -> list[Gate]:
    """The gates `transition` must pass from the initiative's current phase."""
    if transition == "advance":
        return ADVANCE_GATES.get(initiative.phase, [])
    if transition == "close":
        return CLOSE_GATES
    return []


def unmet_gates(initiative, transition: str) -> list[Gate]:
    return [gate for gate in gates_for(initiative, transition) if not gate.is_met(initiative)]


def advance_gates_met(initiative) -> bool:
    return not unmet_gates(initiative, "advance")


def close_gates_met(initiative) -> bool:
    return not unmet_gates(initiative, "close")
