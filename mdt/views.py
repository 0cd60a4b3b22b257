"""MDT pages: my MDTs, an MDT with its members and schedule, a meeting with its agenda and
minutes, referral intake, the referral list and a referral's page. The iCalendar feed is
reached by its private token alone (calendar apps cannot sign in)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods
from django_fsm import can_proceed

from coordination import privacy
from coordination.people.access import access_for
from coordination.plumbing import keyset
from coordination.plumbing.errors import Conflict, RateLimited
from coordination.plumbing.forms import add_service_errors
from coordination.privacy import browser_spans
from notifications import services as notifications_services
from notifications.forms import ReferralAlertForm

from . import selectors, services
from .forms import (
    ReferralEditForm,
    ReferralFilterForm,
    ReferralForm,
    ShareForm,
    StatusUpdateForm,
)
from .meetings import services as meetings_services
from .models import REFERRAL_TRANSITIONS
from .recommendations import selectors as recommendation_selectors
from .setup.forms import MemberForm
from .timeliness.selectors import flags_for


@login_required
def mdt_list(request):
    return render(request, "mdt/mdt_list.html", {"mdts": selectors.mdt_list(user=request.user)})


@login_required
def mdt_detail(request, pk):
    mdt = get_object_or_404(selectors.mdt_list(user=request.user), pk=pk)
    upcoming = selectors.meeting_list(user=request.user).filter(
        mdt=mdt, starts_at__gte=timezone.now()
    )[:12]
    inside = selectors.sees_inside(user=request.user, mdt_id=mdt.pk)
    feed_url = None
    if pk in access_for(request.user).mdt_ids:
        feed = meetings_services.calendar_feed_for(actor=request.user)
        feed_url = request.build_absolute_uri(reverse("calendar-feed", args=[feed.token]))
    may_set_up = access_for(request.user).may_edit_reference_data
    upcoming = list(upcoming)
    context = {
        "mdt": mdt,
        "upcoming": upcoming,
        # The first meeting still to be held: "next", above the rest of the series.
        "next_meeting": next((m for m in upcoming if m.status == "scheduled"), None),
        "inside": inside,
        "feed_url": feed_url,
        "may_set_up": may_set_up and mdt.retired_at is None,
        "member_form": MemberForm() if may_set_up else None,
        # Numbers only: a coordinator of the region sees these, never the rows.
        "recommendations": recommendation_selectors.counts_by_mdt(mdt_ids=[mdt.pk])[mdt.pk],
    }
    return render(request, "mdt/mdt_detail.html", context)


def _read(request, referral) -> None:
    """A page that shows one referral is a read of it: audited (ids only), like the
    referral's own page and the API."""
    services.referrals_read(actor=request.user, referral_ids=[referral.pk], many=False)


