"""Issue 18: each region's escalation policy — ordered steps, each naming whom to page (the
contact on duty, the next contact, a named person, every coordinator of the region, the
state admins), how long to wait and how often to page again. The fixed chain is the
default policy; the state admins always close it."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from coordination.models import Role, RoleAssignment
from notifications import selectors, services
from notifications.models import Alert, AlertEvent
from notifications.policies import services as policy
from notifications.policies.selectors import policy_for
from notifications.rules import services as rules
from tests.coordination.factories import RoleAssignmentFactory, UserFactory
from tests.racing import race

SECOND = datetime.timedelta(seconds=1)
MINUTE = datetime.timedelta(minutes=1)


def raise_one(world, summary="Youth seen at the bus station; LE notified"):
    return services.alert_raise(
        actor=world.users["coordinator"], region=world.home, severity="urgent", summary=summary
    )


def run_due(alert) -> Alert:
    """Let the alert's clock run out, and the worker pass."""
    alert.refresh_from_db()
    assert services.escalate_due(now=alert.escalate_at + SECOND) == 1
    alert.refresh_from_db()
    return alert


@pytest.fixture
def paged(monkeypatch):
    """Whom each delivery reached, in order."""
    reached = []
    deliver = rules.deliver

    def spy(alert, user_ids, now=None):
        reached.append(sorted(user_ids))
        return deliver(alert, user_ids, now)

    monkeypatch.setattr(rules, "deliver", spy)
    return reached


def test_steps_page_with_their_waits_and_repeats_then_move_on(world, backup, paged):
    policy.escalation_policy_set(
        actor=world.users["coordinator"],
        region=world.home,
        steps=[
            {"notify": "on_duty", "wait_minutes": 2, "repeats": 1},
            {"notify": "coordinators", "wait_minutes": 3},
            {"notify": "person", "person": backup, "wait_minutes": 4},
        ],
    )
    responder, coordinator = world.users["responder"], world.users["coordinator"]
    alert = raise_one(world)
    assert (alert.assigned_to, alert.escalation_level, alert.escalation_repeat) == (responder, 0, 0)
    assert alert.escalate_at == alert.raised_at + 2 * MINUTE or (
        abs(alert.escalate_at - alert.raised_at - 2 * MINUTE) < SECOND
    )

    alert = run_due(alert)  # the step's repeat: the same contact, paged again
    assert (alert.assigned_to, alert.escalation_level, alert.escalation_repeat) == (responder, 0, 1)

    alert = run_due(alert)  # every coordinator of the region
    assert (alert.assigned_to, alert.assigned_group, alert.escalation_level) == (
        None,
        "coordinators",
        1,
    )
    assert selectors.recipients(alert) == [coordinator.pk]
    assert list(selectors.pending_alerts_for(user=coordinator)) == [alert]
    assert services.may_answer(coordinator, alert)
    assert not services.may_answer(world.users["coordinator_away"], alert)
    assert not services.may_answer(responder, alert)

    alert = run_due(alert)  # the named person
    assert (alert.assigned_to, alert.escalation_level) == (backup, 2)
    assert not selectors.pending_alerts_for(user=coordinator).exists()

    alert = run_due(alert)  # the state admins close every policy, and keep it
    assert (alert.assigned_to, alert.assigned_group, alert.escalation_level) == (
        None,
        "state_admins",
        3,
    )
    assert alert.escalate_at is None
    kinds = list(alert.events.values_list("kind", "escalation_level"))
    assert kinds == [
        ("raised", 0),
        ("paged_again", 0),
        ("escalated", 1),
        ("escalated", 2),
        ("escalated", 3),
    ]
    admins = sorted(selectors.state_admins().values_list("pk", flat=True))
    assert paged == [[responder.pk], [responder.pk], [coordinator.pk], [backup.pk], admins]


