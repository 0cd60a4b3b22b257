"""Pages of the state's directory and each role's dashboard. Thin: selectors do the work."""

import base64
import secrets

import django_otp
import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from . import background, exports, selectors, services, tasks
from .access import access_for
from .errors import Conflict
from .forms import (
    CaseRowFormSet,
    RegionPracticesForm,
    ReportingCycleForm,
    SignInForm,
    SubmissionForm,
    SummitForm,
    SurveyForm,
    TrainingTestForm,
    TwoFactorCodeForm,
    add_service_errors,
)
from .models import Practice, ReportingCycle, SurveyInstrument
from .outcomes import training_outcomes
from .report import annual_report
from .scores import collaboration_scores, compare


@login_required
def dashboard(request):
    return render(
        request, "coordination/dashboard.html", selectors.dashboard_for(user=request.user)
    )


class SignInView(auth_views.LoginView):
    """Sign-in; with two-factor on, the session is also marked verified by the device."""

    authentication_form = SignInForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        if form.otp_device is not None:
            django_otp.login(self.request, form.otp_device)
        return response


def _qr_svg(text: str) -> str:
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return image.to_string(encoding="unicode")


@never_cache
@login_required
def two_factor(request):
    """Turn two-factor sign-in (an authenticator app) on or off: state admins."""
    if not access_for(request.user).is_state_admin:
        raise PermissionDenied("Two-factor sign-in is offered to state admins.")
    form = TwoFactorCodeForm(request.POST or None)
    action = request.POST.get("action")
    if action == "begin":
        try:
            services.two_factor_begin(user=request.user)
        except Conflict as refused:
            messages.error(request, str(refused))
        return redirect("two-factor")
    if action in {"confirm", "turn-off"} and form.is_valid():
        code = form.cleaned_data["code"]
        try:
            if action == "confirm":
                device = services.two_factor_confirm(user=request.user, code=code)
                django_otp.login(request, device)
                messages.success(request, "Two-factor sign-in is on. Keep your phone at hand.")
            else:
                services.two_factor_turn_off(user=request.user, code=code)
                messages.success(request, "Two-factor sign-in is off.")
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("two-factor")
    confirmed, pending = selectors.two_factor_for(user=request.user)
    context = {"form": form, "confirmed": confirmed, "pending": pending}
    if pending is not None:
        context["qr"] = _qr_svg(pending.config_url)
        context["secret"] = base64.b32encode(pending.bin_key).decode()
    return render(
        request, "coordination/two_factor.html", context, status=400 if form.errors else 200
    )


@never_cache
@login_required
def api_tokens(request):
    """The person's own API tokens (scripts, phone apps): when each was issued and when it
    ends, each with its revoke button, and "revoke all"."""
    tokens = selectors.api_token_list(user=request.user)
    return render(request, "coordination/api_tokens.html", {"tokens": tokens})


@require_POST
@login_required
def api_token_revoke(request, pk: int):
    token = get_object_or_404(selectors.api_token_list(user=request.user), pk=pk)
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, f"Token {token.prefix}… is revoked: it no longer works.")
    return redirect("api-tokens")


@require_POST
@login_required
def api_tokens_revoke_all(request):
    revoked = services.api_tokens_revoke_all(actor=request.user)
    messages.success(
        request, f"{revoked} token{'' if revoked == 1 else 's'} revoked: none of yours works now."
    )
    return redirect("api-tokens")


@login_required
def region_list(request):
    regions = selectors.region_overview(user=request.user)
    return render(request, "coordination/region_list.html", {"regions": regions})


@login_required
def region_detail(request, pk: int):
    region = get_object_or_404(selectors.region_list(user=request.user), pk=pk)
    context = {
        "region": region,
        "parishes": region.parishes.all(),
        "agencies": selectors.agency_list(user=request.user).filter(regions=region),
        "contacts": selectors.region_contacts(region=region),
    }
    return render(request, "coordination/region_detail.html", context)


@login_required
def agency_list(request):
    agencies = selectors.agency_list(user=request.user)
    return render(request, "coordination/agency_list.html", {"agencies": agencies})


