"""Lantern's VAPID key (RFC 8292): it signs every push, and a browser subscribes with its
public half, so that a push service accepts pushes for that subscription from Lantern only.

`WEB_PUSH_VAPID_PRIVATE_KEY` holds the private key (base64url, the raw 32 bytes or DER, as
`python manage.py vapid_key` prints it). Without it, push is off and the pages say so; a
first run with DEBUG on derives a throw-away key from SECRET_KEY, as Django's own
development key is throw-away."""

from __future__ import annotations

import base64
import functools
import hashlib

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from py_vapid import Vapid02

# The order of the P-256 group: a private scalar must lie in [1, n - 1].
P256_ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


@functools.cache
def _key(setting: str, secret: str, debug: bool) -> Vapid02 | None:
    if setting:
        return Vapid02.from_string(setting)
    if not debug:
        return None
    digest = hashlib.sha256(b"lantern-development-vapid:" + secret.encode()).digest()
    scalar = int.from_bytes(digest, "big") % (P256_ORDER - 1) + 1
    return Vapid02(ec.derive_private_key(scalar, ec.SECP256R1()))


def key() -> Vapid02 | None:
    """The signing key, or None when push is off."""
    return _key(settings.WEB_PUSH_VAPID_PRIVATE_KEY, settings.SECRET_KEY, settings.DEBUG)


def enabled() -> bool:
    return key() is not None


def public_key() -> str | None:
    """The application server key a browser subscribes with (base64url, uncompressed)."""
    signing = key()
    if signing is None:
        return None
    return _b64(
        signing.public_key.public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
        )
    )


def new_private_key() -> str:
    """A fresh private key for WEB_PUSH_VAPID_PRIVATE_KEY (the raw scalar, base64url)."""
    private = ec.generate_private_key(ec.SECP256R1())
    return _b64(private.private_numbers().private_value.to_bytes(32, "big"))
