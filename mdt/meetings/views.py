"""Pages of an MDT's meetings and a member's calendar feed."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from coordination.people.access import access_for
from coordination.plumbing.errors import Conflict
from coordination.plumbing.forms import add_service_errors, redirect_back

from .. import selectors
from ..forms import (
    AttendanceForm,
    MeetingForm,
    MinutesForm,
)
from ..models import CalendarFeed, MeetingStatus
from ..recommendations import selectors as recommendation_selectors
from ..recommendations.views import recommendation_form
from . import calendar, services


def calendar_feed(request, token: str):
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise Http404("No such calendar.")
    response = HttpResponse(calendar.meetings_feed(user=feed.user), content_type="text/calendar")
    response["Content-Disposition"] = 'inline; filename="lantern-meetings.ics"'
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_required
def meeting_detail(request, pk):
    meeting = get_object_or_404(selectors.meeting_list(user=request.user), pk=pk)
    inside = selectors.sees_inside(user=request.user, mdt_id=meeting.mdt_id)
    action = request.POST.get("action") if request.method == "POST" else None
    status = 200
    form = MinutesForm(
        request.POST if action == "minutes" else None, initial={"minutes": meeting.minutes}
    )
    if action and not inside:  # a coordinator sees the schedule; only members act on it
        raise PermissionDenied("Only the MDT's members act on its meetings.")
    try:
        if action == "minutes" and form.is_valid():
            services.meeting_record_minutes(
                actor=request.user, meeting=meeting, minutes=form.cleaned_data["minutes"]
            )
            messages.success(request, "The minutes are saved.")
            return redirect("meeting-detail", pk=pk)
        if action == "rsvp":
            services.meeting_rsvp(
                actor=request.user, meeting=meeting, answer=request.POST.get("answer", "")
            )
            messages.success(request, "Your answer is saved.")
            return redirect("meeting-detail", pk=pk)
        if action == "status":
            services.meeting_transition(
                actor=request.user, meeting=meeting, transition=request.POST.get("transition", "")
            )
            messages.success(request, "The meeting is updated.")
            return redirect("meeting-detail", pk=pk)
        if action == "attendance":
            attendance = AttendanceForm(
                request.POST, member_ids=selectors.member_ids(mdt_id=meeting.mdt_id)
            )
            if not attendance.is_valid():
                messages.error(request, " ".join(attendance.errors["present"]))
                status = 400
            else:
                services.meeting_record_attendance(
                    actor=request.user,
                    meeting=meeting,
                    present_user_ids=attendance.cleaned_data["present"],
                )
                messages.success(request, "Attendance is recorded.")
                return redirect("meeting-detail", pk=pk)
    except ValidationError as error:
        if action == "minutes":
            add_service_errors(form, error)
        else:
            messages.error(request, " ".join(error.messages))
    except (Conflict, PermissionDenied) as refused:
        messages.error(request, getattr(refused, "detail", str(refused)))
    context = {"meeting": meeting, "inside": inside, "form": form}
    if inside:
        context.update(_inside_context(request, meeting))
    return render(request, "mdt/meetings/meeting_detail.html", context, status=status)


def _inside_context(request, meeting) -> dict:
    """What members see: the agenda with the recommendations carried to it, attendance."""
    return {
        "agenda": meeting.agenda.all(),
        "carried": recommendation_selectors.carried_forward(meeting=meeting),
        "made": recommendation_selectors.made_at(meeting=meeting),
        "recommend_form": (
            recommendation_form(meeting) if meeting.status != MeetingStatus.CANCELLED else None
        ),
        "today": timezone.localdate(),
        "members": selectors.meeting_members(meeting=meeting),
        "is_member": meeting.mdt_id in access_for(request.user).mdt_ids,
    }


@login_required
def meeting_create(request, pk):
    mdt = get_object_or_404(selectors.mdt_list(user=request.user), pk=pk)
    if not selectors.sees_inside(user=request.user, mdt_id=mdt.pk):
        raise PermissionDenied("Only the MDT's members schedule its meetings.")
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meetings = services.meeting_schedule(
                actor=request.user,
                mdt=mdt,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                location=data["location"],
                rrule=data["repeat"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            count = len(meetings)
            messages.success(request, f"{count} meeting{'s' if count > 1 else ''} scheduled.")
            return redirect("mdt-detail", pk=pk)
    return render(
        request,
        "mdt/simple_form.html",
        {"form": form, "title": f"Schedule a meeting of {mdt.name}", "back": mdt},
    )


@login_required
@require_POST
def calendar_feed_renew(request):
    """Revoke the member's calendar URL and show the new one: back on the page it was
    asked from (`next`, a path of this site only: never an open redirect)."""
    services.calendar_feed_renew(actor=request.user)
    messages.success(request, "Your calendar feed has a new address; the old one no longer works.")
    return redirect_back(request, "mdt-list")
