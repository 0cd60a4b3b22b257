"""Pages of the dashboard, signing in, two-factor, API tokens, regions and agencies."""

import base64

import django_otp
import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from ..plumbing import panels
from ..plumbing.errors import Conflict
from ..plumbing.forms import add_service_errors
from ..plumbing.push import push_access_changed
from . import selectors, services
from .access import access_for
from .forms import SignInForm, TwoFactorCodeForm
from .sessions import session_ends, session_renew


@login_required
def dashboard(request):
    return render(
        request, "coordination/people/dashboard.html", selectors.dashboard_for(user=request.user)
    )


class SignInView(auth_views.LoginView):
    """Sign-in; with two-factor on, the session is also marked verified by the device."""

    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        if form.otp_device is not None:
            django_otp.login(self.request, form.otp_device)
        session_renew(self.request)
        return response


@login_required
@require_http_methods(["GET", "POST"])
def stay_signed_in(request):
    """POST renews the session from the warning before it ends; GET only asks, since
    another tab may have renewed it. Both answer when it now ends."""
    if request.method == "POST":
        session_renew(request)
    ends = session_ends(request)
    return JsonResponse({"ends": ends.isoformat() if ends else None})


class SignOutView(auth_views.LogoutView):
    """Sign-out. The person's alert sockets are told at once: those this session opened
    close as signed out (4401) instead of waiting for their next beat."""

    def post(self, request, *args, **kwargs):
        user_id = request.user.pk if request.user.is_authenticated else None
        response = super().post(request, *args, **kwargs)
        if user_id is not None:
            push_access_changed(user_id)
            # Said on the sign-in page it lands on (the message travels in a cookie: the
            # session it would have used is gone).
            messages.success(
                request, "You are signed out. On a shared computer, close the browser too."
            )
        return response


def _qr_svg(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


@never_cache
@login_required
def two_factor(request):
    """Turn two-factor sign-in (an authenticator app) on or off: state admins."""
    if not access_for(request.user).is_state_admin:
        raise PermissionDenied("Two-factor sign-in is offered to state admins.")
    form = TwoFactorCodeForm(request.POST or None)
    action = request.POST.get("action")
    if action == "begin":
        try:
            services.two_factor_begin(actor=request.user)
        except Conflict as refused:
            messages.error(request, str(refused))
        return redirect("two-factor")
    if action in {"confirm", "turn-off"} and form.is_valid():
        code = form.cleaned_data["code"]
        try:
            if action == "confirm":
                device = services.two_factor_confirm(actor=request.user, code=code)
                django_otp.login(request, device)
                messages.success(request, "Two-factor sign-in is on. Keep your phone at hand.")
            else:
                services.two_factor_turn_off(actor=request.user, code=code)
                messages.success(request, "Two-factor sign-in is off.")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("two-factor")
    confirmed, pending = selectors.two_factor_for(user=request.user)
    context = {"form": form, "confirmed": confirmed, "pending": pending}
    if pending is not None:
        context["qr"] = _qr_svg(pending.config_url)
        context["secret"] = base64.b32encode(pending.bin_key).decode()
    return render(
        request, "coordination/people/two_factor.html", context, status=400 if form.errors else 200
    )


@never_cache
@login_required
def api_tokens(request):
    """The person's own API tokens (scripts, phone apps): when each was issued and when it
    ends, each with its revoke button, and "revoke all"."""
    tokens = selectors.api_token_list(user=request.user)
    return render(request, "coordination/people/api_tokens.html", {"tokens": tokens})


@require_POST
@login_required
def api_token_revoke(request, pk: int):
    token = get_object_or_404(selectors.api_token_list(user=request.user), pk=pk)
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, f"Token {token.prefix}… is revoked: it no longer works.")
    return redirect("api-tokens")


@require_POST
@login_required
def api_tokens_revoke_all(request):
    revoked = services.api_tokens_revoke_all(actor=request.user)
    messages.success(
        request, f"{revoked} token{'' if revoked == 1 else 's'} revoked: none of yours works now."
    )
    return redirect("api-tokens")


@login_required
def region_list(request):
    regions = selectors.region_overview(user=request.user)
    return render(request, "coordination/people/region_list.html", {"regions": regions})


@login_required
def region_detail(request, pk: int):
    region = get_object_or_404(selectors.region_list(user=request.user), pk=pk)
    context = {
        "region": region,
        "parishes": region.parishes.all(),
        "agencies": selectors.agency_list(user=request.user).filter(regions=region),
        "contacts": selectors.region_contacts(region=region),
        "panels": panels.panels_for(panels.REGION, user=request.user, region=region),
    }
    return render(request, "coordination/people/region_detail.html", context)


@login_required
def agency_list(request):
    agencies = selectors.agency_list(user=request.user)
    return render(request, "coordination/people/agency_list.html", {"agencies": agencies})


@login_required
def agency_detail(request, pk: int):
    agency = get_object_or_404(selectors.agency_list(user=request.user), pk=pk)
    regions = selectors.region_list(user=request.user).filter(agencies=agency)
    return render(
        request, "coordination/people/agency_detail.html", {"agency": agency, "regions": regions}
    )
