"""Websocket sign-in for clients that are not a signed-in browser, before any consumer runs.
Browsers use the session cookie (Channels' AuthMiddleware, applied outside this one).

- `?ticket=<ticket>`: single use, 30 seconds, from `POST /api/v1/auth/socket-ticket/`
  (signed in by token or session). Spent or not, it is worthless in a log.
- `Authorization: Token <key>` in the handshake's headers, for clients that can set them
  (scripts, phone apps).
- `?token=<key>` is refused like a bad credential: a long-lived token in a URL ends up in
  server and proxy logs.

A credential given must be valid: a bad one refuses the socket (4401), even beside a
valid session; two that name different people refuse it too. A credential of an
impossible shape (a NUL byte, bytes that are not UTF-8, 10,000 characters) is refused
without a query. A database outage here is answered by config.consumers.DatabaseOutageGuard.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from channels.db import database_sync_to_async
from channels.middleware import BaseMiddleware
from django.contrib.auth.models import AnonymousUser

from coordination.people.authentication import (
    Malformed,
    key_from_authorization,
    user_for_api_token,
    user_for_socket_ticket,
)


class Refused(Exception):
    """Credentials were given, and cannot sign anyone in."""


def _given(scope) -> tuple[str | None, str | None]:
    """The ticket and the token key this handshake gives, (None, None) when it gives
    neither (the session decides). Raises Refused without asking the database."""
    # A client may put raw bytes that are not UTF-8 in the query string.
    raw = scope.get("query_string", b"").decode("utf-8", "replace")
    query = parse_qs(raw, keep_blank_values=True)
    if "token" in query:
        raise Refused
    tickets = query.get("ticket")
    if tickets is not None and len(tickets) != 1:
        raise Refused
    headers = [
        value for name, value in scope.get("headers", []) if name.lower() == b"authorization"
    ]
    if len(headers) > 1:
        raise Refused
    try:
        key = key_from_authorization(headers[0]) if headers else None
    except Malformed:
        raise Refused from None
    return (tickets[0] if tickets else None), key


@database_sync_to_async
def _user_for(ticket: str | None, key: str | None):
    users = []
    if ticket is not None:
        users.append(user_for_socket_ticket(ticket))
    if key is not None:
        users.append(user_for_api_token(key))
    if None in users or len({user.pk for user in users}) != 1:
        return AnonymousUser()
    return users[0]


class SocketAuthMiddleware(BaseMiddleware):
    async def __call__(self, scope, receive, send):
        try:
            ticket, key = _given(scope)
        except Refused:
            scope = dict(scope, user=AnonymousUser())
        else:
            if ticket is not None or key is not None:
                user = await _user_for(ticket, key)
                scope = dict(scope, user=user, signed_in_by_credential=True)
        return await super().__call__(scope, receive, send)
