"""Websocket sign-in for API clients: `?token=<key>` (the same token as the REST API).
Browsers use the session cookie (Channels' AuthMiddleware, applied outside this one)."""

import re
from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.middleware import BaseMiddleware
from django.db import InterfaceError, OperationalError
from rest_framework.authtoken.models import Token

# The close code for "the database is out of reach, come back later" (RFC 6455's 1013):
# not 4401, which tells a client it is not signed in.
TRY_AGAIN_LATER = 1013
# What a token key can be (a key column holds at most 40 characters): anything else, such
# as a NUL byte PostgreSQL cannot even compare, is refused without a query.
TOKEN_KEY = re.compile(r"[\x21-\x7e]{1,40}")


@database_sync_to_async
def _user_for(key: str):
    if not TOKEN_KEY.fullmatch(key):
        return None
    token = Token.objects.select_related("user").filter(key=key).first()
    return token.user if token and token.user.is_active else None


class TokenAuthMiddleware(BaseMiddleware):
    async def __call__(self, scope, receive, send):
        # A client may put raw bytes that are not UTF-8 in the query string.
        query = scope.get("query_string", b"").decode("utf-8", "replace")
        keys = parse_qs(query, keep_blank_values=True).get("token")
        if keys:
            try:
                user = await _user_for(keys[0])
            except (OperationalError, InterfaceError):
                return await _try_again_later(receive, send)
            # A token given must be valid: an invalid one is refused, not ignored.
            scope = dict(scope, user=user, token_given=True)
        return await super().__call__(scope, receive, send)


async def _try_again_later(receive, send) -> None:
    """Accept only to close with 1013, which a client can tell apart (a close before
    accepting reaches it as a bare HTTP 403)."""
    if (await receive())["type"] == "websocket.connect":
        await send({"type": "websocket.accept"})
        await send({"type": "websocket.close", "code": TRY_AGAIN_LATER})
