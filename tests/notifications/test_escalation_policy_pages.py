"""Issue 18: a region's escalation policy on its page and in the API — read by its contacts,
set by its coordinator or a state admin, checked before it is stored."""

from django.test import Client

from coordination.models import Role
from notifications.policies.selectors import policy_for
from tests.coordination.factories import RoleAssignmentFactory, UserFactory
from tests.openapi import assert_matches_schema

URL = "/api/v1/escalation-policies/{}/"


def test_the_api_reads_and_sets_the_steps(api, world, backup):
    url = URL.format(world.home.pk)
    read = api("responder").get(url)
    assert read.status_code == 200
    assert read.json()["default"] is True
    assert [step["notify"] for step in read.json()["steps"]] == [
        "on_duty",
        "backup",
        "state_admins",
    ]
    assert_matches_schema(read, method="GET", path="/api/v1/escalation-policies/{id}/")
    body = {
        "steps": [
            {"notify": "on_duty", "wait_minutes": 3, "repeats": 2},
            {"notify": "person", "person": backup.pk, "wait_minutes": 5},
            {"notify": "coordinators", "wait_minutes": 10},
        ]
    }
    saved = api("coordinator").put(url, body, format="json")
    assert saved.status_code == 200, saved.json()
    assert saved.json()["default"] is False
    assert [(s["notify"], s["label"]) for s in saved.json()["steps"]] == [
        ("on_duty", "The contact on duty"),
        ("person", "backup"),
        ("coordinators", "Every coordinator of the region"),
        ("state_admins", "The state admins"),
    ]
    assert saved.json()["steps"][1]["person"] == backup.pk
    assert_matches_schema(saved, method="PUT", path="/api/v1/escalation-policies/{id}/")
    listed = api("coordinator").get("/api/v1/escalation-policies/").json()
    assert [policy["region"] for policy in listed] == [world.home.pk]
    restored = api("state_admin").put(url, {"steps": []}, format="json")
    assert restored.json()["default"] is True


def test_the_api_refuses_bad_steps_and_never_says_whether_a_person_exists(api, world):
    url = URL.format(world.home.pk)
    outsider = UserFactory(username="outsider")
    nobody, somebody = (
        api("coordinator").put(
            url, {"steps": [{"notify": "person", "person": pk, "wait_minutes": 5}]}, format="json"
        )
        for pk in (999_999, outsider.pk)
    )
    assert nobody.status_code == somebody.status_code == 400
    assert "can be named" in str(nobody.json())
    assert "can be named" in str(somebody.json())
    for steps in (
        [{"notify": "person", "wait_minutes": 5}],
        [{"notify": "on_duty", "wait_minutes": 0}],
        [{"notify": "on_duty", "wait_minutes": 5, "repeats": 9}],
        [{"notify": "on_duty", "wait_minutes": 5, "colour": "red"}],
        [{"notify": "on_duty", "wait_minutes": 5}] * 11,
    ):
        refused = api("coordinator").put(url, {"steps": steps}, format="json")
        assert refused.status_code == 400, steps
    assert policy_for(world.home)[0].wait_minutes == world.home.escalation_minutes
    # A contact is refused before the body is read: garbage gets 403, not 400.
    contact = api("responder").put(url, "not json", content_type="application/json")
    assert contact.status_code == 403


def test_the_page_shows_the_policy_and_the_coordinator_edits_it(world, backup):
    coordinator = Client()
    coordinator.force_login(world.users["coordinator"])
    url = f"/rota/{world.home.pk}/escalation/"
    page = coordinator.get(url).content.decode()
    assert "Now: the default policy" in page
    assert "The next contact on the rota" in page
    form = {
        "step-TOTAL_FORMS": "3",
        "step-INITIAL_FORMS": "0",
        "step-0-notify": "on_duty",
        "step-0-wait_minutes": "2",
        "step-0-repeats": "1",
        "step-1-notify": "coordinators",
        "step-1-wait_minutes": "4",
        "step-1-repeats": "0",
        "step-2-notify": "",
    }
    saved = coordinator.post(url, form, follow=True)
    assert "escalation policy is saved" in saved.content.decode()
    assert [step.notify for step in policy_for(world.home)] == [
        "on_duty",
        "coordinators",
        "state_admins",
    ]
    rota = coordinator.get("/rota/").content.decode()
    assert "Every coordinator of the region (4 min)" in rota
    assert "Change the escalation policy" in rota

    # A person step with nobody named is refused on the page, and nothing changes.
    refused = coordinator.post(
        url,
        {**form, "step-0-notify": "person", "step-0-person": ""},
    ).content.decode()
    assert "name the person to notify" in refused
    assert policy_for(world.home)[0].notify == "on_duty"
    coordinator.post(url, {"default": "1"})
    assert policy_for(world.home)[0].wait_minutes == world.home.escalation_minutes


def test_a_contact_reads_the_page_but_cannot_change_it(world):
    contact = Client()
    contact.force_login(world.users["responder"])
    url = f"/rota/{world.home.pk}/escalation/"
    page = contact.get(url).content.decode()
    assert "The contact on duty" in page
    assert "Save the policy" not in page
    assert contact.post(url, {"default": "1"}).status_code == 403
    other = UserFactory(username="elsewhere")
    RoleAssignmentFactory(user=other, role=Role.COORDINATOR, region=world.away)
    outsider = Client()
    outsider.force_login(other)
    assert outsider.get(url).status_code == 404
