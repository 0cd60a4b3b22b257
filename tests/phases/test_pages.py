"""The initiative pages: who sees them, the gate checklist, and transitions from a form."""

import pytest
from django.urls import reverse

from phases.models import Phase, PhaseTransition
from tests.phases.factories import InitiativeFactory


@pytest.fixture
def home_initiative(world):
    return InitiativeFactory(region=world.home, title="Count the cases")


@pytest.mark.parametrize(
    ("persona", "board", "detail"),
    [
        ("state_admin", 200, 200),
        ("coordinator", 200, 200),
        ("coordinator_away", 200, 404),
        ("mdt_member", 200, 404),
        ("responder", 200, 404),
        ("reporter", 200, 404),
    ],
)
def test_initiative_pages_follow_the_access_policy(
    client, world, home_initiative, persona, board, detail
):
    client.force_login(world.users[persona])
    board_page = client.get(reverse("initiative-board"))
    assert board_page.status_code == board
    assert ("Count the cases" in board_page.content.decode()) == (detail == 200)
    assert client.get(reverse("initiative-detail", args=[home_initiative.pk])).status_code == detail


def test_anonymous_visitors_are_sent_to_sign_in(client, home_initiative):
    response = client.get(reverse("initiative-detail", args=[home_initiative.pk]))
    assert response.status_code == 302


def test_the_page_shows_the_next_gates_before_the_button(client, world, home_initiative):
    client.force_login(world.users["coordinator"])
    html = client.get(reverse("initiative-detail", args=[home_initiative.pk])).content.decode()
    assert "Not met:</span> A need statement is written." in html
    assert "Not met:</span> At least one partner agency is engaged." in html
    assert 'aria-current="step"' in html


def test_a_blocked_advance_says_why_keeps_the_note_and_changes_nothing(
    client, world, home_initiative
):
    client.force_login(world.users["coordinator"])
    response = client.post(
        reverse("initiative-transition", args=[home_initiative.pk, "advance"]),
        {"expected_phase": "identification", "note": "Partners met on Tuesday."},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "The initiative cannot advance yet: 2 gates are not met." in html
    assert "Still needed: A need statement is written." in html
    assert "gate(s)" not in html
    assert (
        'aria-describedby="refused-advance" autofocus>Partners met on Tuesday.</textarea>' in html
    )
    assert "before signing in again" not in html
    home_initiative.refresh_from_db()
    assert home_initiative.phase == Phase.IDENTIFICATION


def test_an_mdt_member_cannot_transition_through_the_page(client, world, home_initiative):
    client.force_login(world.users["mdt_member"])
    response = client.post(
        reverse("initiative-transition", args=[home_initiative.pk, "abandon"]),
        {"expected_phase": "identification", "note": "no"},
    )
    assert response.status_code == 404
    assert not PhaseTransition.objects.exists()


def test_only_coordinators_and_admins_may_open_initiatives_from_the_page(client, world):
    client.force_login(world.users["mdt_member"])
    assert client.get(reverse("initiative-create")).status_code == 403
    client.force_login(world.users["coordinator"])
    response = client.post(
        reverse("initiative-create"), {"region": world.home.pk, "title": "", "need_statement": ""}
    )
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()


def test_the_admin_shows_transitions(client, world, home_initiative):
    PhaseTransition.objects.create(
        initiative=home_initiative,
        transition="advance",
        from_phase="identification",
        to_phase="definition",
        by=world.users["coordinator"],
        at="2018-01-01T00:00:00Z",
        note="Ready to define",
    )
    client.force_login(world.users["state_admin"])
    html = client.get(f"/admin/phases/initiative/{home_initiative.pk}/change/").content.decode()
    assert "Ready to define" in html


def test_a_coordinator_opens_an_initiative_and_adds_a_finding_from_the_pages(client, world):
    from phases.models import Finding, Initiative

    client.force_login(world.users["coordinator"])
    form = client.get(reverse("initiative-create")).content.decode()
    assert "Away Region" not in form  # only regions they coordinate are offered
    response = client.post(
        reverse("initiative-create"),
        {"region": world.home.pk, "title": "Count the cases", "need_statement": "Nobody counts"},
    )
    initiative = Initiative.objects.get(title="Count the cases")
    assert response["Location"] == reverse("initiative-detail", args=[initiative.pk])
    assert initiative.coordinator == world.users["coordinator"]
    bad = client.post(
        reverse("record-create", args=[initiative.pk, "findings"]),
        {"statement": "", "recorded_on": "yesterday"},
    )
    assert bad.status_code == 200
    assert "Enter a valid date." in bad.content.decode()
    assert not Finding.objects.exists()
    client.post(
        reverse("record-create", args=[initiative.pk, "findings"]),
        {"statement": "Training is needed", "recorded_on": "2018-03-01"},
    )
    assert Finding.objects.get(initiative=initiative).statement == "Training is needed"


@pytest.mark.django_db
def test_the_coordinators_dashboard_lists_initiatives_by_phase_with_what_each_still_needs(
    world, client
):
    from phases.models import Initiative
    from tests.phases.factories import InitiativeFactory

    blocked = InitiativeFactory(
        region=world.home, title="Count the cases", coordinator=world.users["coordinator"]
    )
    ready = InitiativeFactory(
        region=world.home, title="Name the need", need_statement="Youth are recruited online."
    )
    ready.partner_agencies.add(world.home_agency)
    InitiativeFactory(region=world.away, title="Away work")
    InitiativeFactory(region=world.home, title="Done work", phase="closed")
    client.force_login(world.users["coordinator"])
    page = client.get("/").content.decode()
    assert "Your initiatives" in page
    assert "1 initiative cannot move on yet" in page
    assert "Still needed: A need statement is written." in page
    assert page.index("Count the cases") < page.index("Name the need")  # blocked first
    assert "Ready for its next phase." in page
    assert f'href="/initiatives/{blocked.pk}/"' in page
    assert "Away work" not in page
    assert "Done work" not in page
    client.force_login(world.users["mdt_member"])
    assert "Your initiatives" not in client.get("/").content.decode()
    assert Initiative.objects.count() == 4
