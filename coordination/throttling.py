"""Rate limits on the doors a password guesser or a runaway script pushes on: the API
token endpoint (per address) and raising alerts (per user, over the API and the page).
Rates are settings (`DEFAULT_THROTTLE_RATES`, from TOKEN_RATE and ALERT_RAISE_RATE)."""

from __future__ import annotations

import logging
import math

from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle

log = logging.getLogger(__name__)

TOKEN = "token"  # noqa: S105 - a throttle scope, not a secret
ALERT_RAISE = "alert-raise"


class ScopedThrottle(ScopedRateThrottle):
    """DRF's scoped throttle, reading its rate when used: DRF binds the rates when it is
    imported, so a changed setting would otherwise never be seen."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view):
        # The counts live in the cache (Redis in production). With Redis down an alert
        # must still be raised: the limit is let go, never the alert.
        try:
            return super().allow_request(request, view)
        except Exception:
            log.warning("Rate limit %s not applied: the cache is unavailable", self.scope)
            return True


class _Scope:
    """What the throttle reads off a view."""

    def __init__(self, scope: str):
        self.throttle_scope = scope


def page_wait(request, scope: str) -> float | None:
    """For a page's form: None if the request may go on, else the seconds to wait."""
    throttle = ScopedThrottle()
    if throttle.allow_request(request, _Scope(scope)):
        return None
    return throttle.wait() or 1.0


def form_throttled(request, form, scope: str, what: str) -> bool:
    """Refuse a page's form over the limit: the form says how long to wait (answer 429)."""
    wait = page_wait(request, scope)
    if wait is None:
        return False
    form.add_error(
        None, f"Too many {what} in a short time. Wait {math.ceil(wait)} s and try again."
    )
    return True
