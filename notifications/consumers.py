"""`/ws/alerts/`: a contact's live alerts.

On connect the socket gets every unacknowledged alert assigned to the user, then each new
one as it comes; `{"type": "ack", "id": …}` acknowledges. Nothing may be lost, so pushes
through the channel layer are only the fast path: every beat the socket also marks itself
present, rejoins its group (a restarted Redis forgets groups) and catches up from the
database on anything a lost push missed. Each alert is sent once per socket per
assignment, however it arrives.
"""

import asyncio
import contextlib
import json
import logging
from dataclasses import dataclass, field

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import InterfaceError, OperationalError

from coordination.people.access import access_for
from coordination.plumbing.errors import Conflict
from coordination.plumbing.sockets import session_key_of, session_stands

from . import events, selectors, services
from .models import Alert

NOT_SIGNED_IN = 4401
ACCESS_WITHDRAWN = 4403
MAX_FRAME = 4096
# The database out of reach (restarting, a lost connection, an exhausted pool): the socket
# stays, says so, and the heartbeat catches up once it is back.
DATABASE_DOWN = (OperationalError, InterfaceError)
log = logging.getLogger(__name__)
User = get_user_model()


def _standing(user_id: int) -> tuple[object, bool] | None:
    """The person as the database has them now (never the socket's copy, whose roles
    were read at connect), and whether any role of theirs is given alerts; None once
    they are deactivated."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return None
    return user, selectors.may_receive_alerts(access_for(user))


@dataclass
class Look:
    """What one look at the database tells a socket: whether its person still stands,
    and if so what they must be shown and what they no longer must."""

    user: object | None = None
    receives_alerts: bool = False
    signed_out: bool = False
    pending: dict[int, str] = field(default_factory=dict)
    new: list[dict] = field(default_factory=list)
    gone: dict[int, str] = field(default_factory=dict)


@database_sync_to_async
def _look(
    user_id: int, channel_name: str | None, shown: dict[int, str], session_key: str | None
) -> Look:
    """One trip to a database thread per beat or push: the person's session (for a socket
    opened with one) and standing, presence (on a beat), what is pending, the events of
    what this socket has not shown, and the statuses of what it showed and is no longer
    pending."""
    standing = _standing(user_id)
    if standing is None:
        return Look()
    user, receives_alerts = standing
    if not session_stands(session_key, user):
        return Look(signed_out=True)
    if channel_name:  # whoever opened the socket shows as present at once
        services.connection_seen(user_id=user_id, channel_name=channel_name)
    look = Look(user, receives_alerts)
    pending = selectors.pending_alerts_for(user=user)
    look.pending = {
        alert_id: events.page_mark(level, repeat)
        for alert_id, level, repeat in pending.values_list(
            "pk", "escalation_level", "escalation_repeat"
        )
    }
    missed = [alert_id for alert_id, page in look.pending.items() if shown.get(alert_id) != page]
    if missed:
        alerts = Alert.objects.filter(pk__in=missed).select_related("region")
        look.new = [events.alert_event(alert) for alert in alerts.order_by("raised_at", "id")]
    gone = set(shown) - set(look.pending)
    if gone:
        look.gone = dict(Alert.objects.filter(pk__in=gone).values_list("pk", "status"))
    return look


@database_sync_to_async
def _closed(channel_name) -> None:
    services.connection_closed(channel_name=channel_name)


@database_sync_to_async
def _acknowledge(user, alert_id) -> str | None:
    """None when done, else an error code. `user` is the person as the database has them
    now (`_standing`)."""
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
    async def __call__(self, scope, receive, send):
        # However the socket ends — a clean close, or the channel layer failing under
        # it — the heartbeat stops and the socket stops counting as present.
        try:
            await super().__call__(scope, receive, send)
        finally:
            await self._stop()

    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=NOT_SIGNED_IN)
            return
        self.user = user
        # A browser's socket lives as long as the session it was opened with; a token's or
        # a ticket's is checked at the handshake (notifications.auth).
        self.session_key = session_key_of(self.scope)
        self.group = events.user_group(user.pk)
        self.shown: dict[int, str] = {}  # alert id → the page of it sent on this socket
        self.withdrawn = False
        # Whether the person was given alerts when the socket opened: losing every such
        # role later closes it. (Someone with none keeps an empty, harmless socket.)
        self.receives_alerts = selectors.may_receive_alerts(
            await database_sync_to_async(access_for)(user)
        )
        await self._join()
        await self.accept()
        try:
            await self._catch_up()
        except DATABASE_DOWN as error:  # the first beat after it is back replays
            log.warning("Alert socket %s could not replay: %s", self.channel_name, error)
        self.heartbeat = asyncio.create_task(self._beat())

    async def disconnect(self, code):
        if hasattr(self, "group"):
            with contextlib.suppress(Exception):  # Redis may be the reason we are closing
                await self.channel_layer.group_discard(self.group, self.channel_name)

    async def _stop(self):
        beat = getattr(self, "heartbeat", None)
        if beat is not None:
            beat.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await beat
        if hasattr(self, "group"):
            with contextlib.suppress(Exception):
                await _closed(self.channel_name)

    # The channel layer's receive, made to outlast a Redis outage: Channels' dispatch loop
    # would end the socket on the first error, while the heartbeat can go on delivering
    # from the database until Redis is back.
    @property
    def channel_receive(self):
        return self._receive_from_layer

    @channel_receive.setter
    def channel_receive(self, receive):
        self._layer_receive = receive

    async def _receive_from_layer(self):
        pause = 0.5
        while True:
            try:
                return await self._layer_receive()
            except Exception:
                log.warning(
                    "Alert socket %s: channel layer unavailable", self.channel_name, exc_info=True
                )
                await asyncio.sleep(pause)
                pause = min(pause * 2, settings.ALERT_SOCKET_BEAT_SECONDS)

    async def _join(self):
        try:
            await self.channel_layer.group_add(self.group, self.channel_name)
        except Exception:  # Redis down: the database still carries every alert
            log.warning("Alert socket %s could not join its group", self.channel_name)

    async def _beat(self):
        while not self.withdrawn:
            await asyncio.sleep(settings.ALERT_SOCKET_BEAT_SECONDS)
            await self._join()  # a restarted Redis has forgotten the group
            try:
                await self._catch_up()
            except DATABASE_DOWN as error:  # expected in an outage: no traceback each beat
                log.warning("Alert socket %s could not catch up: %s", self.channel_name, error)
            except Exception:
                log.exception("Alert socket %s could not catch up", self.channel_name)

    async def _catch_up(self, *, beat: bool = True):
        """Check the person's access again; on a beat, mark the socket present; send what
        is pending and not yet shown here; clear what was shown but is no longer pending
        (answered on another device while a push was lost, or no longer theirs)."""
        look = await _look(
            self.user.pk, self.channel_name if beat else None, dict(self.shown), self.session_key
        )
        if not await self._stands(look):
            return
        for event in look.new:
            await self._show(event)
        for alert_id, status in look.gone.items():
            await self._clear({"type": "alert.cleared", "id": alert_id, "status": status})

    async def _stands(self, look: Look) -> bool:
        """Whether the person may still hold this socket; if not, it is closed with 4403
        (they were deactivated, or lost every role that is given alerts)."""
        if look.user is not None and (look.receives_alerts or not self.receives_alerts):
            return True
        self.withdrawn = True
        self.shown.clear()
        await self.close(code=NOT_SIGNED_IN if look.signed_out else ACCESS_WITHDRAWN)
        return False

    async def _still_allowed(self):
        """The person as they stand now (for an ack), or None after closing the socket."""
        look = await database_sync_to_async(self._standing_now)()
        return look.user if await self._stands(look) else None

    def _standing_now(self) -> Look:
        standing = _standing(self.user.pk)
        if standing is None:
            return Look()
        if not session_stands(self.session_key, standing[0]):
            return Look(signed_out=True)
        return Look(*standing)

    async def _show(self, event):
        if self.withdrawn:
            return
        alert = event["alert"]
        page = events.page_mark(alert["escalation_level"], alert["escalation_repeat"])
        if self.shown.get(alert["id"]) == page:
            return  # already on this socket (a push and a catch-up can cross)
        self.shown[alert["id"]] = page
        await self.send_json(event)

    async def _clear(self, event):
        # Passed on while triggered: also from a console that holds it acknowledged (no
        # longer in `shown`), which must drop it now that someone else has it.
        if self.shown.pop(event["id"], None) is not None or event["status"] == "triggered":
            await self.send_json(event)

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        # An empty text frame too: Channels' JSON consumer would raise on it.
        if bytes_data is not None or not text_data or len(text_data) > MAX_FRAME:
            await self.send_json({"type": "error", "code": "bad_frame"})
            return
        await super().receive(text_data=text_data, **kwargs)

    @classmethod
    async def decode_json(cls, text_data):
        try:
            return json.loads(text_data)
        except (ValueError, RecursionError):  # RecursionError: "[[[[…" nested too deep
            return None  # answered as a bad frame, never a crash

    async def receive_json(self, content, **kwargs):
        if (
            not isinstance(content, dict)
            or content.get("type") != "ack"
            # JSON true is a Python int: an ack must name its alert by a number.
            or type(content.get("id")) is not int
        ):
            await self.send_json({"type": "error", "code": "bad_frame"})
            return
        try:
            user = await self._still_allowed()
            if user is None:
                return  # closed: the ack is refused with the socket
            error = await _acknowledge(user, content["id"])
        except DATABASE_DOWN:
            error = "unavailable"  # nothing was recorded: the client may send it again
        if error:
            await self.send_json({"type": "error", "code": error, "id": content["id"]})

    async def event_push(self, message):
        event = message["event"]
        if self.withdrawn:
            return
        if event.get("type") in ("alert", "access.changed"):
            # A push is only a hint: what the person may see now is read from the
            # database, so an alert never reaches someone who lost access a moment ago.
            try:
                await self._catch_up(beat=False)
            except DATABASE_DOWN as error:  # the next beat delivers it
                log.warning("Alert socket %s could not deliver: %s", self.channel_name, error)
        elif event.get("type") == "alert.cleared":
            await self._clear(event)
        else:
            await self.send_json(event)
