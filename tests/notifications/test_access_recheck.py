"""Alerts never reach someone who lost access: an open `/ws/alerts/` socket checks the
person again at every beat, every push and every ack. A deactivated user, a withdrawn
role and the contact of a "take over now" who lost their role each stop receiving alerts
at the next beat (4403), their acks are refused, the rota stops counting them, new
alerts go to someone who can answer, and their waiting alerts are handed over."""

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from django.core import mail

from coordination.models import Role, RoleAssignment
from coordination.people import services as people_services
from coordination.people.access import SYSTEM
from notifications import selectors, services
from notifications.consumers import ACCESS_WITHDRAWN
from notifications.models import Alert, AlertStatus
from tests.coordination.factories import RoleAssignmentFactory, UserFactory
from tests.notifications.test_consumers import raise_one, session_headers, socket

pytestmark = pytest.mark.django_db(transaction=True)
BEAT = 0.1


async def _closed_with(contact, timeout=3):
    """The close code the server sent, skipping frames sent before it."""
    while True:
        answer = await contact.receive_output(timeout)
        if answer["type"] == "websocket.close":
            await contact.send_input({"type": "websocket.disconnect", "code": answer["code"]})
            await contact.wait(timeout)
            return answer["code"]


def _withdraw_quietly(user, role):
    """Take a role away without telling any socket (as a direct database change would):
    only the beat can notice."""
    RoleAssignment.objects.filter(user=user, role=role).delete()


def test_a_deactivated_users_socket_closes_at_the_next_beat_and_gets_nothing(world, settings):
    settings.ALERT_SOCKET_BEAT_SECONDS = BEAT
    responder = world.users["responder"]
    headers = session_headers(responder)

    async def scenario():
        contact = socket(headers)
        assert (await contact.connect())[0]
        await database_sync_to_async(
            lambda: type(responder).objects.filter(pk=responder.pk).update(is_active=False)
        )()
        code = await _closed_with(contact)
        alert = await database_sync_to_async(raise_one)(world, "After deactivation")
        return code, alert

    code, alert = async_to_sync(scenario)()
    assert code == ACCESS_WITHDRAWN
    assert alert.assigned_to_id != responder.pk


def test_a_deactivated_users_ack_is_refused(world, settings):
    settings.ALERT_SOCKET_BEAT_SECONDS = 60  # the ack itself must notice, not a beat
    responder = world.users["responder"]
    alert = raise_one(world)
    headers = session_headers(responder)

    async def scenario():
        contact = socket(headers)
        assert (await contact.connect())[0]
        assert (await contact.receive_json_from())["alert"]["id"] == alert.pk
        await database_sync_to_async(
            lambda: type(responder).objects.filter(pk=responder.pk).update(is_active=False)
        )()
        await contact.send_json_to({"type": "ack", "id": alert.pk})
        return await _closed_with(contact)

    assert async_to_sync(scenario)() == ACCESS_WITHDRAWN
    alert.refresh_from_db()
    assert alert.status == AlertStatus.TRIGGERED


def test_deactivating_through_the_service_closes_the_socket_at_once(world, settings):
    settings.ALERT_SOCKET_BEAT_SECONDS = 60  # no beat will come: the push must do it
    responder = world.users["responder"]
    headers = session_headers(responder)

    async def scenario():
        contact = socket(headers)
        assert (await contact.connect())[0]
        await database_sync_to_async(people_services.user_update)(
            actor=SYSTEM, user=responder, data={"is_active": False}
        )
        return await _closed_with(contact)

    assert async_to_sync(scenario)() == ACCESS_WITHDRAWN


def test_a_withdrawn_state_admin_role_stops_escalated_alerts_and_acks(world, settings):
    settings.ALERT_SOCKET_BEAT_SECONDS = 60
    admin = world.users["state_admin"]
    RoleAssignment.objects.filter(role=Role.RESPONDER).delete()  # nobody on duty: admins get it
    first = raise_one(world, "Straight to the admins")
    assert first.assigned_to_id is None
    headers = session_headers(admin)

    async def scenario():
        contact = socket(headers)
        assert (await contact.connect())[0]
        assert (await contact.receive_json_from())["alert"]["id"] == first.pk
        await database_sync_to_async(_withdraw_quietly)(admin, Role.STATE_ADMIN)
        await contact.send_json_to({"type": "ack", "id": first.pk})
        return await _closed_with(contact)

    assert async_to_sync(scenario)() == ACCESS_WITHDRAWN
    first.refresh_from_db()
    assert first.status == AlertStatus.TRIGGERED


def test_a_withdrawn_role_closes_at_the_beat_before_a_new_alert_arrives(world, settings):
    settings.ALERT_SOCKET_BEAT_SECONDS = BEAT
    responder = world.users["responder"]
    headers = session_headers(responder)

    async def scenario():
        contact = socket(headers)
        assert (await contact.connect())[0]
        await database_sync_to_async(_withdraw_quietly)(responder, Role.RESPONDER)
        code = await _closed_with(contact)
        alert = await database_sync_to_async(raise_one)(world, "After the role went")
        return code, alert

    code, alert = async_to_sync(scenario)()
    assert code == ACCESS_WITHDRAWN
    assert alert.assigned_to_id != responder.pk


