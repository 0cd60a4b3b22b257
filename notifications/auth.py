"""Websocket sign-in for API clients: `?token=<key>` (the same token as the REST API).
Browsers use the session cookie (Channels' AuthMiddleware, applied outside this one)."""

from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.middleware import BaseMiddleware
from rest_framework.authtoken.models import Token


@database_sync_to_async
def _user_for(key: str):
    token = Token.objects.select_related("user").filter(key=key).first()
    return token.user if token and token.user.is_active else None


class TokenAuthMiddleware(BaseMiddleware):
    async def __call__(self, scope, receive, send):
        keys = parse_qs(scope.get("query_string", b"").decode()).get("token")
        if keys:
            # A token given must be valid: an invalid one is refused, not ignored.
            scope = dict(scope, user=await _user_for(keys[0]), token_given=True)
        return await super().__call__(scope, receive, send)
