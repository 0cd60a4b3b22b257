"""What every websocket of a signed-in person checks: whether the session it was opened
with still signs them in, as Django's own check on each request does. Signing out, the
session's expiry or a password changed elsewhere then ends the socket too, not only the
page."""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import HASH_SESSION_KEY, SESSION_KEY
from django.utils.crypto import constant_time_compare


def session_key_of(scope) -> str | None:
    """The session a socket rides, or None when it signed in with its own credential (a
    token or a ticket, checked at the handshake by notifications.auth)."""
    if scope.get("signed_in_by_credential"):
        return None
    return getattr(scope.get("session"), "session_key", None)


def session_stands(session_key: str | None, user) -> bool:
    if not session_key:
        return True  # signed in by a token or a ticket, checked at the handshake
    data = import_module(settings.SESSION_ENGINE).SessionStore(session_key=session_key).load()
    return str(data.get(SESSION_KEY)) == str(user.pk) and constant_time_compare(
        data.get(HASH_SESSION_KEY, ""), user.get_session_auth_hash()
    )
