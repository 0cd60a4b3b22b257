"""Websocket of a referral's page: whoever may read the referral hears its changes."""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from . import selectors
from .events import referral_group

NOT_SIGNED_IN = 4401
NOT_FOUND = 4404


class ReferralConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self):
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.close(code=NOT_SIGNED_IN)
            return
        referral_id = int(self.scope["url_route"]["kwargs"]["referral_id"])
        visible = await database_sync_to_async(
            lambda: selectors.referral_list(user=user).filter(pk=referral_id).exists()
        )()
        if not visible:
            await self.close(code=NOT_FOUND)
            return
        self.group = referral_group(referral_id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        # The page only listens; changes go through the API or the forms.
        await self.send_json({"type": "error", "code": "read_only"})

    async def event_push(self, message):
        await self.send_json(message["event"])
