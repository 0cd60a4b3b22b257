"""Pages of the statewide screening tool."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from coordination.people.access import access_for
from coordination.plumbing.errors import Conflict
from coordination.plumbing.forms import add_service_errors

from .. import selectors
from ..forms import (
    ScreeningForm,
)
from ..models import REFERRABLE_BANDS, ScreeningIndicator
from . import services
from .statistics import screening_statistics


@login_required
def screening_new(request):
    instrument = services.screening_instrument_current()
    if instrument is None:
        raise Http404("No screening instrument is loaded yet.")
    form = ScreeningForm(request.POST or None, instrument=instrument)
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
            return redirect("screening-detail", pk=screening.pk)
    return render(
        request, "mdt/screening/screening_form.html", {"form": form, "instrument": instrument}
    )


@login_required
def screening_list(request):
    return render(
        request,
        "mdt/screening/screening_list.html",
        {"screenings": selectors.screening_list(user=request.user)[:100]},
    )


@login_required
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
            text = f"Referred to {screening.referral.mdt.name} as {screening.referral.case_code}."
            if screening.alert_id:
                text += " A critical alert went to the region's on-duty contact."
            messages.success(request, text)
        return redirect("screening-detail", pk=pk)
    indicators = {
        indicator.code: indicator
        for indicator in ScreeningIndicator.objects.filter(
            section__instrument=screening.instrument_id
        )
    }
    context = {
        "screening": screening,
        "drivers": [indicators[code] for code in screening.drivers if code in indicators],
        "referrable": screening.band in REFERRABLE_BANDS,
        "mdt": services.screening_mdt(screening),
    }
    return render(request, "mdt/screening/screening_detail.html", context)


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
