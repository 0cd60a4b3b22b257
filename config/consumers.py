"""Websocket pieces that belong to no app: the answer for a path nobody serves, and the
guard that keeps a database outage at the handshake from becoming a server error."""

import logging

from channels.generic.websocket import AsyncWebsocketConsumer
from django.db import InterfaceError, OperationalError

log = logging.getLogger(__name__)

NO_SUCH_SOCKET = 4404
TRY_AGAIN_LATER = 1013


class NoSuchSocket(AsyncWebsocketConsumer):
    """Any websocket path no app serves: refused, as an HTTP 404 would be."""

    async def connect(self):
        await self.close(code=NO_SUCH_SOCKET)


class DatabaseOutageGuard:
    """Channels' session and user lookups run before any consumer: during a database
    outage they raise, and the browser's reconnect would get a 500 with a traceback. It is
    closed with 1013 (try again later) instead; the console reconnects with back-off."""

    def __init__(self, inner):
        self.inner = inner

    async def __call__(self, scope, receive, send):
        try:
            return await self.inner(scope, receive, send)
        except (OperationalError, InterfaceError) as error:
            log.warning("Websocket %s refused: database unavailable (%s)", scope["path"], error)
            try:
                await send({"type": "websocket.close", "code": TRY_AGAIN_LATER})
            except Exception:  # the connection is gone already: nothing left to tell
                log.debug("Websocket %s already closed", scope["path"])
