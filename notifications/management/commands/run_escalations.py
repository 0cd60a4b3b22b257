import logging
import signal
import time

from django.core.management.base import BaseCommand
from django.db import DatabaseError, close_old_connections
from django.utils import timezone

from coordination.plumbing import upkeep
from notifications.rules.services import next_step_at, steps_due, steps_prune
from notifications.services import (
    connections_prune,
    escalate_due,
    hand_over_from_those_without_a_role,
    next_escalation_at,
)

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "The escalation worker: escalate the alerts nobody acknowledged in time, waking when "
        "the next one falls due (and at least every --interval seconds). Run as many as you "
        "like; each due alert is claimed with a "
        "row lock. Each pass also hands waiting alerts of people who lost their role to whoever "
        "is on duty, and forgets alert sockets of processes that died and notification steps done "
        "a day ago, and runs the apps' upkeep jobs (reporting reminders, meeting series). --once "
        "runs a single "
        "pass."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=5.0)
        parser.add_argument("--once", action="store_true")

    def handle(self, *args, interval: float, once: bool, **options):
        stopping = False

        def stop(*_):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while True:
            try:
                escalated = escalate_due()
                handed_over = hand_over_from_those_without_a_role()
                steps_due()  # the later steps of people's notification rules
                steps_prune()
                connections_prune()
                upkeep.run_due()  # the apps' own jobs: reminders, meeting series…
            except DatabaseError:
                # The database is away (restarting?): every due alert is still due there.
                log.exception("Escalation pass failed; retrying in %s s", interval)
                close_old_connections()
            else:
                if escalated:
                    self.stdout.write(f"escalated {escalated} alert(s)")
                if handed_over:
                    self.stdout.write(
                        f"handed over {handed_over} alert(s) from people who lost their role"
                    )
            if once or stopping:
                return
            time.sleep(self._pause(interval))

    @staticmethod
    def _pause(interval: float) -> float:
        """Sleep until the next alert falls due, but never longer than `interval` (an
        alert raised meanwhile is due minutes later, well after the next look)."""
        try:
            due = [at for at in (next_escalation_at(), next_step_at()) if at is not None]
        except DatabaseError:
            close_old_connections()
            return interval
        if not due:
            return interval
        due = min(due)
        return min(interval, max(0.0, (due - timezone.now()).total_seconds()))
