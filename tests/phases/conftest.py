import datetime

import pytest

from coordination.models import Summit, SummitAttendance
from phases.models import Phase
from tests.phases.factories import (
    ActionItemFactory,
    DataRequestFactory,
    FindingFactory,
    InitiativeFactory,
    OutcomeMeasureFactory,
)


def make_ready(initiative):
    """Meet every gate of the initiative's current phase."""
    phase = initiative.phase
    if phase == Phase.IDENTIFICATION:
        initiative.need_statement = "We do not know how many people are trafficked here."
        initiative.save(update_fields=["need_statement"])
        initiative.partner_agencies.add(*initiative.region.agencies.all()[:1])
    elif phase == Phase.DEFINITION:
        initiative.victim_categories = ["confirmed", "prospective"]
        initiative.save(update_fields=["victim_categories"])
        initiative.parishes.add(*initiative.region.parishes.all()[:1])
    elif phase == Phase.INFORMATION_GATHERING:
        DataRequestFactory(
            initiative=initiative,
            agency=initiative.region.agencies.first(),
            answered_on=datetime.date(2018, 2, 1),
        )
    elif phase == Phase.ANALYSIS:
        FindingFactory(initiative=initiative)
    elif phase == Phase.ACTION:
        ActionItemFactory(initiative=initiative, owner_agency=initiative.region.agencies.first())
    elif phase == Phase.EVALUATION:
        OutcomeMeasureFactory(initiative=initiative, result=4)
    return initiative


@pytest.fixture
def initiative_in(world):
    """`initiative_in("analysis", ready=True)`: a home-region initiative in that phase."""

    def build(phase=Phase.IDENTIFICATION, ready=False, region=None):
        initiative = InitiativeFactory(region=region or world.home, phase=phase)
        return make_ready(initiative) if ready else initiative

    return build


@pytest.fixture
def held_summit(world):
    def build(region=None, attendance=12, held_on=datetime.date(2017, 10, 5)):
        summit = Summit.objects.create(region=region or world.home, held_on=held_on, place="Hall")
        if attendance:
            SummitAttendance.objects.create(
                summit=summit, discipline="law_enforcement", count=attendance
            )
        return summit

    return build
