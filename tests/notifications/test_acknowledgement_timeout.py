"""Issue 18: an alert acknowledged but not resolved within the region's acknowledgement
timeout is triggered again and paged again, on the same database clock as escalation, so
any number of workers trigger it again exactly once."""

import datetime

import pytest
from asgiref.sync import async_to_sync
from django.utils import timezone

from config.asgi import application
from notifications import services
from notifications.models import Alert, AlertEvent
from tests.racing import race
from tests.websocket import WebsocketClient, session_headers

pytestmark = pytest.mark.django_db(transaction=True)
MINUTE = datetime.timedelta(minutes=1)


@pytest.fixture
def timed(world):
    world.home.acknowledgement_timeout_minutes = 30
    world.home.save()
    return world


def raise_and_acknowledge(world, summary="Youth seen at the bus station; LE notified"):
    alert = services.alert_raise(
        actor=world.users["coordinator"], region=world.home, severity="urgent", summary=summary
    )
    return services.alert_transition(
        actor=world.users["responder"], alert=alert, transition="acknowledge"
    )


def test_an_alert_left_unresolved_past_the_timeout_is_triggered_and_paged_again(timed):
    world = timed
    alert = raise_and_acknowledge(world)
    acknowledged_at = alert.acknowledged_at
    assert alert.escalate_at == acknowledged_at + 30 * MINUTE
    assert services.next_escalation_at() == alert.escalate_at
    assert services.escalate_due(now=acknowledged_at + 29 * MINUTE) == 0
    later = acknowledged_at + 31 * MINUTE
    assert services.escalate_due(now=later) == 1
    alert.refresh_from_db()
    assert alert.status == "triggered"
    assert (alert.assigned_to, alert.escalation_level) == (world.users["responder"], 0)
    assert (alert.acknowledged_at, alert.acknowledged_by) == (None, None)
    assert alert.escalate_at == later + world.home.escalation_minutes * MINUTE
    kinds = list(alert.events.values_list("kind", flat=True))
    assert kinds == ["raised", "acknowledged", "triggered_again"]
    # It waits again: on the console, and for an acknowledgement with a new clock.
    assert list(services.selectors.pending_alerts_for(user=world.users["responder"])) == [alert]
    again = services.alert_transition(
        actor=world.users["responder"], alert=alert, transition="acknowledge"
    )
    assert again.escalate_at is not None


def test_a_resolved_alert_has_no_clock_and_is_never_triggered_again(timed):
    alert = raise_and_acknowledge(timed)
    alert = services.alert_transition(
        actor=timed.users["responder"], alert=alert, transition="resolve"
    )
    assert alert.escalate_at is None
    assert services.escalate_due(now=timezone.now() + 24 * 60 * MINUTE) == 0
    assert Alert.objects.get().status == "resolved"


def test_without_a_timeout_an_acknowledged_alert_waits_until_resolved(world):
    alert = raise_and_acknowledge(world)
    assert alert.escalate_at is None
    assert services.next_escalation_at() is None
    assert services.escalate_due(now=timezone.now() + 24 * 60 * MINUTE) == 0


def test_the_contacts_socket_gets_the_alert_again(timed, settings):
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    world = timed
    alert = raise_and_acknowledge(world)
    headers = session_headers(world.users["responder"])

    async def scenario():
        contact = WebsocketClient(application, "/ws/alerts/", headers=headers)
        assert await contact.connect() == (True, None)
        assert await contact.receive_nothing(timeout=0.2)  # acknowledged: nothing pending
        from channels.db import database_sync_to_async

        await database_sync_to_async(services.escalate_due)(now=timezone.now() + 31 * MINUTE)
        event = await contact.receive_json_from()
        await contact.disconnect()
        return event

    event = async_to_sync(scenario)()
    assert (event["type"], event["alert"]["id"], event["alert"]["status"]) == (
        "alert",
        alert.pk,
        "triggered",
    )


def test_the_timeout_is_set_on_the_region_by_a_state_admin_and_bounded(api, world):
    response = api("state_admin").patch(
        f"/api/v1/regions/{world.home.pk}/", {"acknowledgement_timeout_minutes": 45}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["acknowledgement_timeout_minutes"] == 45
    for bad in (0, 5000, "soon"):
        refused = api("state_admin").patch(
            f"/api/v1/regions/{world.home.pk}/",
            {"acknowledgement_timeout_minutes": bad},
            format="json",
        )
        assert refused.status_code == 400
    coordinator = api("coordinator").patch(
        f"/api/v1/regions/{world.home.pk}/", {"acknowledgement_timeout_minutes": 5}, format="json"
    )
    assert coordinator.status_code == 403


def test_two_workers_racing_trigger_each_alert_again_exactly_once(timed):
    alerts = [raise_and_acknowledge(timed, f"Alert {n}") for n in range(6)]
    Alert.objects.update(escalate_at=timezone.now() - datetime.timedelta(seconds=1))
    counts = race(services.escalate_due)
    assert sum(counts) == len(alerts)
    assert AlertEvent.objects.filter(kind="triggered_again").count() == len(alerts)
    assert set(Alert.objects.values_list("status", "escalation_level")) == {("triggered", 0)}


def test_triggered_again_for_someone_else_it_leaves_the_first_contacts_console(
    timed, settings, backup
):
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    world = timed
    alert = raise_and_acknowledge(world)
    services.duty_take_over(actor=backup, region=world.home)  # the backup is on duty now
    headers = session_headers(world.users["responder"])

    async def scenario():
        contact = WebsocketClient(application, "/ws/alerts/", headers=headers)
        assert await contact.connect() == (True, None)
        assert await contact.receive_nothing(timeout=0.2)  # it holds the alert acknowledged
        from channels.db import database_sync_to_async

        await database_sync_to_async(services.escalate_due)(now=timezone.now() + 31 * MINUTE)
        event = await contact.receive_json_from()
        await contact.disconnect()
        return event

    event = async_to_sync(scenario)()
    assert event == {"type": "alert.cleared", "id": alert.pk, "status": "triggered"}
    alert.refresh_from_db()
    assert alert.assigned_to == backup
