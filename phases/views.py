"""Pages for coordinators: the initiatives board, an initiative with its gate checklist,
history and records, and the forms that change them. Writes go through services; their
errors come back as messages and form errors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from coordination.learning import selectors as learning_selectors
from coordination.learning import services as learning_services
from coordination.learning.forms import SummitForm
from coordination.people.access import access_for
from coordination.plumbing.errors import Conflict, TransitionBlocked

from . import selectors, services
from .forms import RECORD_FORMS, InitiativeForm, TransitionForm, scope_record_form
from .models import OPEN_PHASES, Phase


def _initiative(request, pk):
    return get_object_or_404(selectors.initiative_list(user=request.user), pk=pk)


def _may_open(user) -> bool:
    access = access_for(user)
    return access.coordinates_somewhere


def _form_errors(form, error: ValidationError) -> None:
    """Put a service's validation error on the form, by field where it names one."""
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages_)


@login_required
def initiative_board(request):
    initiatives = selectors.initiative_list(user=request.user)
    regions = {}
    for initiative in initiatives:
        regions.setdefault(initiative.region, []).append(initiative)
    context = {
        "regions": regions,
        "steps": [(number, phase) for number, phase in enumerate(OPEN_PHASES, start=1)],
        "may_open": _may_open(request.user),
    }
    return render(request, "phases/board.html", context)


@login_required
def initiative_create(request):
    if not _may_open(request.user):
        raise PermissionDenied("Only a regional coordinator or a state admin may open initiatives.")
    form = InitiativeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            initiative = services.initiative_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, "The initiative is open, in phase 1: identify the need.")
            return redirect("initiative-detail", pk=initiative.pk)
    return render(request, "phases/initiative_form.html", {"form": form, "initiative": None})


@login_required
def initiative_detail(request, pk):
    initiative = _initiative(request, pk)
    return render(request, "phases/initiative_detail.html", _detail(request, initiative))


def _detail(request, initiative) -> dict:
    return {
        "initiative": initiative,
        "steps": [(number, phase) for number, phase in enumerate(OPEN_PHASES, start=1)],
        "options": selectors.transition_options(initiative=initiative),
        "history": selectors.initiative_history(initiative=initiative),
        "data_requests": initiative.data_requests.select_related("agency"),
        "findings": initiative.findings.select_related("summit"),
        "action_items": initiative.action_items.select_related("owner_agency"),
        "outcome_measures": initiative.outcome_measures.all(),
        "summits": learning_selectors.summit_list(user=request.user).filter(
            region=initiative.region
        ),
        "may_change": access_for(request.user).coordinates(initiative.region_id)
        and initiative.is_open,
        "phase_labels": dict(Phase.choices),
    }


@login_required
def initiative_edit(request, pk):
    initiative = _initiative(request, pk)
    form = InitiativeForm(request.POST or None, instance=initiative, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_update(
                actor=request.user, initiative=initiative, data=form.cleaned_data
            )
        except ValidationError as error:
            _form_errors(form, error)
        except Conflict as conflict:
            messages.error(request, conflict.detail)
            return redirect("initiative-detail", pk=pk)
        else:
            messages.success(request, "Saved.")
            return redirect("initiative-detail", pk=pk)
    return render(request, "phases/initiative_form.html", {"form": form, "initiative": initiative})


@login_required
@require_POST
def initiative_transition(request, pk, transition):
    initiative = _initiative(request, pk)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "That request was incomplete; reload the page and try again.")
        return redirect("initiative-detail", pk=pk)
    try:
        initiative = services.initiative_transition(
            actor=request.user, initiative=initiative, transition=transition, **form.cleaned_data
        )
    except TransitionBlocked as blocked:
        refusal = f"{blocked.detail} Still needed: " + " ".join(blocked.unmet_gates)
    except Conflict as conflict:
        refusal = conflict.detail
    except ValidationError as error:
        refusal = " ".join(error.messages)
    else:
        messages.success(request, f"The initiative is now in “{initiative.get_phase_display()}”.")
        return redirect("initiative-detail", pk=pk)
    # Refused: the page again, the note as typed, the reason beside the button pressed.
    refused = {"transition": transition, "note": form.cleaned_data["note"], "why": refusal}
    context = {**_detail(request, initiative), "refused": refused}
    return render(request, "phases/initiative_detail.html", context, status=400)


def _record_kind(kind):
    if kind not in RECORD_FORMS:
        raise Http404("No such kind of record.")
    return RECORD_FORMS[kind]


@login_required
def record_form(request, pk, kind, record_pk=None):
    initiative = _initiative(request, pk)
    model, form_class, label = _record_kind(kind)
    record = get_object_or_404(model, pk=record_pk, initiative=initiative) if record_pk else None
    form = form_class(request.POST or None, instance=record)
    scope_record_form(form, user=request.user, initiative=initiative)
    if request.method == "POST" and form.is_valid():
        try:
            if record is None:
                services.record_create(
                    actor=request.user, model=model, initiative=initiative, data=form.cleaned_data
                )
            else:
                stored = model.objects.get(pk=record.pk)  # the form has changed `record`
                services.record_update(actor=request.user, record=stored, data=form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        except Conflict as conflict:
            messages.error(request, conflict.detail)
            return redirect("initiative-detail", pk=pk)
        else:
            messages.success(request, f"The {label} is saved.")
            return redirect("initiative-detail", pk=pk)
    context = {"form": form, "initiative": initiative, "label": label, "record": record}
    return render(request, "phases/record_form.html", context)


@login_required
def summit_create(request, pk):
    """Record a summit of the initiative's region (it serves every initiative there)."""
    initiative = _initiative(request, pk)
    form = SummitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            learning_services.summit_create(
                actor=request.user,
                region=initiative.region,
                held_on=form.cleaned_data["held_on"],
                place=form.cleaned_data["place"],
                organisers=form.cleaned_data["organisers"],
                attendance=form.attendance(),
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, "The summit is recorded for the whole region.")
            return redirect("initiative-detail", pk=pk)
    context = {"form": form, "initiative": initiative, "label": "summit", "record": None}
    return render(request, "phases/record_form.html", context)
