"""Delete what Lantern keeps no longer than its retention settings: referrals closed more
than RETENTION_CLOSED_REFERRAL_DAYS ago and audit entries older than RETENTION_AUDIT_DAYS
(0 keeps them for ever); and background tasks queued over a day ago, whatever became of
them (a request reads and deletes its task's row; one that gave up or died leaves it, with
its input). Run it daily (cron, a systemd timer); `--dry-run` only counts."""

import datetime
import logging

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from coordination.models import AuditEntry
from coordination.people.services import audit_purge
from mdt.models import Referral
from mdt.services import referrals_purge_closed

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count, delete nothing.")

    def handle(self, *args, dry_run: bool, **options):
        now = timezone.now()
        referral_days = settings.RETENTION_CLOSED_REFERRAL_DAYS
        audit_days = settings.RETENTION_AUDIT_DAYS
        with transaction.atomic():
            referrals = audit = 0
            if referral_days:
                cutoff = now - datetime.timedelta(days=referral_days)
                referrals = (
                    Referral.objects.filter(status="closed", closed_at__lt=cutoff).count()
                    if dry_run
                    else referrals_purge_closed(closed_before=cutoff)
                )
            if audit_days:
                cutoff = now - datetime.timedelta(days=audit_days)
                audit = (
                    AuditEntry.objects.filter(at__lt=cutoff).count()
                    if dry_run
                    else audit_purge(before=cutoff)
                )
            left = DBTaskResult.objects.filter(enqueued_at__lt=now - datetime.timedelta(days=1))
            tasks = left.count() if dry_run else left.delete()[0]
        verb = "would delete" if dry_run else "deleted"
        summary = (
            f"{verb} {referrals} referral(s) closed over {referral_days or '∞'} days ago, "
            f"{audit} audit entr{'y' if audit == 1 else 'ies'} over {audit_days or '∞'} days "
            f"old and {tasks} background task(s) left over a day ago"
        )
        log.info("Retention: %s", summary)
        self.stdout.write(summary)
