"""Pages: record a recommendation at a meeting, and close one (done, or dropped with a
reason) from the meeting's agenda, the referral's page or the dashboard."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from coordination.plumbing.errors import Conflict
from coordination.plumbing.forms import add_service_errors, redirect_back, refusal_text

from .. import selectors as mdt_selectors
from . import selectors, services
from .forms import DropForm, RecommendationForm


def recommendation_form(meeting, data=None) -> RecommendationForm:
    return RecommendationForm(
        data, meeting=meeting, referral_ids=selectors.agenda_referral_ids(meeting=meeting)
    )


@login_required
def recommendation_add(request, pk):
    """The form on the meeting's page posts here; a refusal comes back on this page with
    the typed text kept and the refused span marked."""
    meeting = get_object_or_404(mdt_selectors.meeting_list(user=request.user), pk=pk)
    if not mdt_selectors.sees_inside(user=request.user, mdt_id=meeting.mdt_id):
        raise PermissionDenied("Only the MDT's members record its recommendations.")
    form = recommendation_form(meeting, request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                recommendation = services.recommendation_add(
                    actor=request.user, meeting=meeting, **form.cleaned_data
                )
            except ValidationError as error:
                add_service_errors(form, error)
            except Conflict as refused:
                messages.error(request, refusal_text(refused))
                return redirect("meeting-detail", pk=pk)
            else:
                messages.success(
                    request,
                    f"Recommendation recorded for {recommendation.referral.case_code}: "
                    f"{recommendation.get_kind_display()}, due "
                    f"{recommendation.due_on:%b} {recommendation.due_on.day}.",
                )
                return redirect("meeting-detail", pk=pk)
        status = 400
    return render(
        request,
        "mdt/recommendations/recommendation_form.html",
        {
            "form": form,
            "title": f"Record a recommendation at the meeting of {meeting.starts_at:%B} "
            f"{meeting.starts_at.day}",
            "back": meeting,
            "submit": "Record the recommendation",
        },
        status=status,
    )


@login_required
@require_POST
def recommendation_close(request, pk):
    recommendation = get_object_or_404(selectors.recommendation_list(user=request.user), pk=pk)
    outcome = request.POST.get("outcome", "")
    reason = ""
    if outcome == "dropped":
        drop = DropForm(request.POST)
        if not drop.is_valid():
            messages.error(request, "Say why the recommendation is dropped (a short reason).")
            return redirect_back(request, "dashboard")
        reason = drop.cleaned_data["reason"]
    try:
        services.recommendation_close(
            actor=request.user, recommendation=recommendation, outcome=outcome, reason=reason
        )
    except (ValidationError, Conflict, PermissionDenied) as refused:
        messages.error(request, refusal_text(refused))
    else:
        done = "done" if outcome == "done" else "dropped"
        messages.success(
            request,
            f"{recommendation.get_kind_display()} for {recommendation.referral.case_code} "
            f"is {done}: it leaves the agenda.",
        )
    return redirect_back(request, "dashboard")
