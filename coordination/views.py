"""Pages of the state's directory and each role's dashboard. Thin: selectors do the work."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from . import selectors


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