def test_a_push_never_delivers_an_alert_the_person_may_no_longer_answer(world, settings):
    """Someone who keeps another alert role stays connected, but an alert of the region
    they left is not shown, even when the push names them."""
    settings.ALERT_SOCKET_BEAT_SECONDS = 60
    responder = world.users["responder"]
    RoleAssignmentFactory(user=responder, role=Role.COORDINATOR, region=world.away)
    alert = raise_one(world)
    headers = session_headers(responder)

    async def scenario():
        contact = socket(headers)
        assert (await contact.connect())[0]
        assert (await contact.receive_json_from())["alert"]["id"] == alert.pk
        await database_sync_to_async(_withdraw_quietly)(responder, Role.RESPONDER)
        # A stale push (as if sent just before the change) names the old assignee.
        await database_sync_to_async(
            lambda: services._push(alert, services.events.alert_event(alert), [responder.pk])
        )()
        await database_sync_to_async(lambda: None)()
        cleared = await contact.receive_json_from()
        nothing = await contact.receive_nothing(timeout=0.3)
        await contact.disconnect()
        return cleared, nothing

    cleared, nothing = async_to_sync(scenario)()
    assert cleared == {"type": "alert.cleared", "id": alert.pk, "status": "triggered"}
    assert nothing


# --- "take over now" outlives no role ---------------------------------------------------
def _take_over(world, contact):
    return services.duty_take_over(actor=contact, region=world.home, contact=contact)


def test_an_override_counts_only_while_its_contact_holds_a_role_in_the_region(world, backup):
    taker = backup
    _take_over(world, taker)
    assert selectors.on_duty(world.home).contact == taker
    _withdraw_quietly(taker, Role.RESPONDER)
    duty = selectors.on_duty(world.home)
    assert duty.contact == world.users["responder"]  # the rota's primary again
    assert taker not in duty.chain


def test_new_alerts_never_go_to_an_override_contact_who_lost_the_role(world, backup):
    _take_over(world, backup)
    _withdraw_quietly(backup, Role.RESPONDER)
    mail.outbox.clear()
    alert = raise_one(world, "After the take-over lapsed")
    assert alert.assigned_to == world.users["responder"]
    assert all(backup.email not in message.to for message in mail.outbox)


def test_waiting_alerts_of_someone_who_lost_the_role_are_handed_to_the_contact_on_duty(
    world, backup
):
    _take_over(world, backup)
    waiting = raise_one(world, "Assigned before the role went")
    assert waiting.assigned_to == backup
    clock = waiting.escalate_at
    _withdraw_quietly(backup, Role.RESPONDER)
    # Their REST view of it is gone at once…
    assert not services.may_answer(backup, Alert.objects.get(pk=waiting.pk))
    # …and the worker's next pass hands it on, its escalation clock still running.
    assert services.hand_over_from_those_without_a_role() == 1
    waiting.refresh_from_db()
    assert waiting.assigned_to == world.users["responder"]
    assert waiting.escalate_at == clock
    assert waiting.events.filter(kind="handed_over").exists()
    assert services.hand_over_from_those_without_a_role() == 0


def test_the_override_contacts_socket_closes_and_their_ack_does_not_stop_escalation(
    world, backup, settings
):
    settings.ALERT_SOCKET_BEAT_SECONDS = 60
    _take_over(world, backup)
    alert = raise_one(world)
    headers = session_headers(backup)

    async def scenario():
        contact = socket(headers)
        assert (await contact.connect())[0]
        assert (await contact.receive_json_from())["alert"]["id"] == alert.pk
        await database_sync_to_async(_withdraw_quietly)(backup, Role.RESPONDER)
        await contact.send_json_to({"type": "ack", "id": alert.pk})
        return await _closed_with(contact)

    assert async_to_sync(scenario)() == ACCESS_WITHDRAWN
    alert.refresh_from_db()
    assert alert.status == AlertStatus.TRIGGERED
    assert alert.escalate_at is not None


def test_someone_never_given_alerts_keeps_an_empty_socket(world, settings):
    """An MDT member may open the console; having no alert role from the start is not a
    withdrawal, and nothing reaches them."""
    settings.ALERT_SOCKET_BEAT_SECONDS = BEAT
    headers = session_headers(world.users["mdt_member"])

    async def scenario():
        contact = socket(headers)
        assert (await contact.connect())[0]
        await database_sync_to_async(raise_one)(world, "For the responder")
        nothing = await contact.receive_nothing(timeout=0.5)
        await contact.disconnect()
        return nothing

    assert async_to_sync(scenario)()


def test_a_fresh_contact_with_the_role_still_gets_alerts(world):
    newcomer = UserFactory(username="newcomer")
    RoleAssignmentFactory(user=newcomer, role=Role.RESPONDER, region=world.home, duty="backup")
    _take_over(world, newcomer)
    assert raise_one(world).assigned_to == newcomer
