"""Reaching a person off the console: every write about their push devices and their own
e-mail and phone, the pushes themselves, and the e-mail to a contact with no console open.

A push carries the alert's severity, region and summary. Summaries pass the privacy guard
when they are stored, which is what makes them safe on a locked screen (SECURITY.md). A
push to acknowledge carries a signed token for that alert and that person, which is all
the notification's button sends back: a service worker holds no session's CSRF token."""

from __future__ import annotations

import base64
import binascii
import json
import logging
from urllib.parse import urlsplit

import phonenumbers
import requests
from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from pywebpush import WebPushException, webpush

from coordination.people import services as people_services
from coordination.people.access import access_for
from coordination.plumbing.errors import Conflict

from .. import selectors
from ..models import (
    Alert,
    AlertNotification,
    AlertStatus,
    Channel,
    ContactPhone,
    DeliveryStatus,
    PushSubscription,
)
from . import vapid

log = logging.getLogger(__name__)

ACK_SALT = "lantern.notifications.push-acknowledge"
ACK_TOKEN_MAX = 400  # a signed {"alert", "user"} is about 100 characters
ACK_SECONDS = 12 * 3600  # one shift
LABEL_MAX = 80
GONE = {404, 410}  # the push service no longer knows the subscription
OFF = (
    "Phone notifications are off on this server: a state admin sets "
    "WEB_PUSH_VAPID_PRIVATE_KEY to turn them on."
)


# --- devices ----------------------------------------------------------------------------------
def endpoint_allowed(endpoint: str) -> bool:
    """Only the browsers' own push services (WEB_PUSH_HOSTS), over HTTPS: Lantern's worker
    posts to the endpoint, so any other address (one inside the network) is refused.
    WEB_PUSH_INSECURE_HOSTS names hosts reached over plain HTTP: the tests' stand-in."""
    try:
        parts = urlsplit(endpoint)
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        return False
    if not host or parts.username or parts.password:
        return False
    if parts.scheme == "http":
        return host in settings.WEB_PUSH_INSECURE_HOSTS
    return parts.scheme == "https" and any(
        host == allowed or (allowed.startswith(".") and host.endswith(allowed))
        for allowed in settings.WEB_PUSH_HOSTS
    )


def _key_bytes(value, length: int, field: str) -> str:
    """A base64url key of exactly `length` bytes, as the browser gave it."""
    refused = ValidationError({field: ["Not a key this browser could have made."]})
    if not isinstance(value, str) or not value or len(value) > 2 * length:
        raise refused
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError):
        raise refused from None
    if len(raw) != length:
        raise refused
    return value


def _label(value) -> str:
    label = " ".join(str(value or "").split())[:LABEL_MAX]
    return label if label.isprintable() and label else "This device"


@transaction.atomic
def push_subscribe(*, actor, endpoint, p256dh, auth, label="") -> PushSubscription:
    """Subscribe one of the actor's devices (the same device again updates its keys; a
    device another person used moves to the actor, who now signs in on it)."""
    if not selectors.may_receive_alerts(access_for(actor)):
        raise PermissionDenied("Phone notifications are for people who are given alerts.")
    if not vapid.enabled():
        raise Conflict(OFF)
    if not isinstance(endpoint, str) or len(endpoint) > 1000 or not endpoint_allowed(endpoint):
        raise ValidationError({"endpoint": ["Lantern sends only to the browsers' push services."]})
    # The device's public key (an uncompressed P-256 point) and its 16-byte auth secret.
    p256dh, auth = _key_bytes(p256dh, 65, "p256dh"), _key_bytes(auth, 16, "auth")
    mine = PushSubscription.objects.select_for_update().filter(user=actor)
    existing = PushSubscription.objects.select_for_update().filter(endpoint=endpoint).first()
    if existing is None and len(mine) >= settings.WEB_PUSH_DEVICES_PER_PERSON:
        raise ValidationError(
            {
                "endpoint": [
                    f"You have {settings.WEB_PUSH_DEVICES_PER_PERSON} devices already: "
                    "remove one first."
                ]
            }
        )
    subscription = existing or PushSubscription(endpoint=endpoint)
    subscription.user, subscription.p256dh, subscription.auth = actor, p256dh, auth
    subscription.label, subscription.failures = _label(label), 0
    subscription.full_clean()
    subscription.save()
    return subscription


@transaction.atomic
def push_unsubscribe(*, actor, subscription: PushSubscription) -> None:
    """A person removes one of their own devices."""
    if subscription.user_id != actor.pk:
        raise PermissionDenied("You may remove only your own devices.")
    subscription.delete()


