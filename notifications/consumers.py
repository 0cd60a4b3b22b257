"""`/ws/alerts/`: a contact's live alerts. On connect, every unacknowledged alert assigned
to the user is sent; then each new one. `{"type": "ack", "id": …}` acknowledges."""

import json

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.core.exceptions import PermissionDenied, ValidationError

from coordination.access import access_for
from coordination.errors import Conflict

from . import events, services
from .models import Alert, AlertStatus

NOT_SIGNED_IN = 4401
MAX_FRAME = 4096


@database_sync_to_async
def _pending_for(user) -> list[dict]:
    alerts = Alert.objects.filter(status=AlertStatus.TRIGGERED)
    mine = alerts.filter(assigned_to=user)
    if access_for(user).is_state_admin:
        mine = mine | alerts.filter(assigned_to__isnull=True)
    return [events.alert_event(alert) for alert in mine.order_by("raised_at")]


@database_sync_to_async
def _acknowledge(user, alert_id) -> str | None:
    """None when done, else an error code."""
    alert = Alert.objects.filter(pk=alert_id).first()
    if alert is None or not services.may_answer(user, alert):
        return "not_found"  # another user's alert is not confirmed to exist
    try:
        services.alert_transition(actor=user, alert=alert, transition="acknowledge")
    except Conflict:
        return "already_answered"
    except (PermissionDenied, ValidationError):
        return "not_found"
    return None


class AlertConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=NOT_SIGNED_IN)
            return
        self.user = user
        self.group = events.user_group(user.pk)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        for event in await _pending_for(user):
            await self.send_json(event)

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        if bytes_data is not None or text_data is None or len(text_data) > MAX_FRAME:
            await self.send_json({"type": "error", "code": "bad_frame"})
            return
        await super().receive(text_data=text_data, **kwargs)

    @classmethod
    async def decode_json(cls, text_data):
        try:
            return json.loads(text_data)
        except ValueError:
            return None  # answered as a bad frame, never a crash

    async def receive_json(self, content, **kwargs):
        if (
            not isinstance(content, dict)
            or content.get("type") != "ack"
            or not isinstance(content.get("id"), int)
        ):
            await self.send_json({"type": "error", "code": "bad_frame"})
            return
        error = await _acknowledge(self.user, content["id"])
        if error:
            await self.send_json({"type": "error", "code": error, "id": content["id"]})

    async def event_push(self, message):
        await self.send_json(message["event"])
