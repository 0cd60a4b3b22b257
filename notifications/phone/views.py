"""Twilio's webhooks: a reply to an alert's text, a key pressed in an alert's call, and the
delivery status of either. Each must carry Twilio's signature over Lantern's own URL;
anything else is refused (403) and changes nothing."""

from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from twilio.twiml.messaging_response import MessagingResponse
from twilio.twiml.voice_response import VoiceResponse

from ..rules.services import move_on
from . import provider, services

FIELD_MAX = 1600


def _signed(request) -> dict | None:
    """The request's form fields if Twilio signed it, else None."""
    signature = request.headers.get("X-Twilio-Signature", "")
    params = {name: value[:FIELD_MAX] for name, value in request.POST.items()}
    if provider.signed_by_twilio(request.get_full_path(), request.POST.dict(), signature):
        return params
    return None


def _refused() -> HttpResponse:
    return HttpResponse("Not signed by Twilio.", status=403, content_type="text/plain")


def _twiml(response) -> HttpResponse:
    return HttpResponse(str(response), content_type="text/xml")


@csrf_exempt  # Twilio's signature is the credential
@require_POST
def sms_reply(request):
    params = _signed(request)
    if params is None:
        return _refused()
    answer = services.acknowledge_by_reply(
        from_number=params.get("From", ""), body=params.get("Body", "")
    )
    reply = MessagingResponse()
    reply.message(answer)
    return _twiml(reply)


@csrf_exempt
@require_POST
def voice_key(request):
    params = _signed(request)
    if params is None:
        return _refused()
    said = services.acknowledge_by_key(
        token=request.GET.get("token", ""), digits=params.get("Digits", "")
    )
    response = VoiceResponse()
    response.say(said)
    return _twiml(response)


@csrf_exempt
@require_POST
def delivery_status(request):
    params = _signed(request)
    if params is None:
        return _refused()
    sid = params.get("MessageSid") or params.get("CallSid") or ""
    status = params.get("MessageStatus") or params.get("CallStatus") or ""
    for alert_id, user_id in services.delivery_status(sid=sid, status=status):
        move_on(alert_id=alert_id, user_id=user_id)  # an undelivered text: the next step
    return HttpResponse(status=204)