# --- the acknowledge button -----------------------------------------------------------------
def acknowledge_token(alert: Alert, user_id: int) -> str:
    return signing.dumps({"alert": alert.pk, "user": user_id}, salt=ACK_SALT, compress=True)


def acknowledge_by_token(token) -> Alert:
    """The notification's "Acknowledge" button: the token names the alert and the person
    it was pushed to; they must still be the ones who may answer it (services.may_answer,
    checked again by alert_transition)."""
    from .. import services  # services enqueues pushes: imported when used, not at load

    if not isinstance(token, str) or not token or len(token) > ACK_TOKEN_MAX:
        raise PermissionDenied("This notification cannot acknowledge any more.")
    try:
        claims = signing.loads(token, salt=ACK_SALT, max_age=ACK_SECONDS)
        alert_id, user_id = int(claims["alert"]), int(claims["user"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise PermissionDenied("This notification cannot acknowledge any more.") from None
    user = selectors.User.objects.filter(pk=user_id, is_active=True).first()
    alert = Alert.objects.filter(pk=alert_id).first()
    if user is None or alert is None:
        raise PermissionDenied("This notification cannot acknowledge any more.")
    return services.alert_transition(actor=user, alert=alert, transition="acknowledge")


# --- sending --------------------------------------------------------------------------------
def _payload(alert: Alert, user_id: int, kind: str) -> dict:
    if kind == "cleared":
        return {"type": "cleared", "id": alert.pk, "status": alert.status}
    payload = {
        "type": "alert",
        "id": alert.pk,
        "severity": alert.severity,
        "title": f"{alert.get_severity_display()} alert — {alert.region.name}",
        "body": alert.summary,
        "url": reverse("alert-detail-page", args=[alert.pk]),
    }
    payload["acknowledge"] = {
        "url": reverse("alert-push-acknowledge"),
        "token": acknowledge_token(alert, user_id),
    }
    return payload


def _send(subscription: PushSubscription, payload: dict, *, ttl: int, session) -> str:
    """One push; returns its delivery status. A dead subscription is removed."""
    info = {
        "endpoint": subscription.endpoint,
        "keys": {"p256dh": subscription.p256dh, "auth": subscription.auth},
    }
    try:
        webpush(
            info,
            json.dumps(payload),
            vapid_private_key=vapid.key(),
            vapid_claims={"sub": settings.WEB_PUSH_CONTACT},
            ttl=ttl,
            headers={"Urgency": "high"},
            timeout=settings.WEB_PUSH_TIMEOUT_SECONDS,
            requests_session=session,
        )
    except WebPushException as failed:
        status = getattr(failed.response, "status_code", None)
        if status in GONE:
            subscription.delete()
            return DeliveryStatus.GONE
        log.warning("Push to subscription %s failed: %s", subscription.pk, status)
        PushSubscription.objects.filter(pk=subscription.pk).update(failures=F("failures") + 1)
        return DeliveryStatus.FAILED
    except requests.RequestException as failed:  # the push service out of reach
        log.warning("Push to subscription %s failed: %s", subscription.pk, type(failed).__name__)
        PushSubscription.objects.filter(pk=subscription.pk).update(failures=F("failures") + 1)
        return DeliveryStatus.FAILED
    PushSubscription.objects.filter(pk=subscription.pk).update(
        last_sent_at=timezone.now(), failures=0
    )
    return DeliveryStatus.SENT


def _time_to_live(alert: Alert) -> int:
    """Seconds a push service keeps trying the device: until the alert's step moves on
    (someone else has it then), and a day for an alert that stays where it is."""
    if alert.escalate_at is None:
        return 24 * 3600
    return max(60, int((alert.escalate_at - timezone.now()).total_seconds()))


def _unless_acknowledged(alert: Alert) -> str:
    if alert.escalate_at is None:
        return "It is not passed on any further: it waits for an acknowledgement."
    local = timezone.localtime(alert.escalate_at)
    return f"Unless acknowledged, it is paged onwards at {local:%-I:%M %p} ({local:%Z})."


def push_alert(*, alert_id: int, user_ids: list[int], kind: str) -> int:
    """Push `alert` to the devices of `user_ids` (run by the task worker after the commit
    that assigned or answered it). An alert is pushed only while it still waits for those
    people: if it was acknowledged or passed on meanwhile, there is nothing to ring for.
    Returns how many pushes were sent."""
    if not vapid.enabled():
        return 0
    alert = Alert.objects.select_related("region").filter(pk=alert_id).first()
    if alert is None:
        return 0
    if kind == "alert":
        if alert.status != AlertStatus.TRIGGERED:
            return 0
        user_ids = sorted(set(user_ids) & set(selectors.recipients(alert)))
    ttl = _time_to_live(alert)
    subscriptions = PushSubscription.objects.filter(user_id__in=user_ids).order_by("user_id", "id")
    sent = 0
    with requests.Session() as session:
        for subscription in subscriptions:
            status = _send(
                subscription, _payload(alert, subscription.user_id, kind), ttl=ttl, session=session
            )
            if kind == "alert":
                AlertNotification.objects.create(
                    alert=alert,
                    user_id=subscription.user_id,
                    channel=Channel.PUSH,
                    status=status,
                    detail=subscription.label,
                )
            sent += status == DeliveryStatus.SENT
    return sent


def push_test(*, actor) -> int:
    """ "Send me a test alert": a push to each of the actor's own devices, with no alert
    behind it. Returns how many were sent."""
    if not vapid.enabled():
        raise Conflict(OFF)
    payload = {
        "type": "test",
        "title": "Lantern test alert",
        "body": "Phone notifications reach this device. Nothing needs doing.",
        "url": reverse("alert-settings"),
    }
    sent = 0
    with requests.Session() as session:
        for subscription in PushSubscription.objects.filter(user=actor):
            sent += _send(subscription, payload, ttl=300, session=session) == DeliveryStatus.SENT
    return sent


# --- e-mail to contacts who are not watching ----------------------------------------------
def _a(word: str) -> str:
    """“An urgent alert”, “a critical alert”."""
    return f"{'An' if word[:1].lower() in 'aeiou' else 'A'} {word.lower()}"


def mail_offline_recipients(alert: Alert, user_ids=None) -> int:
    """E-mail each recipient of `alert` (of `user_ids`, if given) who has no open alert
    console. The mail carries the region, severity and a link, never the summary: the
    case stays inside Lantern. Runs after commit; a mail failure is logged, never raised
    (the alert is stored and waits on the console)."""
    receivers = selectors.recipients(alert)
    if user_ids is not None:
        receivers = [user_id for user_id in receivers if user_id in set(user_ids)]
    online = selectors.connected_user_ids(receivers)
    sent = 0
    for user in selectors.User.objects.filter(pk__in=set(receivers) - online).order_by("pk"):
        if not user.email:
            log.warning("Alert %s: offline contact %s has no e-mail address", alert.pk, user.pk)
            continue
        link = f"{settings.SITE_URL}{reverse('alert-detail-page', args=[alert.pk])}"
        try:
            send_mail(
                subject=f"[Lantern] {alert.get_severity_display()} alert for {alert.region.name}",
                message=(
                    f"{_a(alert.get_severity_display())} rapid-response alert for "
                    f"{alert.region.name} is waiting for you, and you have no alert console "
                    f"open.\n\nOpen it to read and acknowledge the alert:\n{link}\n\n"
                    f"{_unless_acknowledged(alert)}\n"
                ),
                from_email=None,
                recipient_list=[user.email],
            )
            sent += 1
        except Exception:  # the mail server may be down; the alert is safe and escalates
            log.exception("Could not e-mail alert %s to user %s", alert.pk, user.pk)
    return sent


# --- a person's own contact details ---------------------------------------------------------
PHONE_INPUT_MAX = 40


@transaction.atomic
def contact_details_update(*, actor, email: str, phone: str) -> None:
    """A person sets their own work e-mail and phone, where alerts reach them when no
    console is open. An empty phone removes it. A refused number is never echoed."""
    phone = (phone or "").strip()
    number = None
    if phone:
        try:
            parsed = phonenumbers.parse(phone[:PHONE_INPUT_MAX], "US")
        except phonenumbers.NumberParseException:
            parsed = None
        if (
            len(phone) > PHONE_INPUT_MAX
            or parsed is None
            or not phonenumbers.is_valid_number(parsed)
        ):
            raise ValidationError({"phone": ["Enter a phone number, such as 504-555-0123."]})
        number = phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    people_services.own_email_set(actor=actor, email=(email or "").strip())
    if number is None:
        ContactPhone.objects.filter(user=actor).delete()
    else:
        ContactPhone.objects.update_or_create(user=actor, defaults={"number": number})