@login_required
def referral_edit(request, pk):
    referral = get_object_or_404(selectors.referral_list(user=request.user), pk=pk)
    form = ReferralEditForm(request.POST or None, instance=referral, user=request.user)
    if request.method == "POST" and form.is_valid():
        stored = selectors.referral_list(user=request.user).get(
            pk=pk
        )  # the form changed `referral`
        try:
            services.referral_update(actor=request.user, referral=stored, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except (Conflict, PermissionDenied) as refused:
            messages.error(request, getattr(refused, "detail", str(refused)))
            return redirect("referral-detail", pk=pk)
        else:
            messages.success(request, "Saved.")
            return redirect("referral-detail", pk=pk)
    _read(request, referral)  # the form shows the referral's coded fields and notes
    return render(
        request,
        "mdt/simple_form.html",
        {"form": form, "title": f"Edit referral {referral.case_code}"},
    )


@login_required
def referral_share(request, pk):
    referral = get_object_or_404(selectors.referral_list(user=request.user), pk=pk)
    form = ShareForm(request.POST or None, referral=referral)
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_share(
                actor=request.user,
                referral=referral,
                to_mdt=form.cleaned_data["mdt"],
                consent=form.cleaned_data["consent"] or None,
                transfer=form.cleaned_data["transfer"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except PermissionDenied as refused:
            messages.error(request, str(refused))
            return redirect("referral-detail", pk=pk)
        else:
            messages.success(request, f"Shared with {form.cleaned_data['mdt']}.")
            if (
                form.cleaned_data["transfer"]
                and not selectors.referral_list(user=request.user).filter(pk=pk).exists()
            ):
                return redirect("referral-list")
            return redirect("referral-detail", pk=pk)
    _read(request, referral)
    return render(
        request,
        "mdt/simple_form.html",
        {"form": form, "title": f"Share referral {referral.case_code}"},
    )


def _page_link(request, cursor: str | None) -> str | None:
    if cursor is None:
        return None
    query = request.GET.copy()
    query["cursor"] = cursor
    return "?" + query.urlencode()


@login_required
def referral_list(request):
    """Search, filter and sort the user's referrals; cursor pages of 50 (a page costs the
    same on the 400th page as on the first)."""
    filters = ReferralFilterForm(request.GET or None, user=request.user)
    referrals = selectors.referral_search(user=request.user, search=filters.search())
    sort = selectors.REFERRAL_SORTS[filters.ordering()]
    try:
        page = keyset.page(
            referrals.select_related("parish", "mdt"), sort, request.GET.get("cursor"), 50
        )
    except ValueError:
        messages.error(request, "That page link is out of date: here is the first page.")
        page = keyset.page(referrals.select_related("parish", "mdt"), sort, None, 50)
    services.referrals_read(actor=request.user, referral_ids=[r.pk for r in page.rows], many=True)
    today = timezone.localdate()
    context = {
        "rows": [(referral, flags_for(referral, today)) for referral in page.rows],
        "page": page,
        "filters": filters,
        # The filters stay open while any of them (beyond the case code) narrows the list.
        "narrowed": any(
            value for name, value in request.GET.items() if name not in {"case_code", "cursor"}
        ),
        "next_link": _page_link(request, page.next),
        "previous_link": _page_link(request, page.previous),
        "may_record": access_for(request.user).on_an_mdt,
    }
    return render(request, "mdt/referral_list.html", context)


@login_required
def referral_create(request):
    form = ReferralForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        add_to_agenda = data.pop("add_to_next_meeting")
        try:
            referral = services.referral_create(actor=request.user, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            meeting = (
                meetings_services.referral_add_to_next_meeting(
                    actor=request.user, referral=referral
                )
                if add_to_agenda
                else None
            )
            note = f"Referral {referral.case_code} is recorded."
            if meeting:
                local = timezone.localtime(meeting.starts_at)
                note += f" It is on the agenda of the meeting on {local:%B %-d, %Y at %-I:%M %p}."
            messages.success(request, note)
            return redirect("referral-detail", pk=referral.pk)
    return render(request, "mdt/referral_form.html", {"form": form})


@login_required
def referral_detail(request, pk):
    referral = get_object_or_404(selectors.referral_list(user=request.user), pk=pk)
    _read(request, referral)
    return render(request, "mdt/referral_detail.html", _detail_context(request, referral))


# A referral's transitions in the members' words: the button, and the label of its note.
TRANSITION_WORDS = {
    "review": {"button": "Take it up for review", "note": "Note on taking it up"},
    "engage": {"button": "Services have started", "note": "Note on the services"},
    "close": {"button": "Close the referral", "note": "Note on closing it"},
}


def _detail_context(request, referral, refused: dict | None = None) -> dict:
    """The referral's page; `refused`: a note the service refused, kept in its box
    ({"form": the transition, "text", "message", "spans" the guard found})."""
    return {
        "referral": referral,
        "updates": referral.updates.select_related("by"),
        "meetings": referral.meetings.order_by("starts_at"),
        "transitions": [
            (name, TRANSITION_WORDS[name])
            for name, method in REFERRAL_TRANSITIONS.items()
            if can_proceed(getattr(referral, method))
        ],
        "update_form": StatusUpdateForm(),
        # Members of an MDT it was only shared with may read it, not change it.
        "may_change": access_for(request.user).member_of(referral.mdt_id),
        "on_team": referral.case_team.filter(user=request.user).exists(),
        "refused": refused or {},
        "update_help": privacy.HELP,
        "flags": flags_for(referral),
        "recommendations": referral.recommendations.select_related("owner", "owner_agency"),
        "today": timezone.localdate(),
    }


@login_required
@require_http_methods(["GET", "POST"])
def referral_transition(request, pk, transition):
    referral = get_object_or_404(selectors.referral_list(user=request.user), pk=pk)
    if request.method == "GET":  # a refused note's page reloaded, or come back to after sign-in
        return redirect("referral-detail", pk=referral.pk)
    form = StatusUpdateForm(request.POST)
    note = request.POST.get("note", "")
    try:
        if transition in {"join", "leave"}:
            team_service = (
                services.case_team_join if transition == "join" else services.case_team_leave
            )
            team_service(actor=request.user, referral=referral)
        elif transition == "update":
            if not form.is_valid():
                messages.error(request, "Write the update first.")
                return redirect("referral-detail", pk=pk)
            services.status_update_add(actor=request.user, referral=referral, note=note)
        else:
            services.referral_transition(
                actor=request.user, referral=referral, transition=transition, note=note
            )
    except ValidationError as error:
        if transition in {"join", "leave"}:
            messages.error(request, " ".join(error.messages))
            return redirect("referral-detail", pk=pk)
        # The note is kept in its box, the refused words selected (never a redirect that
        # would lose what was typed).
        refused = {
            "form": transition,
            "text": note,
            "message": " ".join(error.messages),
            "spans": browser_spans(note, getattr(error, "findings", {}).get("note", [])),
        }
        context = _detail_context(request, referral, refused)
        return render(request, "mdt/referral_detail.html", context, status=400)
    except Conflict as conflict:
        messages.error(request, conflict.detail)
    else:
        messages.success(request, "Saved.")
    return redirect("referral-detail", pk=pk)


@login_required
def referral_alert(request, pk):
    """Raise a rapid-response alert about a referral: it goes to the on-duty contact of
    the referral's region, and carries the referral (its case code, never an identity)."""
    referral = get_object_or_404(
        selectors.referral_list(user=request.user).select_related("mdt__region"), pk=pk
    )
    if not notifications_services.may_raise(request.user, referral.mdt.region_id):
        raise PermissionDenied("Only the region's coordinator, MDT members or state admins.")
    form = ReferralAlertForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            alert = notifications_services.alert_raise(
                actor=request.user,
                region=referral.mdt.region,
                referral=referral,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            status = 429 if isinstance(error, RateLimited) else 200
        else:
            messages.success(request, "Alert raised: the region's on-duty contact has it now.")
            return redirect("alert-detail-page", pk=alert.pk)
    _read(request, referral)
    context = {
        "form": form,
        "title": f"Raise an alert about referral {referral.case_code}",
        "back_url": reverse("referral-detail", args=[referral.pk]),
        "back_label": f"Referral {referral.case_code}",
    }
    return render(request, "notifications/alert_form.html", context, status=status)
