"""How long a signed-in session has left, for the pages' warning before it ends."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

# When the session was last renewed (sign-in, "Stay signed in"): it ends SESSION_COOKIE_AGE
# later, and the pages warn before then (`lantern/session.js`).
RENEWED = "renewed_at"


def session_renew(request) -> None:
    request.session[RENEWED] = timezone.now().timestamp()


def session_ends(request) -> datetime.datetime | None:
    renewed = request.session.get(RENEWED)
    if renewed is None:
        return None
    ends = renewed + settings.SESSION_COOKIE_AGE
    return datetime.datetime.fromtimestamp(ends, tz=datetime.UTC)
