"""Demo initiatives, one in each phase and one closed, walked there through the services
(so the history is real), in the regions of Louisiana's story."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model

from coordination.learning import services as learning_services
from coordination.models import Agency, Region, Summit

from . import services
from .models import ActionItem, DataRequest, Finding, Initiative, OutcomeMeasure

User = get_user_model()

# title, region slug, how many steps to walk (0 = phase 1 … 5 = phase 6, 6 = closed)
DEMO_INITIATIVES = [
    ("Name the problem: a first count of trafficking cases", "greater-new-orleans", 0),
    ("Define confirmed and prospective victims for the annual report", "greater-new-orleans", 1),
    ("Regional summit on trafficking of minors", "greater-new-orleans", 2),
    ("What the summits found: training and a screening tool", "greater-new-orleans", 3),
    ("Start a trafficking MDT in every parish cluster", "greater-new-orleans", 4),
    ("Evaluate the statewide screening tool pilot", "capital-area", 5),
    ("Statewide statistical report, first year", "greater-new-orleans", 6),
]


def _walk(initiative: Initiative, steps: int, actor) -> None:
    agency = Agency.objects.filter(regions=initiative.region).order_by("name").first()
    region = initiative.region
    for step in range(steps):
        if step == 0:
            services.initiative_update(
                actor=actor,
                initiative=initiative,
                data={
                    "need_statement": initiative.need_statement
                    or "Service providers see cases nobody counts.",
                    "partner_agencies": [agency],
                },
            )
        elif step == 1:
            services.initiative_update(
                actor=actor,
                initiative=initiative,
                data={
                    "victim_categories": ["confirmed", "prospective"],
                    "parishes": list(region.parishes.all()[:2]),
                },
            )
        elif step == 2 and not Summit.objects.filter(region=region).exists():
            learning_services.summit_create(
                actor=actor,
                region=region,
                held_on=datetime.date(2017, 10, 5),
                place="Regional summit, community college hall",
                organisers="Governor's Office, DCFS, Children's Advocacy Centers",
                attendance={
                    "law_enforcement": 14,
                    "child_welfare": 11,
                    "health_care": 6,
                    "education": 5,
                },
            )
        elif step == 3:
            services.record_create(
                actor=actor,
                model=Finding,
                initiative=initiative,
                data={
                    "statement": "Common theme: basic training and a statewide screening tool.",
                    "recorded_on": datetime.date(2018, 3, 1),
                },
            )
        elif step == 4:
            services.record_create(
                actor=actor,
                model=ActionItem,
                initiative=initiative,
                data={
                    "description": "Train three parishes to establish MDTs",
                    "owner_agency": agency,
                    "due_on": datetime.date(2019, 6, 30),
                },
            )
        elif step == 5:
            services.record_create(
                actor=actor,
                model=OutcomeMeasure,
                initiative=initiative,
                data={
                    "name": "Trafficking MDTs in the region",
                    "baseline": 2,
                    "target": 5,
                    "result": 4,
                },
            )
        transition = "close" if step == 5 else "advance"
        services.initiative_transition(actor=actor, initiative=initiative, transition=transition)


def seed_initiatives() -> None:
    admin = User.objects.get(username="demo-admin")
    for title, slug, steps in DEMO_INITIATIVES:
        if Initiative.objects.filter(title=title).exists():
            continue
        region = Region.objects.get(slug=slug)
        coordinator = User.objects.filter(
            role_assignments__role="coordinator", role_assignments__region=region
        ).first()
        initiative = services.initiative_create(
            actor=admin, region=region, title=title, coordinator=coordinator
        )
        _walk(initiative, steps, coordinator or admin)
    # An outcome measure counted from Lantern's data: MDTs meeting in the region.
    growing = Initiative.objects.get(title=DEMO_INITIATIVES[4][0])
    if not growing.outcome_measures.exclude(source="").exists():
        services.record_create(
            actor=admin,
            model=OutcomeMeasure,
            initiative=growing,
            data={
                "name": "Trafficking MDTs meeting in the region",
                "baseline": 1,
                "target": 3,
                "source": "mdts",
            },
        )
    # A data request still waiting for its answer, as real ones do.
    first = Initiative.objects.get(title=DEMO_INITIATIVES[2][0])
    if not DataRequest.objects.filter(initiative=first).exists():
        services.record_create(
            actor=admin,
            model=DataRequest,
            initiative=first,
            data={
                "agency": Agency.objects.get(name="Crescent City Children's Advocacy Center"),
                "description": "Cases served last year, by victim status and age band",
                "requested_on": datetime.date(2018, 1, 15),
            },
        )
