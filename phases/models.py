"""Regional initiatives and the six phases of community action.

The phase is one django-fsm field, protected: it changes only through the transitions
below, called by `phases.services.initiative_transition`, which locks the row, checks the
gates, saves the phase and its history row together.
"""

from django.conf import settings
from django.db import models
from django_fsm import GET_STATE, FSMField, FSMModelMixin, transition

from coordination.bounds import LONG_TEXT, bounded_text, plausible_date
from coordination.models import Agency, Parish, Region

from . import gates


class Phase(models.TextChoices):
    IDENTIFICATION = "identification", "1 · Identify the need"
    DEFINITION = "definition", "2 · Define the need"
    INFORMATION_GATHERING = "information_gathering", "3 · Gather information"
    ANALYSIS = "analysis", "4 · Analyse the information"
    ACTION = "action", "5 · Plan and act"
    EVALUATION = "evaluation", "6 · Evaluate outcomes"
    CLOSED = "closed", "Closed"
    ABANDONED = "abandoned", "Abandoned"


OPEN_PHASES = [
    Phase.IDENTIFICATION,
    Phase.DEFINITION,
    Phase.INFORMATION_GATHERING,
    Phase.ANALYSIS,
    Phase.ACTION,
    Phase.EVALUATION,
]
PHASE_NUMBER = {phase.value: number for number, phase in enumerate(OPEN_PHASES, start=1)}
NEXT_PHASE = {a.value: b.value for a, b in zip(OPEN_PHASES, OPEN_PHASES[1:], strict=False)}
PREVIOUS_PHASE = {b: a for a, b in NEXT_PHASE.items()}


# API name → model method (`return` is a Python keyword).
TRANSITION_METHODS = {
    "advance": "advance",
    "return": "return_",
    "close": "close",
    "abandon": "abandon",
}
REASON_REQUIRED = {"return", "abandon"}


class VictimCategory(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed victims"
    PROSPECTIVE = "prospective", "Prospective (at-risk) victims"


class Initiative(FSMModelMixin, models.Model):
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="initiatives")
    title = models.CharField(max_length=200)
    need_statement = bounded_text(LONG_TEXT, blank=True)
    partner_agencies = models.ManyToManyField(Agency, related_name="initiatives", blank=True)
    victim_categories = models.JSONField(default=list, blank=True)
    parishes = models.ManyToManyField(Parish, related_name="initiatives", blank=True)
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="coordinated_initiatives",
    )
    phase = FSMField(default=Phase.IDENTIFICATION, choices=Phase.choices, protected=True)
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["region__name", "title", "id"]
        indexes = [models.Index(fields=["region", "phase"])]

    def __str__(self) -> str:
        return self.title

    @property
    def phase_number(self) -> int | None:
        return PHASE_NUMBER.get(self.phase)

    @property
    def is_open(self) -> bool:
        return self.phase in PHASE_NUMBER

    # --- Transitions: they change the phase and its timestamps only ------------------
    @transition(
        field=phase,
        source=list(NEXT_PHASE),
        target=GET_STATE(lambda self, **kw: NEXT_PHASE[self.phase], states=list(PREVIOUS_PHASE)),
        conditions=[gates.advance_gates_met],
    )
    def advance(self, **kwargs) -> None:
        """Move to the next phase once its entry gates are met."""

    @transition(
        field=phase,
        source=list(PREVIOUS_PHASE),
        target=GET_STATE(lambda self, **kw: PREVIOUS_PHASE[self.phase], states=list(NEXT_PHASE)),
    )
    def return_(self, **kwargs) -> None:
        """Go back one phase (the reason is recorded in the history)."""

    @transition(
        field=phase,
        source=Phase.EVALUATION,
        target=Phase.CLOSED,
        conditions=[gates.close_gates_met],
    )
    def close(self, *, at, **kwargs) -> None:
        self.closed_at = at

    @transition(field=phase, source=OPEN_PHASES, target=Phase.ABANDONED)
    def abandon(self, *, at, **kwargs) -> None:
        self.closed_at = at


class PhaseTransition(models.Model):
    """One step in an initiative's history: who moved it where, when and why."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="history")
    transition = models.CharField(max_length=16)
    from_phase = models.CharField(max_length=32, choices=Phase.choices)
    to_phase = models.CharField(max_length=32, choices=Phase.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="phase_transitions"
    )
    at = models.DateTimeField()
    note = bounded_text(LONG_TEXT, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.initiative}: {self.from_phase} → {self.to_phase}"


# --- Phase records the gates read ----------------------------------------------------
class DataRequest(models.Model):
    """Phase 3: information asked of an agency; it counts once answered."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="data_requests"
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="data_requests")
    description = models.CharField(max_length=500)
    requested_on = models.DateField(validators=[plausible_date])
    answered_on = models.DateField(null=True, blank=True, validators=[plausible_date])

    class Meta:
        ordering = ["requested_on", "id"]

    def __str__(self) -> str:
        return f"Data request to {self.agency}"

    @property
    def answered(self) -> bool:
        return self.answered_on is not None


class Finding(models.Model):
    """Phase 4: what the analysis found; a summit's findings may feed it."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="findings")
    statement = bounded_text(LONG_TEXT)
    summit = models.ForeignKey(
        "coordination.Summit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="findings",
    )
    recorded_on = models.DateField(validators=[plausible_date])

    class Meta:
        ordering = ["recorded_on", "id"]

    def __str__(self) -> str:
        return self.statement[:60]


class ActionItemStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    DONE = "done", "Done"
    DROPPED = "dropped", "Dropped"


class ActionItem(models.Model):
    """Phase 5: one step of the action plan, owned by an agency, due by a date."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="action_items"
    )
    description = models.CharField(max_length=500)
    owner_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="action_items"
    )
    due_on = models.DateField(null=True, blank=True, validators=[plausible_date])
    status = models.CharField(
        max_length=16, choices=ActionItemStatus.choices, default=ActionItemStatus.PLANNED
    )

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.description[:60]


class OutcomeMeasure(models.Model):
    """Phase 6: what changed, e.g. MDTs in the region — 2 before the summits."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="outcome_measures"
    )
    name = models.CharField(max_length=200)
    baseline = models.DecimalField(max_digits=12, decimal_places=2)
    target = models.DecimalField(max_digits=12, decimal_places=2)
    result = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    # Bound to a count Lantern keeps (`coordination.plumbing.measures`, e.g. "mdts"): the
    # result is then counted for the initiative's region, not typed.
    source = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name
