"""Pages of the statewide screening tool (the screen and its result in English, Spanish
or Vietnamese: `plumbing.languages`)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from coordination.people.access import access_for
from coordination.plumbing.errors import Conflict
from coordination.plumbing.forms import add_service_errors
from coordination.plumbing.languages import (
    LANGUAGE_PARAMETER,
    codes,
    speaks_visitors_language,
)
from coordination.plumbing.translations import translated

from .. import selectors
from ..forms import (
    ScreeningForm,
)
from ..models import REFERRABLE_BANDS, ScreeningIndicator
from . import services
from .statistics import screening_statistics


@login_required
@speaks_visitors_language
def screening_new(request):
    instrument = services.screening_instrument_current()
    if instrument is None:
        raise Http404("No screening instrument is loaded yet.")
    words = translated(instrument.translations)
    form = ScreeningForm(request.POST or None, instrument=instrument, words=words)
    if request.method == "POST" and form.is_valid():
        try:
            screening = services.screening_submit(
                actor=request.user,
                instrument=instrument,
                discipline=form.cleaned_data["discipline"],
                parish=form.cleaned_data["parish"],
                age_band=form.cleaned_data["age_band"],
                answers=form.answers(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            detail = reverse("screening-detail", args=[screening.pk])
            return redirect(_same_language(detail, request))
    context = {"form": form, "instrument": instrument, "words": words}
    return render(request, "mdt/screening/screening_form.html", context)


@login_required
def screening_list(request):
    return render(
        request,
        "mdt/screening/screening_list.html",
        {"screenings": selectors.screening_list(user=request.user)[:100]},
    )


@login_required
@speaks_visitors_language
def screening_detail(request, pk):
    screening = get_object_or_404(selectors.screening_list(user=request.user), pk=pk)
    if request.method == "POST":
        try:
            screening = services.screening_refer(
                actor=request.user,
                screening=screening,
                confirmed=request.POST.get("confirmed") == "on",
            )
        except (Conflict, PermissionDenied) as refused:
            messages.error(request, getattr(refused, "detail", str(refused)))
        except ValidationError as refused:  # over the rate limit, among others
            messages.error(request, " ".join(refused.messages))
        else:
            text = _("Referred to %(mdt)s as %(case)s.") % {
                "mdt": screening.referral.mdt.name,
                "case": screening.referral.case_code,
            }
            if screening.alert_id:
                text += " " + _("A critical alert went to the region's on-duty contact.")
            messages.success(request, text)
        return redirect(_same_language(reverse("screening-detail", args=[pk]), request))
    indicators = {
        indicator.code: indicator
        for indicator in ScreeningIndicator.objects.filter(
            section__instrument=screening.instrument_id
        )
    }
    words = translated(screening.instrument.translations)
    context = {
        "screening": screening,
        "words": words,
        "drivers": [
            (words.shown(indicators[code].text), indicators[code].immediate)
            for code in screening.drivers
            if code in indicators
        ],
        "referrable": screening.band in REFERRABLE_BANDS,
        "mdt": services.screening_mdt(screening),
    }
    return render(request, "mdt/screening/screening_detail.html", context)


def _same_language(path: str, request) -> str:
    """Where to go next, in the language chosen on this page (`?lang=`)."""
    chosen = request.GET.get(LANGUAGE_PARAMETER)
    if chosen not in codes():
        return path
    return f"{path}?{urlencode({LANGUAGE_PARAMETER: chosen})}"


@login_required
def screening_stats(request):
    is_admin = access_for(request.user).is_state_admin
    published = not is_admin or request.GET.get("published") == "1"
    context = {
        "stats": screening_statistics(suppress=published),
        "is_admin": is_admin,
        "published": published,
    }
    return render(request, "mdt/screening/screening_statistics.html", context)
