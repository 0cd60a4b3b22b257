"""Websocket of a referral's page: whoever may read the referral hears its changes.

Access is checked at the handshake and again before every push, since it can end while
the page is open: the referral is transferred to another MDT, its reader is taken off
the MDT, or their account is deactivated. The socket then closes without the event,
with the code a new handshake would get: 4404 when the referral is no longer the
user's to read, 4401 when the account is deactivated or gone (an inactive user counts
as no one) or the session the page was opened with has ended. The socket also listens to
its person's own group, where signing out and a change of roles are announced, so those
close it at once. Pushes are rare, so a few small queries each cost nothing; a socket
that hears no push is told nothing, so no periodic check is needed.
"""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.contrib.auth import get_user_model

from coordination.plumbing.push import user_group
from coordination.plumbing.sockets import session_key_of, session_stands

from . import selectors
from .events import referral_group

NOT_SIGNED_IN = 4401
NOT_FOUND = 4404


def _refusal(user_id: int, referral_id: int, session_key: str | None) -> int | None:
    """The close code if `user_id` may not read the referral now, else None. The user
    is read again: the one in the socket's scope is as it was at the handshake."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not session_stands(session_key, user):
        return NOT_SIGNED_IN
    if not selectors.referral_list(user=user).filter(pk=referral_id).exists():
        return NOT_FOUND
    return None


class ReferralConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=NOT_SIGNED_IN)
            return
        self.user_id = user.pk
        self.referral_id = int(self.scope["url_route"]["kwargs"]["referral_id"])
        self.session_key = session_key_of(self.scope)
        refusal = await self._refusal()
        if refusal is not None:
            await self.close(code=refusal)
            return
        self.groups_joined = [referral_group(self.referral_id), user_group(self.user_id)]
        self.closing = False
        for group in self.groups_joined:
            await self.channel_layer.group_add(group, self.channel_name)
        await self.accept()

    async def _refusal(self) -> int | None:
        return await database_sync_to_async(_refusal)(
            self.user_id, self.referral_id, self.session_key
        )

    async def disconnect(self, code):
        for group in getattr(self, "groups_joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        # The page only listens; changes go through the API or the forms.
        await self.send_json({"type": "error", "code": "read_only"})

    async def event_push(self, message):
        event = message["event"]
        kind = event.get("type", "")
        # The person's own group also carries their alerts: only the referral's events and
        # word of a change of access concern this page.
        if self.closing or not (kind.startswith("referral.") or kind == "access.changed"):
            return
        refusal = await self._refusal()
        if refusal is not None:
            self.closing = True
            await self.disconnect(refusal)
            await self.close(code=refusal)
            return
        if kind != "access.changed":
            await self.send_json(event)
