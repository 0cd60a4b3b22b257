"""Rate limits on the doors a password guesser or a runaway script pushes on: the API
token endpoint (per address, a DRF throttle on its view), and per person, in the services
themselves so that every way in shares one limit: raising alerts (the API, the pages, a
screen's referral at immediate danger) and screening. Rates are settings
(`DEFAULT_THROTTLE_RATES`, from TOKEN_RATE, ALERT_RAISE_RATE and SCREENING_RATE)."""

from __future__ import annotations

import contextlib
import contextvars
import logging

from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle, SimpleRateThrottle

from .errors import RateLimited

log = logging.getLogger(__name__)

TOKEN = "token"  # noqa: S105 - a throttle scope, not a secret
ALERT_RAISE = "alert-raise"
SCREENING = "screening"


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


class _PersonRate(SimpleRateThrottle):
    """DRF's rate bookkeeping (the same cache keys as its scoped throttle), for one
    person and one scope, outside any request."""

    def __init__(self, scope: str, person_id: int):
        self.scope, self.person_id = scope, person_id
        super().__init__()

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.person_id}


# Rate limits are for people at their screens; a command that acts for many people at once
# (the demo seed) lifts them for its own context only.
_lifted = contextvars.ContextVar("rate_limits_lifted", default=False)


@contextlib.contextmanager
def rate_limits_lifted():
    token = _lifted.set(True)
    try:
        yield
    finally:
        _lifted.reset(token)


def check_rate(*, scope: str, person, what: str) -> None:
    """Count one `scope` action by `person`; raise RateLimited when they are over its
    rate. With the cache (Redis) down the limit is let go, never the action."""
    if _lifted.get():
        return
    limiter = _PersonRate(scope, person.pk)
    try:
        allowed = limiter.allow_request(None, None)
    except Exception:
        log.warning("Rate limit %s not applied: the cache is unavailable", scope)
        return
    if not allowed:
        raise RateLimited(what, limiter.wait() or 1.0)
