"""Websocket sign-in for API clients: `?token=<key>` (the same token as the REST API).
Browsers use the session cookie (Channels' AuthMiddleware, applied outside this one)."""

from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.middleware import BaseMiddleware

from coordination.api_tokens import API_TOKEN_KEY
from coordination.authentication import user_for_api_token


@database_sync_to_async
def _user_for(key: str):
    # Anything but a key's shape, such as a NUL byte PostgreSQL cannot even compare, is
    # refused without a query.
    return user_for_api_token(key) if API_TOKEN_KEY.fullmatch(key) else None


class TokenAuthMiddleware(BaseMiddleware):
    async def __call__(self, scope, receive, send):
        # A client may put raw bytes that are not UTF-8 in the query string.
        query = scope.get("query_string", b"").decode("utf-8", "replace")
        keys = parse_qs(query, keep_blank_values=True).get("token")
        if keys:
            # A token given must be valid: an invalid one is refused, not ignored. (A
            # database outage here is answered by config.consumers.DatabaseOutageGuard.)
            scope = dict(scope, user=await _user_for(keys[0]), token_given=True)
        return await super().__call__(scope, receive, send)
