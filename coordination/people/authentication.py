"""Signing in with an API token (`Authorization: Token <key>`), for the REST API (DRF's
authentication class) and for websockets (`notifications.auth`), and with a websocket
ticket.

django-rest-knox finds the token by its key's first characters and compares digests in
constant time; Lantern adds, before any query, a check of the key's shape (a NUL byte,
bytes that are not UTF-8 or 10,000 characters are refused without reaching the
database), and after it, that the holder is active and still has the password the token
was issued under. A token refused for either is deleted: it can never come back.
"""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from knox.auth import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from . import services
from .api_tokens import API_TOKEN_KEY, SOCKET_TICKET, ApiToken, fingerprint_matches

SCHEME = "Token"
INVALID = "Invalid token."


class Malformed(Exception):
    """An `Authorization: Token …` header whose key cannot be a key."""


def key_from_authorization(value: bytes | str) -> str | None:
    """The key of an `Authorization: Token <key>` header value; None when there is none or
    it names another scheme (another authentication may take it). Raises Malformed."""
    if isinstance(value, bytes):
        value = value.decode("latin-1")  # as HTTP headers are; never fails
    parts = value.split()
    if not parts or parts[0].lower() != SCHEME.lower():
        return None
    if len(parts) != 2 or not API_TOKEN_KEY.fullmatch(parts[1]):
        raise Malformed
    return parts[1]


class ApiTokenAuthentication(TokenAuthentication):
    """knox's token authentication, behind a shape check, with the password and the
    holder's state checked on every request."""

    def authenticate(self, request):
        try:
            key = key_from_authorization(request.META.get("HTTP_AUTHORIZATION", ""))
        except Malformed:
            raise AuthenticationFailed("Invalid token header.") from None
        if key is None:
            return None
        return self.authenticate_credentials(key.encode())

    def validate_user(self, auth_token: ApiToken):
        user = auth_token.user
        if not user.is_active or not fingerprint_matches(user, auth_token.password_fingerprint):
            auth_token.delete()
            raise AuthenticationFailed(INVALID)  # the same answer as for a wrong key
        return user, auth_token

    def _cleanup_token(self, auth_token: ApiToken) -> bool:
        # knox also sweeps the holder's other expired tokens here, one more query on every
        # request; Lantern sweeps expired tokens when it issues one instead.
        if auth_token.expiry is not None and auth_token.expiry <= timezone.now():
            auth_token.delete()
            return True
        return False


def user_for_api_token(key: str):
    """The active holder of a live token `key`, or None; a key of an impossible shape is
    refused without a query."""
    if not API_TOKEN_KEY.fullmatch(key):
        return None
    try:
        user, _ = ApiTokenAuthentication().authenticate_credentials(key.encode())
    except AuthenticationFailed:
        return None
    return user


def user_for_socket_ticket(ticket: str):
    """The person a well-formed ticket was issued to, spending it; or None. A ticket of
    an impossible shape is refused without a query."""
    if not SOCKET_TICKET.fullmatch(ticket):
        return None
    return services.socket_ticket_redeem(ticket=ticket)


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """The token as the OpenAPI schema describes it (the name DRF's own token had)."""

    target_class = ApiTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return build_bearer_security_scheme_object(header_name="Authorization", token_prefix=SCHEME)
