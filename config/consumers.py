"""Websocket pieces that belong to no app: the answer for a path nobody serves, and the
guard that keeps a database outage at the handshake from becoming a server error."""

import logging
from urllib.parse import parse_qs

from channels.generic.websocket import AsyncWebsocketConsumer
from channels.security.websocket import OriginValidator
from django.conf import settings
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


class RefusalsReachTheClient:
    """A socket closed before its handshake completes reaches a browser as a bare HTTP 403
    (its close event reads 1006), which a console cannot tell from a dropped network: it
    would try again for ever. A refusal that says why (4401 signed out, 4403 access
    withdrawn, 4404 no such socket) is therefore accepted and closed at once with its code,
    so the client reads it and stops."""

    def __init__(self, inner):
        self.inner = inner

    async def __call__(self, scope, receive, send):
        accepted = False

        async def refusing(message):
            nonlocal accepted
            if message["type"] == "websocket.accept":
                accepted = True
            elif (
                message["type"] == "websocket.close"
                and not accepted
                and 4000 <= (message.get("code") or 1000) <= 4999
            ):
                accepted = True
                await send({"type": "websocket.accept"})
            await send(message)

        return await self.inner(scope, receive, refusing)


def _signs_in_by_credential(scope) -> bool:
    """Whether the handshake names its own credential (an Authorization header or a
    ticket) rather than riding a cookie. Only presence is read here; the credential is
    checked by notifications.auth, and a bad one is refused there."""
    if any(name.lower() == b"authorization" for name, _ in scope.get("headers", [])):
        return True
    raw = scope.get("query_string", b"").decode("utf-8", "replace")
    return "ticket" in parse_qs(raw, keep_blank_values=True)


class OriginCheck(OriginValidator):
    """A browser always sends Origin, and a socket signed in by its session cookie must
    come from Lantern's own pages (another site's page could otherwise ride the cookie).
    A script or a phone app sends no Origin; it signs in by a token header or a ticket,
    which no other site can make a browser send, so it may go without one. An Origin
    that is sent must always be one of Lantern's hosts."""

    def __init__(self, application):
        hosts = settings.ALLOWED_HOSTS
        if settings.DEBUG and not hosts:
            hosts = ["localhost", "127.0.0.1", "[::1]"]
        super().__init__(application, hosts)

    async def __call__(self, scope, receive, send):
        sends_origin = any(name == b"origin" for name, _ in scope.get("headers", []))
        if not sends_origin and _signs_in_by_credential(scope):
            return await self.application(scope, receive, send)
        return await super().__call__(scope, receive, send)