@login_required
def agency_detail(request, pk: int):
    agency = get_object_or_404(selectors.agency_list(user=request.user), pk=pk)
    regions = selectors.region_list(user=request.user).filter(agencies=agency)
    return render(
        request, "coordination/agency_detail.html", {"agency": agency, "regions": regions}
    )


# --- annual reporting ----------------------------------------------------------------------------
@login_required
def report_list(request):
    cycles = ReportingCycle.objects.order_by("-year")
    return render(request, "coordination/report_list.html", {"cycles": cycles})


@login_required
def report_detail(request, year: int):
    cycle = selectors.report_cycle(user=request.user, year=year)
    if cycle is None:
        raise Http404("No reporting year on record.")
    is_admin = access_for(request.user).is_state_admin
    published = not is_admin or request.GET.get("published") == "1"
    report = annual_report(cycle, suppress=published)
    public = report if published else annual_report(cycle, suppress=True)
    context = {
        "report": report,
        "data": report.as_dict(),
        "is_admin": is_admin,
        "published": published,
        # Charts show the published figures, whoever looks.
        "charts": [
            ("Cases reported each year", exports.svg(exports.trend_chart(public))),
            (f"Cases by trafficking type, {year}", exports.svg(exports.type_chart(public))),
            (f"Cases by region, {year}", exports.svg(exports.region_chart(public))),
        ],
    }
    return render(request, "coordination/report_detail.html", context)


