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
    """Channels' session lookup and the token lookup run before any consumer: during a
    database outage they raise, and the client would get a 500 with a traceback. The
    socket is accepted only to be closed with 1013 (try again later) — a close before
    accepting reaches a client as a bare HTTP 403, which it could not tell from a refusal —
    and the console reconnects with back-off."""

    def __init__(self, inner):
        self.inner = inner

    async def __call__(self, scope, receive, send):
        accepted = False

        async def watched(message):
            nonlocal accepted
            accepted = accepted or message["type"] == "websocket.accept"
            await send(message)

        try:
            return await self.inner(scope, receive, watched)
        except (OperationalError, InterfaceError) as error:
            log.warning("Websocket %s refused: database unavailable (%s)", scope["path"], error)
            try:
                if not accepted and (await receive())["type"] == "websocket.connect":
                    await send({"type": "websocket.accept"})
                await send({"type": "websocket.close", "code": TRY_AGAIN_LATER})
            except Exception:  # the connection is gone already: nothing left to tell
                log.debug("Websocket %s already closed", scope["path"])
