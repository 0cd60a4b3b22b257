"""Pages of the state's directory and each role's dashboard. Thin: selectors do the work."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from . import exports, selectors, services
from .access import access_for
from .errors import Conflict
from .forms import CaseRowFormSet, ReportingCycleForm, SubmissionForm, add_service_errors
from .models import ReportingCycle, SubmissionSource
from .report import annual_report
from .submissions import read_case_file


@login_required
def dashboard(request):
    return render(
        request, "coordination/dashboard.html", selectors.dashboard_for(user=request.user)
    )


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
    rows = min(max(int(request.GET.get("rows", 5) or 5), 1), 200)
    form = SubmissionForm(request.POST or None, request.FILES or None, initial=initial)
    row_forms = CaseRowFormSet(
        request.POST or None, prefix="cases", initial=[{}] * rows if not request.POST else None
    )
    if request.method == "POST" and form.is_valid() and row_forms.is_valid():
        typed = [row for row in (f.row() for f in row_forms) if row]
        data = dict(form.cleaned_data)
        upload = data.pop("file")
        try:
            if upload and typed:
                raise ValidationError(
                    {"file": ["Give the case rows as a file or typed, not both."]}
                )
            cases = read_case_file(upload) if upload else typed
            services.submission_submit(
                actor=request.user,
                cycle=cycle,
                agency=agency,
                cases=cases,
                source=SubmissionSource.UPLOAD if upload else SubmissionSource.FORM,
                **data,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        except (Conflict, PermissionDenied) as refused:
            messages.error(request, getattr(refused, "detail", str(refused)))
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
    return render(request, "coordination/submission_form.html", context)
