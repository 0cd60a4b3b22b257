from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from coordination.people.access import access_for
from coordination.people.sessions import session_ends
from coordination.plumbing.languages import switcher


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
# English here, translated as the header is drawn (a page in Spanish or Vietnamese shows
# its header in the same language).
NAV_GROUPS = {
    "Referrals": gettext_noop("Cases and teams"),
    "MDTs": gettext_noop("Cases and teams"),
    "Screening tool": gettext_noop("Cases and teams"),
    "On-duty rota": gettext_noop("Cases and teams"),
    "Regions": gettext_noop("Community action"),
    "Initiatives": gettext_noop("Community action"),
    "Summits": gettext_noop("Community action"),
    "Training": gettext_noop("Community action"),
    "Practices": gettext_noop("Community action"),
    "Annual reporting": gettext_noop("Reporting"),
    "Reports": gettext_noop("Reporting"),
    "Agencies": gettext_noop("Reporting"),
}


def _links(access) -> list[tuple[str, str]]:
    """Each page a person's roles give them, in the header's order."""
    mdt_work = access.is_state_admin or access.mdt_ids
    coordinates = access.is_state_admin or access.coordinator_region_ids
    items = [(gettext_noop("Dashboard"), reverse("dashboard"))]
    if coordinates or access.responder_region_ids or access.mdt_ids:
        items.append((gettext_noop("Alerts"), reverse("alert-console")))
    if mdt_work:
        items.append((gettext_noop("Referrals"), reverse("referral-list")))
    if mdt_work or access.coordinator_region_ids:
        items.append((gettext_noop("MDTs"), reverse("mdt-list")))
    items.append((gettext_noop("Screening tool"), reverse("screening-list")))
    if coordinates or access.responder_region_ids:
        items.append((gettext_noop("On-duty rota"), reverse("rota")))
    if access.is_state_admin or access.region_ids:
        items.append((gettext_noop("Regions"), reverse("region-list")))
    if coordinates:
        items.append((gettext_noop("Initiatives"), reverse("initiative-board")))
    if access.is_state_admin or access.region_ids:
        items.append((gettext_noop("Summits"), reverse("summit-list")))
    if coordinates:
        items.append((gettext_noop("Training"), reverse("training-list")))
    items.append((gettext_noop("Practices"), reverse("practices")))
    if access.is_state_admin or access.reporter_agency_ids:
        items.append((gettext_noop("Annual reporting"), reverse("reporting")))
    items.append((gettext_noop("Reports"), reverse("report-list")))
    items.append((gettext_noop("Agencies"), reverse("agency-list")))
    if access.may_use_admin_site:
        items.append((gettext_noop("Administration"), reverse("admin:index")))
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
            entries.append({"label": _(label), "href": href})
        elif group not in shown:
            shown.add(group)
            pages = groups[group]
            if len(pages) == 1:
                entries.append({"label": _(pages[0][0]), "href": pages[0][1]})
            else:
                links = [(_(page), href) for page, href in pages]
                entries.append({"label": _(group), "links": links})
    return entries


def _iso(moment) -> str:
    return moment.isoformat() if moment else ""


def languages(request) -> dict:
    """The language switcher, on the pages that speak more than English."""
    return {"language_links": switcher(request)}
