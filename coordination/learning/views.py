"""Pages of summits and their surveys, training, and practices."""

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from ..people import selectors as people_selectors
from ..people.access import access_for
from ..plumbing.errors import Conflict
from ..plumbing.forms import add_service_errors
from ..plumbing.languages import speaks_visitors_language
from ..plumbing.translations import translated
from . import charts, selectors, services
from .forms import RegionPracticesForm, SummitForm, SurveyForm, TrainingTestForm
from .models import Practice, SurveyInstrument
from .survey_scores import collaboration_scores, compare
from .training_results import training_outcomes


# --- summits and their collaboration surveys --------------------------------------------------
@login_required
def summit_list(request):
    access = access_for(request.user)
    context = {
        "summits": selectors.summit_list(user=request.user),
        "may_record": access.coordinates_somewhere,
    }
    return render(request, "coordination/learning/summit_list.html", context)


@login_required
def summit_create(request):
    regions = people_selectors.region_list(user=request.user).filter(
        access_for(request.user).coordinated_q("pk")
    )
    if not regions.exists():
        raise PermissionDenied("Summits are recorded by the region's coordinator.")
    form = SummitForm(request.POST or None, regions=regions)
    if request.method == "POST" and form.is_valid():
        try:
            summit = services.summit_create(
                actor=request.user,
                region=form.cleaned_data["region"],
                held_on=form.cleaned_data["held_on"],
                place=form.cleaned_data["place"],
                organisers=form.cleaned_data["organisers"],
                attendance=form.attendance(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Summit recorded.")
            return redirect("summit-detail", pk=summit.pk)
    return render(request, "coordination/learning/summit_form.html", {"form": form})


@login_required
def summit_detail(request, pk: int):
    summit = get_object_or_404(selectors.summit_list(user=request.user), pk=pk)
    coordinates = access_for(request.user).coordinates(summit.region_id)
    if request.method == "POST" and coordinates:
        if request.POST.get("action") == "open-survey":
            instrument = SurveyInstrument.objects.order_by("-loaded_at").first()
            if instrument is None:
                messages.error(request, "No survey instrument is loaded yet.")
            else:
                services.survey_link_open(actor=request.user, summit=summit, instrument=instrument)
        elif request.POST.get("action") == "close-survey":
            for link in summit.survey_links.filter(is_open=True):
                services.survey_link_close(actor=request.user, link=link)
        return redirect("summit-detail", pk=pk)
    scores = collaboration_scores(summit)
    others = selectors.surveyed_summits(user=request.user).exclude(pk=pk)
    compare_id = request.GET.get("compare", "")
    # Anything but a plausible id compares with nothing (it used to reach the query: 500).
    valid_id = compare_id.isascii() and compare_id.isdigit() and len(compare_id) <= 18
    other = others.filter(pk=int(compare_id)).first() if valid_id else None
    link = selectors.summit_survey(summit=summit)
    context = {
        "summit": summit,
        "coordinates": coordinates,
        "link": link,
        "survey_url": request.build_absolute_uri(reverse("survey-take", args=[link.token]))
        if link and coordinates
        else None,
        "scores": scores,
        "chart": charts.scores_chart(scores) if scores["responses"] else None,
        "others": others,
        "comparison": compare(collaboration_scores(other), scores) if other else None,
        "other": other,
        "findings": selectors.summit_findings(user=request.user, summit=summit),
    }
    return render(request, "coordination/learning/summit_detail.html", context)


@speaks_visitors_language
def survey_take(request, token: str):
    """The anonymous survey: no sign-in, reaches its own survey and nothing else, keeps
    nothing about who answers. In English, Spanish or Vietnamese; the answers are the
    same codes in each."""
    link = selectors.open_survey(token=token)
    if link is None:
        raise Http404("This survey is closed or does not exist.")
    words = translated(link.instrument.translations)
    form = SurveyForm(
        request.POST or None,
        instrument=link.instrument,
        words=words,
        initial={"form_key": secrets.token_urlsafe(24)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_response_submit(
                link=link, answers=form.answers(), form_key=form.cleaned_data["form_key"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except Conflict as refused:
            return render(
                request,
                "coordination/learning/survey_thanks.html",
                {"link": link, "note": refused.detail},
            )
        else:
            return render(request, "coordination/learning/survey_thanks.html", {"link": link})
    context = {"link": link, "form": form, "words": words}
    return render(request, "coordination/learning/survey_form.html", context)


# --- training -----------------------------------------------------------------------------------
@login_required
def training_list(request):
    if not selectors.may_see_training_outcomes(user=request.user):
        raise PermissionDenied("Training outcomes are for coordinators and state admins.")
    return render(
        request,
        "coordination/learning/training_list.html",
        {"modules": selectors.training_list(user=request.user)},
    )


@login_required
def training_detail(request, pk: int):
    module = get_object_or_404(selectors.training_list(user=request.user), pk=pk)
    outcomes = training_outcomes(module)
    context = {
        "module": module,
        "outcomes": outcomes,
        "chart": charts.training_chart(outcomes) if outcomes["completed"] else None,
        "take_url": request.build_absolute_uri(reverse("training-take", args=[module.token])),
    }
    return render(request, "coordination/learning/training_detail.html", context)


@speaks_visitors_language
def training_take(request, token: str):
    """A participant's pre- or post-test: no sign-in; a code of their own pairs the two.
    In English, Spanish or Vietnamese; the score counts the same choices in each."""
    module = selectors.open_training(token=token)
    if module is None:
        raise Http404("This training is closed or does not exist.")
    words = translated(module.translations)
    form = TrainingTestForm(request.POST or None, module=module, words=words)
    if request.method == "POST" and form.is_valid():
        try:
            attempt = services.training_attempt_submit(
                module=module,
                participant_code=form.cleaned_data["participant_code"],
                kind=form.cleaned_data["kind"],
                discipline=form.cleaned_data["discipline"],
                answers=form.answers(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except Conflict as refused:
            form.add_error(None, refused.detail)
        else:
            return render(
                request,
                "coordination/learning/training_result.html",
                {"module": module, "attempt": attempt, "words": words},
            )
    return render(
        request,
        "coordination/learning/training_take.html",
        {"module": module, "form": form, "words": words},
    )


# --- practices ----------------------------------------------------------------------------------
@login_required
def practices(request):
    matrix = selectors.practice_matrix(user=request.user)
    editable = [row for row in matrix["regions"] if row["may_edit"]]
    for row in editable:
        row["form"] = RegionPracticesForm(
            prefix=f"region-{row['region'].pk}", initial={"practices": sorted(row["uses"])}
        )
    if request.method == "POST":
        row = next(
            (row for row in editable if str(row["region"].pk) == request.POST.get("region")), None
        )
        if row is None:
            raise PermissionDenied("Only the region's coordinator or a state admin.")
        form = RegionPracticesForm(request.POST, prefix=f"region-{row['region'].pk}")
        if form.is_valid():
            try:
                services.practices_set(
                    actor=request.user,
                    region=row["region"],
                    in_use=form.cleaned_data["practices"],
                    other=form.cleaned_data["other"],
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, f"Saved {row['region'].name}'s practices.")
                return redirect("practices")
        row["form"] = form
    context = {"matrix": matrix, "practices": Practice.choices[:-1], "editable": editable}
    return render(request, "coordination/learning/practices.html", context)
