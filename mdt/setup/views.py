"""MDT setup pages, for state admins: set up an MDT, edit it and name its chair, add and
remove members, retire it. Each page only translates; mdt.services decides."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from coordination.people.access import access_for
from coordination.plumbing.errors import Conflict
from coordination.plumbing.forms import add_service_errors, refusal_text

from .. import selectors, services
from .forms import MDTForm, MemberForm


def _require_setup(user) -> None:
    if not access_for(user).may_edit_reference_data:
        raise PermissionDenied("Only a state admin sets up MDTs.")


@login_required
def mdt_new(request):
    _require_setup(request.user)
    form = MDTForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            mdt = services.mdt_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{mdt.name} is set up. Add its members next.")
            return redirect("mdt-detail", pk=mdt.pk)
    return render(request, "mdt/setup/mdt_form.html", {"form": form, "mdt": None})


@login_required
def mdt_edit(request, pk):
    _require_setup(request.user)
    mdt = get_object_or_404(selectors.mdt_list(user=request.user), pk=pk)
    initial = {
        "name": mdt.name,
        "region": mdt.region,
        "parishes": list(mdt.parishes.all()),
        "chair": mdt.chair,
    }
    form = MDTForm(request.POST or None, initial=initial, mdt=mdt)
    if request.method == "POST" and form.is_valid():
        try:
            services.mdt_update(actor=request.user, mdt=mdt, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        except Conflict as refused:
            messages.error(request, refusal_text(refused))
        else:
            messages.success(request, f"{form.cleaned_data['name']} is saved.")
            return redirect("mdt-detail", pk=mdt.pk)
    return render(request, "mdt/setup/mdt_form.html", {"form": form, "mdt": mdt})


@require_POST
@login_required
def member_add(request, pk):
    _require_setup(request.user)
    mdt = get_object_or_404(selectors.mdt_list(user=request.user), pk=pk)
    form = MemberForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a person, an agency and a discipline.")
        return redirect("mdt-detail", pk=mdt.pk)
    try:
        membership = services.membership_add(actor=request.user, mdt=mdt, **form.cleaned_data)
    except (ValidationError, Conflict, PermissionDenied) as refused:
        messages.error(request, refusal_text(refused))
    else:
        messages.success(request, f"{membership.user.get_username()} is a member of {mdt.name}.")
    return redirect("mdt-detail", pk=mdt.pk)


@require_POST
@login_required
def member_remove(request, pk, membership):
    _require_setup(request.user)
    mdt = get_object_or_404(selectors.mdt_list(user=request.user), pk=pk)
    found = get_object_or_404(mdt.memberships.select_related("user", "mdt"), pk=membership)
    services.membership_remove(actor=request.user, membership=found)
    messages.success(request, f"{found.user.get_username()} has left {mdt.name}.")
    return redirect("mdt-detail", pk=mdt.pk)


@require_POST
@login_required
def mdt_retire(request, pk):
    _require_setup(request.user)
    mdt = get_object_or_404(selectors.mdt_list(user=request.user), pk=pk)
    try:
        services.mdt_retire(actor=request.user, mdt=mdt)
    except (Conflict, PermissionDenied) as refused:
        messages.error(request, refusal_text(refused))
    else:
        messages.success(request, f"{mdt.name} is retired.")
    return redirect("mdt-detail", pk=mdt.pk)