@login_required
def reporting(request):
    """Provider reporters: what is due. State admins: the years, and opening a new one."""
    access = access_for(request.user)
    if not (access.is_state_admin or access.reporter_agency_ids):
        raise PermissionDenied("Annual reporting is for provider reporters and state admins.")
    form = ReportingCycleForm(request.POST or None) if access.is_state_admin else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            cycle = services.reporting_cycle_open(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Reporting year {cycle.year} is open.")
            return redirect("reporting")
    context = {
        "due": selectors.due_for(user=request.user),
        "cycles": selectors.cycle_list(user=request.user) if access.is_state_admin else [],
        "form": form,
    }
    return render(request, "coordination/reporting.html", context)


@require_POST
@login_required
def reporting_close(request, pk: int):
    cycle = get_object_or_404(selectors.cycle_list(user=request.user), pk=pk)
    try:
        services.reporting_cycle_close(actor=request.user, cycle=cycle)
    except (Conflict, PermissionDenied) as refused:
        messages.error(request, getattr(refused, "detail", str(refused)))
    else:
        messages.success(request, f"Reporting year {cycle.year} is closed.")
    return redirect("reporting")


@login_required
def submission_form(request, cycle_pk: int, agency_pk: int):
    access = access_for(request.user)
    cycle = get_object_or_404(selectors.cycle_list(user=request.user), pk=cycle_pk)
    if access.is_state_admin and not access.reporter_agency_ids:
        # They see every year and provider, but the provider's own reporter submits.
        raise PermissionDenied("A provider's reporter submits its figures.")
    agency = get_object_or_404(
        cycle.providers.filter(pk__in=access.reporter_agency_ids), pk=agency_pk
    )
    submission = cycle.submissions.filter(agency=agency).first()
    current = selectors.current_version(submission) if submission else None
    initial = {}
    if current:
        initial = {
            "services_offered": current.services_offered,
            "parishes_served": list(current.parishes_served.all()),
            "children_served": current.children_served,
            "adults_served": current.adults_served,
        }
    try:
        rows = min(max(int(request.GET.get("rows", 5)), 1), 200)
    except ValueError:
        rows = 5  # a bad ?rows= is not worth an error page
    form = SubmissionForm(request.POST or None, request.FILES or None, initial=initial)
    row_forms = CaseRowFormSet(
        request.POST or None, prefix="cases", initial=[{}] * rows if not request.POST else None
    )
    busy = False
    if request.method == "POST" and form.is_valid() and row_forms.is_valid():
        typed = [row for row in (f.row() for f in row_forms) if row]
        data = form.cleaned_data
        upload = data["file"]
        try:
            if upload and typed:
                raise ValidationError(
                    {"file": ["Give the case rows as a file or typed, not both."]}
                )
            # Reading the file and checking its rows is the task worker's work.
            background.run_in_worker(
                tasks.submit_annual_report,
                actor=request.user.pk,
                cycle=cycle.pk,
                agency=agency.pk,
                services_offered=data["services_offered"],
                parishes_served=[parish.pk for parish in data["parishes_served"]],
                children_served=data["children_served"],
                adults_served=data["adults_served"],
                cases=None if upload else typed,
                file=(
                    {"name": upload.name, "content": background.as_text(upload.read())}
                    if upload
                    else None
                ),
                answer=False,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except (Conflict, PermissionDenied) as refused:
            messages.error(request, getattr(refused, "detail", str(refused)))
        except background.WorkerBusy as refused:
            busy = True
            messages.error(request, str(refused.detail))
        else:
            messages.success(request, f"Submitted {agency.name}'s report for {cycle.year}.")
            return redirect("submission-form", cycle_pk=cycle.pk, agency_pk=agency.pk)
    context = {
        "cycle": cycle,
        "agency": agency,
        "form": form,
        "row_forms": row_forms,
        "current": current,
        "versions": submission.versions.select_related("submitted_by") if submission else [],
        "more_rows": rows + 10,
    }
    response = render(request, "coordination/submission_form.html", context)
    if busy:
        response.status_code = 503
        response["Retry-After"] = str(background.RETRY_AFTER_SECONDS)
    return response


# --- summits and their collaboration surveys --------------------------------------------------
@login_required
def summit_list(request):
    access = access_for(request.user)
    context = {
        "summits": selectors.summit_list(user=request.user),
        "may_record": access.is_state_admin or bool(access.coordinator_region_ids),
    }
    return render(request, "coordination/summit_list.html", context)


@login_required
def summit_create(request):
    regions = selectors.region_list(user=request.user).filter(
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
    return render(request, "coordination/summit_form.html", {"form": form})


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
        "chart": exports.svg(exports.scores_chart(scores)) if scores["responses"] else None,
        "others": others,
        "comparison": compare(collaboration_scores(other), scores) if other else None,
        "other": other,
        "findings": selectors.summit_findings(user=request.user, summit=summit),
    }
    return render(request, "coordination/summit_detail.html", context)


def survey_take(request, token: str):
    """The anonymous survey: no sign-in, reaches its own survey and nothing else, keeps
    nothing about who answers."""
    link = selectors.open_survey(token=token)
    if link is None:
        raise Http404("This survey is closed or does not exist.")
    form = SurveyForm(
        request.POST or None,
        instrument=link.instrument,
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
                request, "coordination/survey_thanks.html", {"link": link, "note": refused.detail}
            )
        else:
            return render(request, "coordination/survey_thanks.html", {"link": link})
    return render(request, "coordination/survey_form.html", {"link": link, "form": form})


# --- training -----------------------------------------------------------------------------------
@login_required
def training_list(request):
    if not selectors.may_see_training_outcomes(user=request.user):
        raise PermissionDenied("Training outcomes are for coordinators and state admins.")
    return render(
        request,
        "coordination/training_list.html",
        {"modules": selectors.training_list(user=request.user)},
    )


@login_required
def training_detail(request, pk: int):
    module = get_object_or_404(selectors.training_list(user=request.user), pk=pk)
    context = {
        "module": module,
        "outcomes": training_outcomes(module),
        "take_url": request.build_absolute_uri(reverse("training-take", args=[module.token])),
    }
    return render(request, "coordination/training_detail.html", context)


def training_take(request, token: str):
    """A participant's pre- or post-test: no sign-in; a code of their own pairs the two."""
    module = selectors.open_training(token=token)
    if module is None:
        raise Http404("This training is closed or does not exist.")
    form = TrainingTestForm(request.POST or None, module=module)
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
                request, "coordination/training_result.html", {"module": module, "attempt": attempt}
            )
    return render(request, "coordination/training_take.html", {"module": module, "form": form})


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
    return render(request, "coordination/practices.html", context)
