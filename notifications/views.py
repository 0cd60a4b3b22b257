"""Alert pages: the contact's live console, an alert with its history, raising an alert,
and the on-duty rota with "take over now"."""

import csv
import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from coordination.people.access import access_for
from coordination.plumbing.errors import Conflict, RateLimited
from coordination.plumbing.forms import add_service_errors

from . import insights, selectors, services
from .forms import AlertForm, InsightsForm, TakeOverForm
from .policies import selectors as policies
from .schedules import oncall
from .schedules.forms import SwapForm


@login_required
def alert_console(request):
    context = {
        "open_alerts": selectors.console_alerts_for(user=request.user),
        "recent_alerts": selectors.alert_list(user=request.user)[:20],
        "may_raise": selectors.raise_regions(user=request.user).exists(),
        "receives_alerts": selectors.may_receive_alerts(access_for(request.user)),
    }
    return render(request, "notifications/console.html", context)


@login_required
def alert_detail(request, pk):
    alert = get_object_or_404(selectors.alert_list(user=request.user), pk=pk)
    context = {
        "alert": alert,
        "history": alert.events.select_related("user"),
        "may_answer": services.may_answer(request.user, alert),
        "assignee": _assignee(alert),
        # The contact (a responder) or the coordinator sees that the alert concerns a
        # referral; only the referral's readers see which (its case code).
        "shows_referral": access_for(request.user).may_read_referral(alert.referral),
    }
    return render(request, "notifications/alert_detail.html", context)


@login_required
def alert_raise(request):
    regions = selectors.raise_regions(user=request.user)
    if not regions.exists():
        raise PermissionDenied("You may not raise alerts.")
    form = AlertForm(request.POST or None, regions=regions)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            alert = services.alert_raise(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
            status = 429 if isinstance(error, RateLimited) else 200
        else:
            messages.success(request, f"Alert raised and sent to {_assignee(alert)}.")
            return redirect("alert-detail-page", pk=alert.pk)
    return render(request, "notifications/alert_form.html", {"form": form}, status=status)


def _assignee(alert) -> str:
    # A group is said with a capital ("The state admins"); a username as it is written.
    if alert.assigned_to is None:
        return (alert.get_assigned_group_display().lower() or "the state admins").capitalize()
    return alert.assigned_to.get_username()


@require_POST
@login_required
def alert_answer(request, pk, transition):
    # Any alert the user sees: the service decides who may answer (the assignee or a state
    # admin), and refuses everyone else with 403.
    alert = get_object_or_404(selectors.alert_list(user=request.user), pk=pk)
    try:
        alert = services.alert_transition(actor=request.user, alert=alert, transition=transition)
    except Conflict as refused:
        messages.error(request, refused.detail)
    else:
        messages.success(request, f"Alert {alert.pk} {alert.get_status_display().lower()}.")
    if request.POST.get("back") == "detail":
        return redirect("alert-detail-page", pk=alert.pk)
    return redirect("alert-console")


@login_required
def rota(request):
    regions = selectors.rota_regions(user=request.user)
    if not regions.exists():
        raise PermissionDenied("The rota is for the state admins, coordinators and contacts.")
    access = access_for(request.user)
    now = timezone.now()
    schedules = oncall.plans_for([region.pk for region in regions], now)
    steps = policies.policies_for(regions)
    rows = []
    for duty in selectors.rota_for(regions, now):
        region_id = duty.region.pk
        coordinates = access.coordinates(region_id)
        may_take = coordinates or selectors.may_take_duty(request.user, region_id)
        form = None
        if may_take:
            form = TakeOverForm(
                prefix=f"region-{region_id}",
                candidates=selectors.duty_candidates(duty.region) if coordinates else None,
            )
        may_hand_back = duty.override is not None and (
            coordinates or duty.override.contact_id == request.user.pk
        )
        plans = sorted(schedules.get(region_id, []), key=lambda plan: -plan.rotation.layer)
        rows.append(
            {
                "duty": duty,
                "policy": steps[region_id],
                "form": form,
                "may_hand_back": may_hand_back,
                "may_schedule": coordinates,
                "schedule": [(plan.rotation, oncall.upcoming(plan, now, 4)) for plan in plans],
                "gaps": oncall.gaps(plans, now)[:5] if plans else [],
                "swap_form": SwapForm(
                    prefix=f"swap-{region_id}",
                    rotations=duty.region.rotations.all(),
                    candidates=selectors.duty_candidates(duty.region),
                )
                if plans and may_take
                else None,
            }
        )
    return render(request, "notifications/rota.html", {"rows": rows})


@require_POST
@login_required
def rota_take_over(request, region_id):
    region = get_object_or_404(selectors.rota_regions(user=request.user), pk=region_id)
    coordinates = access_for(request.user).coordinates(region.pk)
    form = TakeOverForm(
        request.POST,
        prefix=f"region-{region.pk}",
        candidates=selectors.duty_candidates(region) if coordinates else None,
    )
    if not form.is_valid():
        for field_errors in form.errors.values():
            messages.error(request, " ".join(field_errors))
        return redirect("rota")
    try:
        override = services.duty_take_over(
            actor=request.user,
            region=region,
            contact=form.cleaned_data.get("contact"),
            ends_at=form.cleaned_data["ends_at"],
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied as refused:
        messages.error(request, str(refused))
    else:
        messages.success(
            request, f"{override.contact.get_username()} is now on duty for {region.name}."
        )
    return redirect("rota")


@require_POST
@login_required
def rota_hand_back(request, region_id):
    region = get_object_or_404(selectors.rota_regions(user=request.user), pk=region_id)
    try:
        services.duty_hand_back(actor=request.user, region=region)
    except (Conflict, PermissionDenied) as refused:
        messages.error(request, getattr(refused, "detail", str(refused)))
    else:
        messages.success(request, f"Handed back: {region.name}'s rota is in force again.")
    return redirect("rota")


@login_required
def alert_insights(request):
    """MTTA, MTTR and the rest over a period, for state admins and coordinators; `?format=csv`
    gives the same figures as a spreadsheet."""
    if not access_for(request.user).coordinates_somewhere:
        raise PermissionDenied("Alert insights are for coordinators and state admins.")
    today = timezone.localdate()
    form = InsightsForm(request.GET or {"start": today - datetime.timedelta(days=29), "end": today})
    figures = None
    if form.is_valid():
        figures = insights.insights_for(user=request.user, **form.cleaned_data)
        if request.GET.get("format") == "csv":
            return _insights_csv(figures)
    return render(request, "notifications/insights.html", {"form": form, "figures": figures})


def _insights_csv(figures) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="lantern-alert-insights.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            "kind",
            "name",
            "alerts",
            "info",
            "urgent",
            "critical",
            "mtta_minutes",
            "mttr_minutes",
            "acknowledged_before_escalation_percent",
            "notifications",
            "uncovered_hours",
        ]
    )
    for kind, rows in (("region", figures.regions), ("responder", figures.responders)):
        for row in rows:
            writer.writerow(
                [
                    kind,
                    row.name,
                    row.alerts,
                    *row.by_severity.values(),
                    row.mtta,
                    row.mttr,
                    row.share_before_escalation,
                    row.notifications,
                    row.uncovered_hours,
                ]
            )
    return response