def test_the_last_step_pages_again_then_keeps_the_alert(world):
    policy.escalation_policy_set(
        actor=world.users["state_admin"],
        region=world.home,
        steps=[{"notify": "state_admins", "wait_minutes": 10, "repeats": 2}],
    )
    alert = raise_one(world)
    assert alert.assigned_group == "state_admins"
    alert = run_due(alert)
    alert = run_due(alert)
    assert (alert.escalation_level, alert.escalation_repeat, alert.escalate_at) == (0, 2, None)
    assert services.escalate_due(now=timezone.now() + datetime.timedelta(days=1)) == 0


def test_a_step_nobody_holds_is_skipped(world, backup):
    policy.escalation_policy_set(
        actor=world.users["coordinator"],
        region=world.home,
        steps=[
            {"notify": "person", "person": backup, "wait_minutes": 5},
            {"notify": "coordinators", "wait_minutes": 5},
        ],
    )
    RoleAssignment.objects.filter(user=backup).delete()  # the named person lost their role
    alert = raise_one(world)
    assert (alert.assigned_group, alert.escalation_level) == ("coordinators", 1)
    RoleAssignment.objects.filter(role=Role.COORDINATOR, region=world.home).delete()
    alert = raise_one(world, "Second alert")
    assert (alert.assigned_group, alert.escalation_level) == ("state_admins", 2)


def test_the_default_policy_is_the_old_chain(world, backup):
    steps = policy_for(world.home)
    assert [step.notify for step in steps] == ["on_duty", "backup", "state_admins"]
    assert {step.wait_minutes for step in steps} == {world.home.escalation_minutes}
    alert = raise_one(world)
    assert (alert.assigned_to, alert.escalation_level) == (world.users["responder"], 0)
    assert run_due(alert).assigned_to == backup
    assert run_due(alert).assigned_group == "state_admins"


def test_an_acknowledged_alert_past_its_timeout_starts_again_at_the_first_step(world):
    world.home.acknowledgement_timeout_minutes = 30
    world.home.save()
    policy.escalation_policy_set(
        actor=world.users["coordinator"],
        region=world.home,
        steps=[
            {"notify": "coordinators", "wait_minutes": 5},
            {"notify": "on_duty", "wait_minutes": 5},
        ],
    )
    alert = raise_one(world)
    services.alert_transition(
        actor=world.users["coordinator"], alert=alert, transition="acknowledge"
    )
    alert = run_due(alert)
    assert (alert.status, alert.assigned_group, alert.escalation_level) == (
        "triggered",
        "coordinators",
        0,
    )


def test_a_group_that_empties_passes_the_alert_on_and_a_named_state_admin_keeps_it(world):
    policy.escalation_policy_set(
        actor=world.users["coordinator"],
        region=world.home,
        steps=[{"notify": "coordinators", "wait_minutes": 30}],
    )
    alert = raise_one(world)
    assert services.hand_over_from_those_without_a_role() == 0
    RoleAssignment.objects.filter(role=Role.COORDINATOR, region=world.home).delete()
    assert services.hand_over_from_those_without_a_role() == 1
    alert.refresh_from_db()
    assert alert.assigned_group == "state_admins"

    admin = world.users["state_admin"]
    policy.escalation_policy_set(
        actor=admin,
        region=world.home,
        steps=[{"notify": "person", "person": admin, "wait_minutes": 30}],
    )
    named = raise_one(world, "Second alert")
    assert named.assigned_to == admin
    assert services.hand_over_from_those_without_a_role() == 0  # a state admin answers all


def test_changing_who_is_on_duty_moves_alerts_at_an_on_duty_step(world, backup):
    policy.escalation_policy_set(
        actor=world.users["coordinator"],
        region=world.home,
        steps=[
            {"notify": "coordinators", "wait_minutes": 30},
            {"notify": "on_duty", "wait_minutes": 30},
        ],
    )
    at_coordinators = raise_one(world)
    at_on_duty = raise_one(world, "Second alert")
    Alert.objects.filter(pk=at_on_duty.pk).update(
        assigned_to=world.users["responder"], assigned_group="", escalation_level=1
    )
    services.duty_take_over(actor=backup, region=world.home)
    at_on_duty.refresh_from_db()
    at_coordinators.refresh_from_db()
    assert at_on_duty.assigned_to == backup
    assert at_coordinators.assigned_group == "coordinators"


