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
    return {
        "nav_items": _grouped(_links(access)),
        "access": access,
        "session_ends": _iso(session_ends(request)),
    }


# The task each page serves, in the order the header shows them. A group a person has
# one page of shows as that page's link; Dashboard, Alerts and Administration stand alone.
NAV_GROUPS = {
    "Referrals": "Cases and teams",
    "MDTs": "Cases and teams",
    "Screening tool": "Cases and teams",
    "On-duty rota": "Cases and teams",
    "Regions": "Community action",
    "Initiatives": "Community action",
    "Summits": "Community action",
    "Training": "Community action",
    "Practices": "Community action",
    "Annual reporting": "Reporting",
    "Reports": "Reporting",
    "Agencies": "Reporting",
}


def _links(access) -> list[tuple[str, str]]:
    """Each page a person's roles give them, in the header's order."""
    mdt_work = access.is_state_admin or access.mdt_ids
    coordinates = access.is_state_admin or access.coordinator_region_ids
    items = [("Dashboard", reverse("dashboard"))]
    if coordinates or access.responder_region_ids or access.mdt_ids:
        items.append(("Alerts", reverse("alert-console")))
    if mdt_work:
        items.append(("Referrals", reverse("referral-list")))
    if mdt_work or access.coordinator_region_ids:
        items.append(("MDTs", reverse("mdt-list")))
    items.append(("Screening tool", reverse("screening-list")))
    if coordinates or access.responder_region_ids:
        items.append(("On-duty rota", reverse("rota")))
    if access.is_state_admin or access.region_ids:
        items.append(("Regions", reverse("region-list")))
    if coordinates:
        items.append(("Initiatives", reverse("initiative-board")))
    if access.is_state_admin or access.region_ids:
        items.append(("Summits", reverse("summit-list")))
    if coordinates:
        items.append(("Training", reverse("training-list")))
    items.append(("Practices", reverse("practices")))
    if access.is_state_admin or access.reporter_agency_ids:
        items.append(("Annual reporting", reverse("reporting")))
    items.append(("Reports", reverse("report-list")))
    items.append(("Agencies", reverse("agency-list")))
    if access.may_use_admin_site:
        items.append(("Administration", reverse("admin:index")))
    return items


def _grouped(links: list[tuple[str, str]]) -> list[dict]:
    """The header's entries: {"label", "href"} for a page, {"label", "links"} for a task's
    pages."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for label, href in links:
        if label in NAV_GROUPS:
            groups.setdefault(NAV_GROUPS[label], []).append((label, href))
    entries, shown = [], set()
    for label, href in links:
        group = NAV_GROUPS.get(label)
        if group is None:
            entries.append({"label": label, "href": href})
        elif group not in shown:
            shown.add(group)
            pages = groups[group]
            if len(pages) == 1:
                entries.append({"label": pages[0][0], "href": pages[0][1]})
            else:
                entries.append({"label": group, "links": pages})
    return entries


def _iso(moment) -> str:
    return moment.isoformat() if moment else ""
