"""Schedule pages: a region's new rotation (its coordinator), and a shift swap (a contact
for their own shifts), both reached from the rota page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from coordination.people.access import access_for
from coordination.plumbing.forms import add_service_errors, refusal_text

from .. import selectors
from . import services
from .forms import RotationForm, SwapForm


@login_required
def rotation_new(request, region_id):
    region = get_object_or_404(selectors.rota_regions(user=request.user), pk=region_id)
    if not access_for(request.user).coordinates(region.pk):
        raise PermissionDenied("Only the region's coordinator or a state admin sets its schedule.")
    form = RotationForm(
        request.POST if request.method == "POST" else None,
        candidates=selectors.duty_candidates(region),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        members = list(data.pop("members"))
        try:
            services.rotation_create(actor=request.user, region=region, members=members, **data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Rotation “{data['name']}” added to {region.name}.")
            return redirect("rota")
    return render(
        request, "notifications/schedules/rotation_form.html", {"form": form, "region": region}
    )


@require_POST
@login_required
def shift_swap(request, region_id):
    region = get_object_or_404(selectors.rota_regions(user=request.user), pk=region_id)
    form = SwapForm(
        request.POST,
        prefix=f"swap-{region.pk}",
        rotations=region.rotations.all(),
        candidates=selectors.duty_candidates(region),
    )
    if not form.is_valid():
        for field_errors in form.errors.values():
            messages.error(request, " ".join(field_errors))
        return redirect("rota")
    try:
        swap = services.shift_swap(actor=request.user, **form.cleaned_data)
    except (ValidationError, PermissionDenied) as refused:
        messages.error(request, refusal_text(refused))
    else:
        messages.success(request, f"Recorded: {swap.covered_by.get_username()} covers your shift.")
    return redirect("rota")