def test_only_the_regions_coordinator_or_a_state_admin_sets_it_and_it_is_checked(world, backup):
    steps = [{"notify": "on_duty", "wait_minutes": 5}]
    for persona in ("responder", "coordinator_away", "mdt_member", "no_role"):
        with pytest.raises(PermissionDenied):
            policy.escalation_policy_set(actor=world.users[persona], region=world.home, steps=steps)
    outsider = UserFactory(username="outsider")
    refusals = [
        ([{"notify": "person", "wait_minutes": 5}], "name the person"),
        ([{"notify": "person", "person": outsider, "wait_minutes": 5}], "can be named"),
        ([{"notify": "on_duty", "wait_minutes": 0}], "Step 1:"),
        ([{"notify": "on_duty", "wait_minutes": 5, "repeats": 6}], "Step 1:"),
        ([{"notify": "pager", "wait_minutes": 5}], "Step 1:"),
        (steps * 11, "at most 10 steps"),
    ]
    for bad, said in refusals:
        with pytest.raises(ValidationError) as refused:
            policy.escalation_policy_set(
                actor=world.users["coordinator"], region=world.home, steps=bad
            )
        assert said in " ".join(refused.value.messages)
    assert policy_for(world.home)[0].notify == "on_duty"  # nothing stored: still the default
    RoleAssignmentFactory(user=outsider, role=Role.RESPONDER, region=world.home, duty="rotation")
    policy.escalation_policy_set(
        actor=world.users["coordinator"],
        region=world.home,
        steps=[{"notify": "person", "person": outsider, "wait_minutes": 5}],
    )
    assert [step.notify for step in policy_for(world.home)] == ["person", "state_admins"]
    policy.escalation_policy_set(actor=world.users["coordinator"], region=world.home, steps=[])
    assert [step.notify for step in policy_for(world.home)] == ["on_duty", "backup", "state_admins"]


@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_run_each_step_and_each_repeat_exactly_once(world):
    policy.escalation_policy_set(
        actor=world.users["coordinator"],
        region=world.home,
        steps=[
            {"notify": "on_duty", "wait_minutes": 1, "repeats": 2},
            {"notify": "coordinators", "wait_minutes": 1},
        ],
    )
    alerts = [raise_one(world, f"Alert {n}") for n in range(6)]
    for expected in [(0, 1), (0, 2), (1, 0), (2, 0)]:
        Alert.objects.update(escalate_at=timezone.now() - SECOND)
        assert sum(race(services.escalate_due)) == len(alerts)
        assert set(Alert.objects.values_list("escalation_level", "escalation_repeat")) == {expected}
    counted = {
        kind: AlertEvent.objects.filter(kind=kind).count()
        for kind in ("raised", "paged_again", "escalated")
    }
    assert counted == {"raised": 6, "paged_again": 12, "escalated": 12}


@pytest.mark.django_db(transaction=True)
def test_a_repeat_shows_the_alert_again_on_a_socket_that_already_showed_it(world, settings):
    from asgiref.sync import async_to_sync
    from channels.db import database_sync_to_async

    from config.asgi import application
    from tests.websocket import WebsocketClient, session_headers

    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    policy.escalation_policy_set(
        actor=world.users["coordinator"],
        region=world.home,
        steps=[{"notify": "on_duty", "wait_minutes": 1, "repeats": 1}],
    )
    alert = raise_one(world)
    headers = session_headers(world.users["responder"])

    async def scenario():
        contact = WebsocketClient(application, "/ws/alerts/", headers=headers)
        assert await contact.connect() == (True, None)
        first = await contact.receive_json_from()  # waiting: shown on connecting
        await database_sync_to_async(services.escalate_due)(now=alert.escalate_at + SECOND)
        again = await contact.receive_json_from()  # not cleared first: it is still theirs
        await contact.disconnect()
        return first, again

    first, again = async_to_sync(scenario)()
    assert (first["alert"]["id"], first["alert"]["escalation_repeat"]) == (alert.pk, 0)
    assert (again["type"], again["alert"]["id"], again["alert"]["escalation_repeat"]) == (
        "alert",
        alert.pk,
        1,
    )
