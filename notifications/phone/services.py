"""Every write of the phone channel: a text to each recipient with a phone, a voice call if
the alert still waits `PHONE_CALL_AFTER_MINUTES` later (at once if the text failed), the
acknowledgement a reply or a key press gives, and the delivery statuses Twilio reports.
Each attempt is an `AlertNotification` row."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from coordination.plumbing.errors import Conflict

from .. import selectors
from ..models import Alert, AlertNotification, AlertStatus, Channel, ContactPhone, DeliveryStatus
from ..push.services import acknowledge_by_token, acknowledge_token
from . import provider as phones

log = logging.getLogger(__name__)

ACKNOWLEDGING_REPLIES = {"1", "ack", "ok", "yes", "y"}
FAILED = {"failed", "undelivered"}


def _url(name: str) -> str:
    return settings.SITE_URL + reverse(name)


def _words(alert: Alert) -> str:
    return (
        f"{alert.get_severity_display()} alert for {alert.region.name}: {alert.summary}"
    ).strip()


def _still_waiting_for(alert: Alert, user_id: int) -> bool:
    return alert.status == AlertStatus.TRIGGERED and user_id in selectors.recipients(alert)


def _record(alert, user_id, channel, status, sid="", detail="") -> None:
    AlertNotification.objects.create(
        alert=alert,
        user_id=user_id,
        channel=channel,
        status=status,
        provider_id=sid,
        detail=detail[:200],
    )


def text_alert(*, alert_id: int, user_ids: list[int]) -> list[int]:
    """Text each recipient who has a phone (the alert worker, after commit). Returns the
    ids of those whose text failed: their call is placed at once."""
    provider = phones.provider()
    alert = Alert.objects.select_related("region").filter(pk=alert_id).first()
    if provider is None or alert is None:
        return []
    failed = []
    link = settings.SITE_URL + reverse("alert-detail-page", args=[alert.pk])
    body = f"Lantern: {_words(alert)} Reply 1 to acknowledge. {link}"
    for phone in ContactPhone.objects.filter(user_id__in=user_ids).order_by("user_id"):
        if not _still_waiting_for(alert, phone.user_id):
            continue
        try:
            sid = provider.send_sms(
                to=phone.number, body=body, status_callback=_url("twilio-status")
            )
        except Exception as error:  # the provider's SDK raises its own; the alert stands
            log.warning("Text for alert %s to user %s failed: %s", alert.pk, phone.user_id, error)
            _record(alert, phone.user_id, Channel.SMS, DeliveryStatus.FAILED)
            failed.append(phone.user_id)
        else:
            _record(alert, phone.user_id, Channel.SMS, DeliveryStatus.SENT, sid)
    return failed


def call_alert(*, alert_id: int, user_id: int) -> bool:
    """Call the contact if the alert still waits for them. Returns whether a call went out."""
    provider = phones.provider()
    alert = Alert.objects.select_related("region").filter(pk=alert_id).first()
    phone = ContactPhone.objects.filter(user_id=user_id).first()
    if provider is None or alert is None or phone is None:
        return False
    if not _still_waiting_for(alert, user_id):
        return False
    action = _url("twilio-voice") + "?token=" + acknowledge_token(alert, user_id)
    twiml = phones.voice_twiml(text=f"This is Lantern. {_words(alert)}.", action=action)
    try:
        sid = provider.call(to=phone.number, twiml=twiml, status_callback=_url("twilio-status"))
    except Exception as error:
        log.warning("Call for alert %s to user %s failed: %s", alert.pk, user_id, error)
        _record(alert, user_id, Channel.VOICE, DeliveryStatus.FAILED)
        return False
    _record(alert, user_id, Channel.VOICE, DeliveryStatus.SENT, sid)
    return True


def acknowledge_by_reply(*, from_number: str, body: str) -> str:
    """A reply to an alert's text, from a contact's phone: "1" (or "ack", "yes")
    acknowledges the newest alert texted to them that still waits. Returns the answer to
    text back."""
    phone = ContactPhone.objects.filter(number=from_number[:20]).select_related("user").first()
    if phone is None or not phone.user.is_active:
        return "Lantern does not know this number."
    if body.strip().lower()[:10] not in ACKNOWLEDGING_REPLIES:
        return "Reply 1 to acknowledge your newest alert, or open Lantern."
    texted = (
        AlertNotification.objects.filter(
            user=phone.user, channel=Channel.SMS, alert__status=AlertStatus.TRIGGERED
        )
        .order_by("-at", "-id")
        .values_list("alert_id", flat=True)
    )
    for alert_id in texted[:20]:
        alert = Alert.objects.get(pk=alert_id)
        try:
            acknowledge_by_token(acknowledge_token(alert, phone.user_id))
        except (PermissionDenied, Conflict):
            continue  # passed on to someone else, or answered meanwhile
        return f"Alert {alert.pk} acknowledged: it stops escalating. Open Lantern to resolve it."
    return "No alert is waiting for you."


def acknowledge_by_key(*, token: str, digits: str) -> str:
    """A key pressed in an alert's call: 1 acknowledges. Returns what the call says."""
    if digits != "1":
        return "The alert is still waiting for you in Lantern."
    try:
        alert = acknowledge_by_token(token)
    except PermissionDenied:
        return "This alert cannot be acknowledged from this call any more."
    except Conflict:
        return "This alert was already answered."
    return f"Alert {alert.pk} acknowledged. It stops escalating. Goodbye."


def delivery_status(*, sid: str, status: str) -> list[tuple[int, int]]:
    """Store a delivery status Twilio reports for a text or a call. Returns (alert id, user
    id) of texts that failed to arrive: the caller moves on to their call."""
    status = status.strip().lower()[:32]
    rows = AlertNotification.objects.filter(provider_id=sid[:64])
    rows.update(provider_status=status)
    if status not in FAILED:
        return []
    return list(rows.filter(channel=Channel.SMS).values_list("alert_id", "user_id"))
