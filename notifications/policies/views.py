"""The escalation policy page of a region, reached from the rota: its contacts read it, its
coordinator or a state admin edits it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render

from coordination.people.access import access_for

from .. import selectors as rota
from . import selectors, services
from .forms import StepFormSet, steps_from


def _rows(steps) -> list[dict]:
    """The form's rows: the policy's steps, then blank rows to add more."""
    rows = [
        {
            "notify": step.notify,
            "person": step.person,
            "wait_minutes": step.wait_minutes,
            "repeats": step.repeats,
        }
        for step in steps
    ]
    blanks = max(0, min(2, services.STEPS_MAX - len(rows)))
    return rows + [{"notify": "", "repeats": 0}] * blanks


@login_required
def escalation_policy(request, region_id):
    region = get_object_or_404(rota.rota_regions(user=request.user), pk=region_id)
    may_edit = access_for(request.user).coordinates(region.pk)
    if request.method == "POST" and not may_edit:  # before the form is read
        raise PermissionDenied(
            "Only the region's coordinator or a state admin sets its escalation policy."
        )
    policy = selectors.policy_for(region)
    formset = None
    refusals: list[str] = []
    if may_edit:
        formset = StepFormSet(
            request.POST if request.method == "POST" else None,
            initial=_rows(policy),
            form_kwargs={"candidates": selectors.nameable(region.pk).order_by("username")},
            prefix="step",
        )
    if request.method == "POST":
        restore_default = "default" in request.POST
        if restore_default or formset.is_valid():
            try:
                services.escalation_policy_set(
                    actor=request.user,
                    region=region,
                    steps=[] if restore_default else steps_from(formset),
                )
            except ValidationError as error:
                refusals = error.messages
            else:
                messages.success(request, f"{region.name}'s escalation policy is saved.")
                return redirect("escalation-policy", region_id=region.pk)
    context = {
        "region": region,
        "policy": policy,
        "default": selectors.is_default(region),
        "formset": formset,
        "refusals": refusals,
    }
    return render(request, "notifications/policies/escalation_policy.html", context)
