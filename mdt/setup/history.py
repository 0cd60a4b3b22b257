"""What state admins changed in a region's MDTs (set up, edited, members added or
removed, retired), read from the audit log, for the region's coordinators."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from coordination.models import AuditEntry, Region
from coordination.people.access import access_for

from ..models import MDT

SHOWN = 20
# The audit log is read this far back, at most this many MDT entries statewide.
LOOK_BACK = datetime.timedelta(days=365)
READ_AT_MOST = 2_000


def _words(detail: str, people: dict[int, str]) -> str:
    what, _, rest = detail.partition(": ")
    if what in {"member added", "member removed"} and rest.isdigit():
        verb = "added" if what == "member added" else "removed"
        return f"{verb} {people.get(int(rest), 'a person')} {'to' if verb == 'added' else 'from'}"
    if what == "edited":
        return f"edited ({rest.replace(',', ', ')})" if rest else "edited"
    return {"set up": "set up", "retired": "retired"}.get(what, what)


def setup_changes(*, region: Region) -> list[dict]:
    """The latest changes to the region's MDTs, newest first."""
    mdts = dict(MDT.objects.filter(region=region).values_list("pk", "name"))
    entries = (
        AuditEntry.objects.filter(object_type="mdt", at__gte=timezone.now() - LOOK_BACK)
        .select_related("user")
        .order_by("-at", "-id")[:READ_AT_MOST]
    )
    mine = [e for e in entries if e.object_ids and e.object_ids[0] in mdts][:SHOWN]
    ids = {
        int(e.detail.rpartition(": ")[2])
        for e in mine
        if e.detail.startswith("member") and e.detail.rpartition(": ")[2].isdigit()
    }
    people = dict(get_user_model().objects.filter(pk__in=ids).values_list("pk", "username"))
    return [
        {
            "at": entry.at,
            "by": entry.user.get_username(),
            "what": _words(entry.detail, people),
            "mdt": mdts[entry.object_ids[0]],
            "mdt_id": entry.object_ids[0],
        }
        for entry in mine
    ]


def region_panel(*, user, region: Region) -> dict | None:
    """Shown to the region's coordinators and to state admins."""
    access = access_for(user)
    if not (access.is_state_admin or access.coordinates(region.pk)):
        return None
    return {"changes": setup_changes(region=region)}
