"""Errors that services raise and the API (and pages) translate; see api/exceptions.py."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


class Conflict(Exception):
    """The request is valid but the current state forbids it (HTTP 409)."""

    def __init__(self, detail: str, **extra):
        super().__init__(detail)
        self.detail = detail
        self.extra = extra


class TransitionBlocked(Conflict):
    """A state transition whose gates are not met; `unmet_gates` names each in plain words."""

    def __init__(self, detail: str, unmet_gates: list[str]):
        super().__init__(detail, unmet_gates=unmet_gates)
        self.unmet_gates = unmet_gates


class RateLimited(ValidationError):
    """Too many of one kind of action by one person in a short time (HTTP 429). A
    ValidationError, so that a page's form shows it like any refusal; `wait` is the
    number of seconds until the next one is allowed."""

    def __init__(self, what: str, wait: float):
        self.wait = max(1, round(wait))
        message = f"Too many {what} in a short time. Wait {self.wait} s and try again."
        super().__init__({NON_FIELD_ERRORS: [message]})
