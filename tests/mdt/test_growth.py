"""MDT growth: counted from meetings held (not scheduled or cancelled), per region and
year and around each summit; an outcome measure bound to it recounts when a new MDT holds
its first meeting; the region page charts it and the API answers it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from coordination.models import Summit
from mdt.growth.selectors import around_summits, growth_by_year
from mdt.meetings import services as meetings_services
from mdt.models import Membership
from phases.models import OutcomeMeasure
from tests.mdt.factories import MDTFactory
from tests.mdt.recommending import at
from tests.phases.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def meeting(world, mdt, day: datetime.date, *, held=True):
    [made] = meetings_services.meeting_schedule(
        actor=world.users["state_admin"], mdt=mdt, starts_at=at(day, 9), ends_at=at(day, 10)
    )
    if held:
        meetings_services.meeting_transition(
            actor=world.users["state_admin"], meeting=made, transition="hold"
        )
    return made


@pytest.fixture
def region_history(world):
    """New Orleans and Shreveport met before the 2025 summit; Baton Rouge started after."""
    w = world
    new_orleans, shreveport = w.mdt, MDTFactory(name="Shreveport MDT", region=w.home)
    baton_rouge = MDTFactory(name="Baton Rouge MDT", region=w.home)
    meeting(w, new_orleans, datetime.date(2024, 3, 5))
    meeting(w, new_orleans, datetime.date(2024, 9, 5))
    meeting(w, shreveport, datetime.date(2024, 10, 1))
    meeting(w, shreveport, datetime.date(2024, 12, 1), held=False)  # never held
    meeting(w, new_orleans, datetime.date(2025, 6, 3))
    meeting(w, baton_rouge, datetime.date(2025, 8, 12))
    meeting(w, baton_rouge, datetime.date(2025, 9, 9))
    meeting(w, MDTFactory(name="Away MDT", region=w.away), datetime.date(2025, 9, 9))
    Membership.objects.create(
        mdt=baton_rouge, user=w.users["mdt_member"], agency=w.home_agency, discipline="advocacy"
    )
    w.summit = Summit.objects.create(
        region=w.home, held_on=datetime.date(2025, 5, 1), place="Baton Rouge"
    )
    w.baton_rouge = baton_rouge
    return w


def test_growth_by_year_counts_meetings_held(region_history):
    years = {
        row["year"]: row
        for row in growth_by_year(region=region_history.home, today=datetime.date(2025, 12, 1))
    }
    assert years[2024]["active_mdts"] == 2
    assert years[2024]["meetings_held"] == 3
    assert years[2024]["new_mdts"] == 2
    assert years[2025]["active_mdts"] == 2
    assert years[2025]["meetings_held"] == 3
    assert years[2025]["new_mdts"] == 1  # Baton Rouge
    # The membership joined this year counts from this year (joined_on is today).
    this_year = timezone.localdate().year
    if this_year in years:
        assert sum(years[this_year]["members_by_discipline"].values()) <= 1


def test_before_and_after_each_summit(region_history):
    [row] = around_summits(region=region_history.home, now=at(datetime.date(2026, 6, 1)))
    assert row["before"] == {"active_mdts": 2, "meetings_held": 2}  # Mar 2024 is too early
    assert row["after"] == {"active_mdts": 2, "meetings_held": 3}
    assert row["started_after"] == 1


def test_a_bound_outcome_measure_recounts_when_a_new_mdt_first_meets(
    api, world, django_capture_on_commit_callbacks
):
    w = world
    for name in ("New Orleans MDT", "Shreveport MDT"):
        meeting(w, MDTFactory(name=name, region=w.home), datetime.date(2025, 3, 1))
    initiative = InitiativeFactory(region=w.home, phase="evaluation")
    client = api("coordinator")
    made = client.post(
        f"/api/v1/initiatives/{initiative.pk}/outcome-measures/",
        {"name": "MDTs in the region", "baseline": "2", "target": "5", "source": "mdts"},
        format="json",
    )
    assert made.status_code == 201, made.json()
    assert made.json()["result"] == "2.00"
    typed = client.post(
        f"/api/v1/initiatives/{initiative.pk}/outcome-measures/",
        {"name": "MDTs", "baseline": "2", "target": "5", "source": "mdts", "result": "9"},
        format="json",
    )
    assert typed.status_code == 400
    assert "result" in typed.json()
    unknown = client.post(
        f"/api/v1/initiatives/{initiative.pk}/outcome-measures/",
        {"name": "MDTs", "baseline": "2", "target": "5", "source": "guesses"},
        format="json",
    )
    assert unknown.status_code == 400
    assert "source" in unknown.json()
    baton_rouge = MDTFactory(name="Baton Rouge MDT", region=w.home)
    first = meeting(w, baton_rouge, datetime.date(2025, 8, 1), held=False)
    assert OutcomeMeasure.objects.get(pk=made.json()["id"]).result == 2  # scheduled: not yet
    with django_capture_on_commit_callbacks(execute=True):
        api("state_admin").post(f"/api/v1/meetings/{first.pk}/hold/")
    assert OutcomeMeasure.objects.get(pk=made.json()["id"]).result == 3
    # A second meeting of the same MDT is not a new MDT.
    with django_capture_on_commit_callbacks(execute=True):
        meeting(w, baton_rouge, datetime.date(2025, 9, 1))
    assert OutcomeMeasure.objects.get(pk=made.json()["id"]).result == 3


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("coordinator", 200),
        ("mdt_member", 200),
        ("responder", 200),
        ("state_admin", 200),
        ("coordinator_away", 404),
        ("no_role", 404),
        ("anonymous", 401),
    ],
)
def test_who_reads_a_regions_mdt_growth(api, region_history, persona, status):
    answer = api(persona).get(f"/api/v1/regions/{region_history.home.pk}/mdt-growth/")
    assert answer.status_code == status
    if status == 200:
        years = {row["year"]: row for row in answer.json()["years"]}
        assert years[2024]["active_mdts"] == 2
        assert answer.json()["summits"][0]["started_after"] == 1


def test_the_region_page_charts_it(client, region_history):
    client.force_login(region_history.users["coordinator"])
    page = client.get(reverse("region-detail", args=[region_history.home.pk])).content.decode()
    assert "MDT growth" in page
    assert '<figure class="bar-chart">' in page
    assert "MDTs that held a meeting, by year" in page
    assert "Before and after each summit" in page


def test_a_coordinator_binds_a_measure_on_the_page(client, world):
    w = world
    meeting(w, w.mdt, datetime.date(2025, 3, 1))
    initiative = InitiativeFactory(region=w.home, phase="evaluation")
    client.force_login(w.users["coordinator"])
    path = reverse("record-create", args=[initiative.pk, "outcome-measures"])
    form = {"name": "MDTs in the region", "baseline": "1", "target": "3", "source": "mdts"}
    typed = client.post(path, {**form, "result": "7"})
    assert typed.status_code == 200
    assert "leave its result empty" in typed.content.decode()
    assert client.post(path, form).status_code == 302
    assert OutcomeMeasure.objects.get().result == 1
    page = client.get(reverse("initiative-detail", args=[initiative.pk])).content.decode()
    assert "counted from Lantern" in page
