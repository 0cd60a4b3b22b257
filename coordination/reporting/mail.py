"""The reminder e-mail to a provider's reporters: what is due, by when, and where to
submit. It names the provider and the year, nothing of any case."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse

from ..people.models import Agency, Role

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
    when = f"is due on {deadline}" if days < 0 else f"was due on {deadline} and is overdue"
    link = settings.SITE_URL + reverse("submission-form", args=[cycle.pk, agency.pk])
    try:
        send_mail(
            subject=f"[Lantern] {agency.name}'s {cycle.label} report {when.split(' and ')[-1]}",
            message=(
                f"{agency.name}'s report for {cycle.label} {when}."
                f"\n\nSubmit it, or tell the state why you decline, here:\n{link}\n\n"
                "Reports hold coded figures and your own case codes only: Lantern refuses "
                "any name or other identifying information, and gives a receipt saying so.\n"
            ),
            from_email=None,
            recipient_list=addresses,
        )
    except Exception:  # the mail server may be down: logged, and tried at the next reminder
        log.exception("Could not send the reporting reminder to provider %s", agency.pk)
        return 0
    return len(addresses)
