"""Text messages and voice calls, behind one provider interface; Twilio's official SDK is the
provider, switched on by TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER.
Without them the channel is off and the pages say so.

Inbound requests (a reply to a text, a key pressed in a call, a delivery status) come
from Twilio signed with the account's auth token (X-Twilio-Signature over Lantern's own
URL, SITE_URL, never the Host header a client sets); an unsigned or forged one is
refused before anything in it is read."""

from __future__ import annotations

from typing import Protocol

from django.conf import settings
from twilio.http.http_client import TwilioHttpClient
from twilio.request_validator import RequestValidator
from twilio.rest import Client
from twilio.twiml.voice_response import Gather, VoiceResponse

TWILIO_API = "https://api.twilio.com"


class PhoneProvider(Protocol):
    def send_sms(self, *, to: str, body: str, status_callback: str) -> str:
        """Send a text; returns the provider's id for it. Raises on failure."""

    def call(self, *, to: str, twiml: str, status_callback: str) -> str:
        """Place a call that plays `twiml`; returns the provider's id. Raises on failure."""


class _StandIn(TwilioHttpClient):
    """Sends the SDK's requests to TWILIO_API_BASE instead of api.twilio.com (the tests'
    local stand-in), unchanged otherwise: the SDK's own extension point."""

    def request(self, method, url, *args, **kwargs):
        if settings.TWILIO_API_BASE and url.startswith(TWILIO_API):
            url = settings.TWILIO_API_BASE.rstrip("/") + url[len(TWILIO_API) :]
        return super().request(method, url, *args, **kwargs)


class Twilio:
    def __init__(self):
        self.client = Client(
            settings.TWILIO_ACCOUNT_SID,
            settings.TWILIO_AUTH_TOKEN,
            http_client=_StandIn(timeout=10),
        )

    def send_sms(self, *, to: str, body: str, status_callback: str) -> str:
        message = self.client.messages.create(
            to=to, from_=settings.TWILIO_FROM_NUMBER, body=body, status_callback=status_callback
        )
        return message.sid

    def call(self, *, to: str, twiml: str, status_callback: str) -> str:
        placed = self.client.calls.create(
            to=to, from_=settings.TWILIO_FROM_NUMBER, twiml=twiml, status_callback=status_callback
        )
        return placed.sid


def enabled() -> bool:
    return bool(
        settings.TWILIO_ACCOUNT_SID and settings.TWILIO_AUTH_TOKEN and settings.TWILIO_FROM_NUMBER
    )


def provider() -> PhoneProvider | None:
    return Twilio() if enabled() else None


def signed_by_twilio(path: str, params: dict, signature: str) -> bool:
    """Whether Twilio signed this request to Lantern's own URL for `path` (with its query
    string), with these form fields."""
    if not enabled() or not signature or len(signature) > 200:
        return False
    url = settings.SITE_URL + path
    return RequestValidator(settings.TWILIO_AUTH_TOKEN).validate(url, params, signature)


def voice_twiml(*, text: str, action: str) -> str:
    """What the call says: the alert, then "press 1 to acknowledge" (the key goes to
    `action`, an absolute URL)."""
    response = VoiceResponse()
    gather = Gather(num_digits=1, action=action, method="POST", timeout=10)
    gather.say(text + " Press 1 to acknowledge.")
    response.append(gather)
    response.say("No key was pressed. The alert is still waiting for you in Lantern.")
    return str(response)
