"""Pages: the "action needed" queue (referrals past a target, recommendations past due)
and an MDT's timeliness month by month."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from coordination.people.access import access_for
from coordination.plumbing.forms import add_service_errors

from .. import selectors as mdt_selectors
from ..recommendations import selectors as recommendation_selectors
from ..recommendations.models import RecommendationStatus
from ..services import referrals_read
from . import selectors, services
from .forms import TargetsForm

QUEUE_LENGTH = 200


@login_required
def action_needed(request):
    """Most urgent first: the referrals longest past a target, then recommendations past
    their due date. Each row links to the page where it is done."""
    today = timezone.localdate()
    late = mdt_selectors.referrals_overdue(
        mdt_selectors.referral_list(user=request.user), today
    ).order_by("received_on", "id")
    referrals = list(late[:QUEUE_LENGTH])
    referrals_read(actor=request.user, referral_ids=[r.pk for r in referrals], many=True)
    recommendations = (
        recommendation_selectors.recommendation_list(user=request.user)
        .filter(status=RecommendationStatus.OPEN, due_on__lt=today)
        .order_by("due_on", "id")
    )
    context = {
        "referrals": [(referral, selectors.flags_for(referral, today)) for referral in referrals],
        "referral_count": late.count(),
        "recommendations": list(recommendations[:QUEUE_LENGTH]),
        "recommendation_count": recommendations.count(),
        "shown": QUEUE_LENGTH,
        "today": today,
    }
    return render(request, "mdt/timeliness/action_needed.html", context)


@login_required
def mdt_timeliness(request, pk):
    """Numbers only (no referral is shown), so the region's coordinators see it too;
    members change the targets here."""
    mdt = get_object_or_404(mdt_selectors.mdt_list(user=request.user), pk=pk)
    may_set = access_for(request.user).member_of(mdt.pk)
    initial = {
        "target_review_days": mdt.target_review_days,
        "target_engaged_days": mdt.target_engaged_days,
    }
    form = TargetsForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if not may_set:
            raise PermissionDenied("Only the MDT's members set its targets.")
        if form.is_valid():
            try:
                services.mdt_set_targets(actor=request.user, mdt=mdt, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "The targets are saved.")
                return redirect("mdt-timeliness", pk=pk)
        status = 400
    context = {
        "mdt": mdt,
        "months": selectors.timeliness_by_month(mdt=mdt),
        "form": form if may_set else None,
    }
    return render(request, "mdt/timeliness/mdt_timeliness.html", context, status=status)
