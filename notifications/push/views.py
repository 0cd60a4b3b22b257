"""A person's alert settings (their devices, e-mail and phone, a test alert), the installable
console's manifest and service worker, and the acknowledge button of a notification."""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from coordination.people.access import access_for
from coordination.plumbing.errors import Conflict
from coordination.plumbing.forms import add_service_errors

from .. import selectors
from ..forms import ContactDetailsForm, RulesForm
from ..models import AlertNotification, ContactPhone, PushSubscription
from ..phone import provider as phone_provider
from ..rules import services as rules_services
from . import services, vapid

SUBSCRIBE_BODY_MAX = 4096  # an endpoint (≤ 1000), two keys and a label, as JSON


def _require_alerts(user) -> None:
    if not selectors.may_receive_alerts(access_for(user)):
        raise PermissionDenied("Alert settings are for people who are given alerts.")


@never_cache
@login_required
def alert_settings(request):
    _require_alerts(request.user)
    phone = ContactPhone.objects.filter(user=request.user).first()
    form = ContactDetailsForm(
        request.POST if request.method == "POST" else None,
        initial={"email": request.user.email, "phone": phone.number if phone else ""},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_details_update(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your e-mail and phone are saved.")
            return redirect("alert-settings")
    context = {
        "form": form,
        "devices": PushSubscription.objects.filter(user=request.user),
        "rules_form": RulesForm(rules=_current_rules(request.user)),
        "push_key": vapid.public_key(),
        "phone_on": phone_provider.enabled(),
        "call_after": f"{settings.PHONE_CALL_AFTER_MINUTES:g}",
        "recent": AlertNotification.objects.filter(user=request.user).order_by("-at", "-id")[:10],
    }
    return render(request, "notifications/push/settings.html", context)


def _current_rules(user) -> list[tuple[str, int]]:
    return rules_services.rules_for([user.pk])[user.pk]


@require_POST
@login_required
def rules_save(request):
    """A person's own notification rules."""
    _require_alerts(request.user)
    form = RulesForm(request.POST, rules=_current_rules(request.user))
    if not form.is_valid():
        messages.error(request, "Each step's minutes are a number from 0 to 60.")
        return redirect("alert-settings")
    try:
        rules_services.rules_set(actor=request.user, rules=form.rules())
    except ValidationError as refused:
        messages.error(request, " ".join(refused.messages))
    else:
        messages.success(request, "Your notification rules are saved.")
    return redirect("alert-settings")


@require_POST
@login_required
def device_subscribe(request):
    """The page's script sends the browser's subscription here as JSON (with the CSRF
    header); phone apps use the API."""
    _require_alerts(request.user)
    if not vapid.enabled():
        return JsonResponse({"detail": services.OFF}, status=409)
    if request.content_type != "application/json":
        return JsonResponse({"detail": "Send the subscription as JSON."}, status=400)
    if len(request.body) > SUBSCRIBE_BODY_MAX:
        return JsonResponse({"detail": "Too large."}, status=400)
    try:
        data = json.loads(request.body or b"{}")
        keys = data.get("keys") or {}
        services.push_subscribe(
            actor=request.user,
            endpoint=data.get("endpoint"),
            p256dh=keys.get("p256dh"),
            auth=keys.get("auth"),
            label=data.get("label", ""),
        )
    except (ValueError, AttributeError, RecursionError):
        return JsonResponse({"detail": "Not a subscription."}, status=400)
    except ValidationError as refused:
        return JsonResponse({"detail": " ".join(refused.messages)}, status=400)
    except Conflict as refused:
        return JsonResponse({"detail": refused.detail}, status=409)
    messages.success(request, "This device now gets alerts as phone notifications.")
    return JsonResponse({"detail": "subscribed"}, status=201)


@require_POST
@login_required
def device_remove(request, pk):
    device = get_object_or_404(PushSubscription.objects.filter(user=request.user), pk=pk)
    services.push_unsubscribe(actor=request.user, subscription=device)
    messages.success(request, f"Removed: {device.label} gets no more alerts.")
    return redirect("alert-settings")


@require_POST
@login_required
def test_alert(request):
    _require_alerts(request.user)
    try:
        sent = services.push_test(actor=request.user)
    except Conflict as refused:
        messages.error(request, refused.detail)
    else:
        if sent:
            messages.success(request, f"Test alert sent to {sent} device{'s' * (sent != 1)}.")
        else:
            messages.error(
                request,
                "No device of yours could be reached. Turn on phone "
                "notifications on a device first.",
            )
    return redirect("alert-settings")


@csrf_exempt  # the signed token is the credential: a service worker holds no CSRF token
@require_POST
def push_acknowledge(request):
    """A notification's "Acknowledge" button (the service worker posts its token)."""
    try:
        alert = services.acknowledge_by_token(request.POST.get("token"))
    except PermissionDenied as refused:
        return JsonResponse({"detail": str(refused)}, status=403)
    except Conflict as refused:
        return JsonResponse(
            {"detail": refused.detail, "status": refused.extra.get("status")}, status=409
        )
    return JsonResponse({"id": alert.pk, "status": alert.status})


@require_GET
def service_worker(request):
    """At the site's root, so that it may serve every page of the installed console."""
    response = render(
        request, "notifications/push/service-worker.js", content_type="text/javascript"
    )
    response["Cache-Control"] = "no-cache"
    return response


@require_GET
def manifest(request):
    """What makes the console installable as an app on a phone's home screen."""
    icons = [
        {
            "src": static(f"notifications/icon-{size}.png"),
            "sizes": f"{size}x{size}",
            "type": "image/png",
            "purpose": "any maskable",
        }
        for size in (192, 512)
    ]
    return JsonResponse(
        {
            "name": "Lantern alerts",
            "short_name": "Lantern",
            "description": "Rapid-response alerts for Lantern's contacts.",
            "start_url": reverse("alert-console"),
            "scope": "/",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": "#1d2433",
            "icons": icons,
        },
        content_type="application/manifest+json",
    )
