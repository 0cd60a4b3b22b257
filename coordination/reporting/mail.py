"""The reminder e-mail to a provider's reporters: what is due, by when, and where to
submit. It names the provider and the year, nothing of any case."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse
from django_tasks import task

from ..people.models import Agency, Role
from .models import ReportingReminder

log = logging.getLogger(__name__)


def reminder_mail(cycle, agency: Agency, *, days: int) -> int:
    """Send the reminder due `days` after the deadline (negative: before it) to the
    provider's active reporters that have an e-mail address; returns how many it reached."""
    reporters = (
        get_user_model()
        .objects.filter(
            is_active=True,
            role_assignments__role=Role.PROVIDER_REPORTER,
            role_assignments__agency=agency,
        )
        .exclude(email="")
    )
    addresses = sorted(set(reporters.values_list("email", flat=True)))
    if not addresses:
        log.warning("Reporting reminder: %s has no reporter with an e-mail address", agency.pk)
        return 0
    deadline = f"{cycle.deadline:%B} {cycle.deadline.day}, {cycle.deadline.year}"
    if days < 0:
        when = f"is due on {deadline}"
    elif days == 0:
        when = f"is due today, {deadline}"
    else:
        when = f"was due on {deadline} and is overdue"
    link = settings.SITE_URL + reverse("submission-form", args=[cycle.pk, agency.pk])
    try:
        send_mail(
            subject=f"[Lantern] {agency.name}'s {cycle.label} report {when.split(' and ')[-1]}",
            message=(
                f"{agency.name}'s report for {cycle.label} {when}."
                f"\n\nSubmit it, or tell the state why you decline, here:\n{link}\n\n"
                "Reports hold coded figures and your own case codes only. Lantern checks "
                "every case code for names, dates, phone and Social Security numbers, and "
                "gives a receipt listing the checks your report passed.\n"
            ),
            from_email=None,
            recipient_list=addresses,
        )
    except Exception:  # the mail server may be down: logged, and tried at the next reminder
        log.exception("Could not send the reporting reminder to provider %s", agency.pk)
        return 0
    return len(addresses)


@task()
def send_reporting_reminder(*, reminder: int) -> int:
    """E-mail a logged reminder to its provider's reporters (unless the provider answered
    since), and record how many it reached."""
    row = ReportingReminder.objects.select_related("cycle", "agency").filter(pk=reminder).first()
    if row is None or row.recipients:
        return 0
    cycle, agency = row.cycle, row.agency
    if cycle.submissions.filter(agency=agency).exists():
        return 0
    reached = reminder_mail(cycle, agency, days=row.days)
    ReportingReminder.objects.filter(pk=row.pk).update(recipients=reached)
    return reached
