"""Demo MDTs: before the 2017–18 summits Louisiana had trafficking MDTs in New Orleans and
Shreveport; Baton Rouge followed. One demo MDT member sits on the New Orleans team."""

from __future__ import annotations

from coordination.demo import demo_user, grant, new_password
from coordination.models import Region, Role

from . import services
from .models import MDT

DEMO_MDTS = [
    ("Greater New Orleans Anti-Trafficking MDT", "greater-new-orleans", ["Orleans", "Jefferson"]),
    ("Shreveport-Bossier Anti-Trafficking MDT", "northwest", ["Caddo", "Bossier"]),
    ("Capital Area Anti-Trafficking MDT", "capital-area", ["East Baton Rouge"]),
]


def seed_mdts(password: str | None) -> dict[str, tuple[str, str]]:
    for name, region_slug, parish_names in DEMO_MDTS:
        if MDT.objects.filter(name=name).exists():
            continue
        region = Region.objects.get(slug=region_slug)
        services.mdt_create(
            name=name, region=region, parishes=region.parishes.filter(name__in=parish_names)
        )
    team = MDT.objects.get(name=DEMO_MDTS[0][0])
    secret = password or new_password("demo-mdt")
    grant(demo_user("demo-mdt", secret), Role.MDT_MEMBER, mdt=team)
    return {"demo-mdt": (secret, f"MDT member, {team.name}")}
