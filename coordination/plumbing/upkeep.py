"""Upkeep: jobs that keep Lantern's data current on their own, run by the escalation
worker (the one process that always runs on a clock) at most every so often. Each app
registers its jobs when it is ready, so the worker — in `notifications` — never imports
the apps that stand above it."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

log = logging.getLogger(__name__)


@dataclass
class Job:
    name: str
    run: Callable[[], object]
    every: float  # seconds
    last: float = field(default=-1e18)


_JOBS: dict[str, Job] = {}


def register(name: str, run: Callable[[], object], *, every: float) -> None:
    """Run `run` at most every `every` seconds from the worker's loop (a name registers
    once; registering it again replaces it)."""
    _JOBS[name] = Job(name, run, every)


def run_due(now: float | None = None) -> list[str]:
    """Run the jobs whose time has come; returns their names. A job that fails is logged
    and tried at its next time: one job never stops the others."""
    now = time.monotonic() if now is None else now
    ran = []
    for job in list(_JOBS.values()):
        if now - job.last < job.every:
            continue
        job.last = now
        try:
            job.run()
        except Exception:
            log.exception("Upkeep job %s failed; it runs again at its next time", job.name)
        ran.append(job.name)
    return ran


def jobs() -> list[str]:
    return sorted(_JOBS)
