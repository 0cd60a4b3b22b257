"""API tokens and websocket tickets: the credentials of clients that do not use the pages.

An API token is django-rest-knox's (`KNOX_TOKEN_MODEL`): only a SHA-512 digest of its key
is stored, it expires after `API_TOKEN_HOURS`, and it is bound to its holder's password
by a fingerprint — Django's session auth hash, the mechanism that ends sessions on a
password change — so that a new password, set by any path, ends every token.

A socket ticket opens one websocket: single use, SOCKET_TICKET_SECONDS, only a SHA-256
digest stored (it is long and random, so a plain digest is enough). It keeps a token out
of the URL, which servers and proxies write to their logs.

Imported by `coordination.models`; writes go through `coordination.people.services`.
"""

from __future__ import annotations

import hashlib
import re

from django.conf import settings
from django.db import models
from django.utils.crypto import constant_time_compare
from knox.models import AbstractAuthToken
from knox.settings import CONSTANTS

# What a key can be, checked before any query: knox's are 32 random bytes in lower-case
# hex (no prefix); tickets are `secrets.token_urlsafe(32)`.
API_TOKEN_KEY = re.compile(r"[0-9a-f]{64}")
SOCKET_TICKET = re.compile(r"[A-Za-z0-9_-]{43}")
SOCKET_TICKET_SECONDS = 30


def password_fingerprint(user) -> str:
    """What a credential remembers of its holder's password (an HMAC of its hash)."""
    return user.get_session_auth_hash()


def current_fingerprints(user) -> list[str]:
    """The fingerprints the user's current password has: with SECRET_KEY, and with each
    key in SECRET_KEY_FALLBACKS (a rotated key ends no token, as it ends no session)."""
    return [user.get_session_auth_hash(), *user.get_session_auth_fallback_hash()]


def fingerprint_matches(user, fingerprint: str) -> bool:
    """Whether the password is the one the credential was issued under, in constant time."""
    return any(constant_time_compare(fingerprint, ok) for ok in current_fingerprints(user))


def ticket_digest(ticket: str) -> str:
    return hashlib.sha256(ticket.encode()).hexdigest()


class ApiToken(AbstractAuthToken):
    """An API client's token (`Authorization: Token <key>`). knox's `token_key` is the
    key's first 15 characters, kept to find the row; its first 8 name it to its holder."""

    # A plain id to name a token by (in the URL that revokes it) instead of its digest.
    id = models.BigAutoField(primary_key=True)
    digest = models.CharField(max_length=CONSTANTS.DIGEST_LENGTH, unique=True)
    password_fingerprint = models.CharField(max_length=128)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = "API token"

    def __str__(self) -> str:
        return f"{self.token_key[:8]}… ({self.user})"

    @property
    def prefix(self) -> str:
        return self.token_key[:8]


class SocketTicket(models.Model):
    """A ticket that opens one websocket within SOCKET_TICKET_SECONDS of its issue."""

    digest = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="socket_tickets"
    )
    password_fingerprint = models.CharField(max_length=128)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"socket ticket of {self.user} until {self.expires_at:%H:%M:%S}"
