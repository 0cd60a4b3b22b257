"""The public dashboard: the published years' figures for the legislature and the public,
no sign-in. Everything here is built from the suppressed report, exactly as the exports
are; a year appears once a state admin publishes it."""

import functools
import io

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control

from ..plumbing import spreadsheet
from ..plumbing.languages import speaks_visitors_language
from . import charts, exports, selectors
from .report import annual_report


def public_cache(view):
    """Public and cheap to serve: proxies may keep a page a few minutes, unless it was
    drawn for someone signed in (its header names them)."""
    shared = cache_control(public=True, max_age=300)(view)
    own = cache_control(private=True, max_age=0)(view)

    @functools.wraps(view)
    def cached(request, *args, **kwargs):
        signed_in = request.user.is_authenticated
        return (own if signed_in else shared)(request, *args, **kwargs)

    return cached


@public_cache
@speaks_visitors_language
def public_dashboard(request):
    cycles = list(selectors.published_cycles())
    latest = annual_report(cycles[0], public=True) if cycles else None
    context = {
        "cycles": cycles,
        "report": latest,
        "data": latest.as_dict() if latest else None,
        "charts": [charts.trend_chart(latest), charts.participation_chart(latest)]
        if latest
        else [],
    }
    return render(request, "coordination/reporting/public/dashboard.html", context)


def _published(year: int):
    cycle = selectors.published_cycles().filter(year=year).first()
    if cycle is None:
        raise Http404("No published report for this year.")
    return cycle


@public_cache
@speaks_visitors_language
def public_year(request, year: int):
    cycle = _published(year)
    report = annual_report(cycle, public=True)
    context = {
        "report": report,
        "data": report.as_dict(),
        "published": True,
        "charts": [charts.type_chart(report), charts.region_chart(report)],
    }
    return render(request, "coordination/reporting/public/year.html", context)


@public_cache
def public_year_csv(request, year: int):
    report = annual_report(_published(year), public=True)
    response = HttpResponse(exports.csv_bytes(report), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="lantern-report-{year}.csv"'
    return response


@public_cache
def public_participation_csv(request):
    """Every published year: providers asked and reported, and cases (suppressed)."""
    cycles = list(selectors.published_cycles())
    if not cycles:
        raise Http404("Nothing is published yet.")
    report = annual_report(cycles[0], public=True)
    out = io.StringIO()
    writer = spreadsheet.csv_writer(out)
    columns = ["year", "providers_asked", "providers_reported", "confirmed", "prospective", "total"]
    writer.writerow(columns)
    for entry in report.trend:
        writer.writerow([entry[column] for column in columns])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="lantern-participation.csv"'
    return response
