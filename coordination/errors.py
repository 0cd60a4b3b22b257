"""Errors that services raise and the API (and pages) translate; see api/exceptions.py."""


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
