from django.urls import reverse

from coordination.people.access import access_for
from coordination.people.sessions import session_ends


def navigation(request) -> dict:
    """The navigation each user sees: only the work their roles give them. It lives in
    `config` because it links every app's pages."""
    user = getattr(request, "user", None)
    access = access_for(user)
    if not access.is_authenticated:
        return {"nav_items": []}
    items = [("Dashboard", reverse("dashboard"))]
    if access.is_state_admin or access.region_ids:
        items.append(("Regions", reverse("region-list")))
    if access.is_state_admin or access.coordinator_region_ids:
        items.append(("Initiatives", reverse("initiative-board")))
    if access.is_state_admin or access.mdt_ids or access.coordinator_region_ids:
        items.append(("MDTs", reverse("mdt-list")))
    if access.is_state_admin or access.mdt_ids:
        items.append(("Referrals", reverse("referral-list")))
    items.append(("Screen", reverse("screening-list")))
    if (
        access.is_state_admin
        or access.coordinator_region_ids
        or access.responder_region_ids
        or access.mdt_ids
    ):
        items.append(("Alerts", reverse("alert-console")))
    if access.is_state_admin or access.coordinator_region_ids or access.responder_region_ids:
        items.append(("Rota", reverse("rota")))
    if access.is_state_admin or access.region_ids:
        items.append(("Summits", reverse("summit-list")))
    if access.is_state_admin or access.coordinator_region_ids:
        items.append(("Training", reverse("training-list")))
    items.append(("Practices", reverse("practices")))
    if access.is_state_admin or access.reporter_agency_ids:
        items.append(("Annual reporting", reverse("reporting")))
    items.append(("Reports", reverse("report-list")))
    items.append(("Agencies", reverse("agency-list")))
    if access.may_use_admin_site:
        items.append(("Administration", reverse("admin:index")))
    ends = session_ends(request)
    return {"nav_items": items, "access": access, "session_ends": ends.isoformat() if ends else ""}
