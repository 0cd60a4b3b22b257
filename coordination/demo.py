"""Demo data for coordination: Louisiana's nine health regions over the 64 shipped
parishes, a directory of believable (fictional) agencies, and one demo user per role.
Idempotent: run it again and it only fills in what is missing. Writes through services."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from . import services
from .models import Agency, Parish, Region, Role, RoleAssignment

DEMO_FILE = Path(__file__).resolve().parent / "data" / "demo_regions.json"
User = get_user_model()


def seed_directory() -> None:
    data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    for entry in data["regions"]:
        region = Region.objects.filter(slug=entry["slug"]).first() or services.region_create(
            name=entry["name"], slug=entry["slug"]
        )
        parishes = Parish.objects.filter(name__in=entry["parishes"])
        missing = set(entry["parishes"]) - {parish.name for parish in parishes}
        if missing:
            raise ValidationError(
                f"Parishes missing from the database ({', '.join(sorted(missing))}): "
                "run `python manage.py migrate` first."
            )
        for parish in parishes.filter(region__isnull=True):
            services.parish_update(parish=parish, data={"region": region})
    for entry in data["agencies"]:
        if Agency.objects.filter(name=entry["name"]).exists():
            continue
        services.agency_create(
            name=entry["name"],
            kind=entry["kind"],
            regions=Region.objects.filter(slug__in=entry["regions"]),
            is_service_provider=entry.get("is_service_provider", False),
            receives_federal_victim_funds=entry.get("receives_federal_victim_funds", False),
        )


def demo_user(username: str, password: str):
    """Create the demo user, or reset its password so the printed one works."""
    user = User.objects.filter(username=username).first()
    if user is None:
        return services.user_create(username=username, password=password, email="")
    return services.user_update(user=user, data={"password": password, "is_active": True})


def grant(user, role: str, **scope) -> None:
    if not RoleAssignment.objects.filter(user=user, role=role, **scope).exists():
        services.role_assignment_create(user=user, role=role, **scope)


def new_password(username: str) -> str:
    """A random password that passes the password validators for this username."""
    while True:
        candidate = secrets.token_urlsafe(12)
        try:
            validate_password(candidate, user=User(username=username))
        except ValidationError:
            continue
        return candidate


def seed_people(password: str | None) -> dict[str, tuple[str, str]]:
    """Demo users for the roles scoped below the MDT layer. Returns {username: (password, what)}."""
    new_orleans = Region.objects.get(slug="greater-new-orleans")
    advocacy = Agency.objects.get(name="Crescent City Children's Advocacy Center")
    people = {
        "demo-admin": (Role.STATE_ADMIN, {}, "state admin"),
        "demo-coordinator": (
            Role.COORDINATOR,
            {"region": new_orleans},
            f"regional coordinator, {new_orleans.name}",
        ),
        "demo-responder": (
            Role.RESPONDER,
            {"region": new_orleans, "duty": "primary"},
            f"primary rapid-response contact, {new_orleans.name}",
        ),
        "demo-backup": (
            Role.RESPONDER,
            {"region": new_orleans, "duty": "backup"},
            f"backup rapid-response contact, {new_orleans.name}",
        ),
        "demo-reporter": (
            Role.PROVIDER_REPORTER,
            {"agency": advocacy},
            f"provider reporter, {advocacy.name}",
        ),
    }
    credentials = {}
    for username, (role, scope, what) in people.items():
        secret = password or new_password(username)
        grant(demo_user(username, secret), role, **scope)
        credentials[username] = (secret, what)
    return credentials
