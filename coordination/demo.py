"""Demo data for coordination: Louisiana's nine health regions over the 64 shipped
parishes, a directory of believable (fictional) agencies, and one demo user per role.
Idempotent: run it again and it only fills in what is missing. Writes through services."""

from __future__ import annotations

import datetime
import json
import random
import secrets
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from .cases import ADULT_AGE_BANDS, MINOR_AGE_BANDS
from .learning import instruments
from .learning import services as learning_services
from .learning.models import Summit, SurveyInstrument, SurveyItem, TrainingModule
from .people import services as people_services
from .people.access import SYSTEM
from .people.models import Agency, Parish, Region, Role, RoleAssignment
from .reporting import services as reporting_services
from .reporting.models import CaseStatusUpdate, ReportingCycle

DEMO_FILE = Path(__file__).resolve().parent / "data" / "demo_regions.json"
User = get_user_model()


def seed_directory() -> None:
    data = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
    for entry in data["regions"]:
        region = Region.objects.filter(slug=entry["slug"]).first() or people_services.region_create(
            actor=SYSTEM, name=entry["name"], slug=entry["slug"]
        )
        parishes = Parish.objects.filter(name__in=entry["parishes"])
        missing = set(entry["parishes"]) - {parish.name for parish in parishes}
        if missing:
            raise ValidationError(
                f"Parishes missing from the database ({', '.join(sorted(missing))}): "
                "run `python manage.py migrate` first."
            )
        for parish in parishes.filter(region__isnull=True):
            people_services.parish_update(actor=SYSTEM, parish=parish, data={"region": region})
    for entry in data["agencies"]:
        if Agency.objects.filter(name=entry["name"]).exists():
            continue
        people_services.agency_create(
            actor=SYSTEM,
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
        return people_services.user_create(
            actor=SYSTEM, username=username, password=password, email=f"{username}@lantern.example"
        )
    return people_services.user_update(
        actor=SYSTEM, user=user, data={"password": password, "is_active": True}
    )


def grant(user, role: str, **scope) -> None:
    if not RoleAssignment.objects.filter(user=user, role=role, **scope).exists():
        people_services.role_assignment_create(actor=SYSTEM, user=user, role=role, **scope)


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


# --- annual reporting ----------------------------------------------------------------------------
DEMO_YEARS = [(2023, "closed", 4), (2024, "closed", 5), (2025, "open", 3)]


def _demo_cases(rng, agency, count: int, year: int) -> list[dict]:
    parishes = list(Parish.objects.filter(region__in=agency.regions.all()).order_by("name"))
    kinds = ["sex"] * 80 + ["labor"] * 12 + ["sex_and_labor"] * 6 + ["unknown"] * 2
    bands = ["0-11", "12-14", "15-17", "15-17", "18-24", "25-34", "35+"]
    updates = [code for code, _ in CaseStatusUpdate.choices]
    # A provider's own style of code: its initials, the year, a number (few digits, so
    # that no code looks like a phone number to the privacy guard).
    initials = "".join(word[0] for word in agency.name.split() if word[0].isalpha())[:4].upper()
    return [
        {
            "case_code": f"{initials}-{year % 100:02d}-{number:03d}",
            "trafficking_type": rng.choice(kinds),
            "victim_status": "confirmed" if rng.random() < 0.7 else "prospective",
            "age_band": rng.choice(bands),
            "parish": rng.choice(parishes).name,
            "status_update": rng.choice(updates),
        }
        for number in range(1, count + 1)
    ]


def _provider_reporter(agency):
    """The demo reporter of a provider (only Crescent City's is printed)."""
    existing = User.objects.filter(
        role_assignments__role=Role.PROVIDER_REPORTER, role_assignments__agency=agency
    ).first()
    if existing:
        return existing
    username = f"demo-provider-{agency.pk}"
    user = people_services.user_create(
        actor=SYSTEM, username=username, password=new_password(username), email=""
    )
    grant(user, Role.PROVIDER_REPORTER, agency=agency)
    return user


def seed_reporting() -> None:
    """Three reporting years over the demo's service providers: two closed, one open in
    which the demo reporter's provider has not submitted yet."""
    admin = User.objects.get(username="demo-admin")
    providers = list(Agency.objects.filter(is_service_provider=True).order_by("name"))
    demo_agency = Agency.objects.get(name="Crescent City Children's Advocacy Center")
    rng = random.Random(2014)  # noqa: S311 — demo figures, the same every time
    for year, status, reporting in DEMO_YEARS:
        if ReportingCycle.objects.filter(year=year).exists():
            continue
        cycle = reporting_services.reporting_cycle_open(
            actor=admin, year=year, providers=providers, deadline=datetime.date(year + 1, 3, 31)
        )
        reporters = [
            agency for agency in providers if not (status == "open" and agency == demo_agency)
        ]
        for agency in reporters[:reporting]:
            rows = _demo_cases(rng, agency, rng.randint(20, 60), year)
            reporting_services.submission_submit(
                actor=_provider_reporter(agency),
                cycle=cycle,
                agency=agency,
                services_offered=["case_management", "safe_housing", "mental_health", "legal"],
                parishes_served=Parish.objects.filter(name__in={row["parish"] for row in rows}),
                children_served=sum(row["age_band"] in MINOR_AGE_BANDS for row in rows),
                adults_served=sum(row["age_band"] in ADULT_AGE_BANDS for row in rows),
                cases=rows,
            )
        if status == "closed":
            reporting_services.reporting_cycle_close(actor=admin, cycle=cycle)


# --- summits, surveys, training, practices ------------------------------------------------------
DATA = Path(__file__).resolve().parent / "data"
DEMO_PRACTICES = {
    "greater-new-orleans": [
        "community_action_model",
        "mdts",
        "rapid_response",
        "trauma_informed_practice",
        "john_schools",
    ],
    "capital-area": ["community_action_model", "mdts", "cross_discipline_training"],
}


def seed_learning() -> None:
    """The demo instrument and module, two surveyed summits in New Orleans (the second
    one stronger), a class of trainees with pre- and post-tests, and practices."""
    rng = random.Random(2017)  # noqa: S311 — demo figures, the same every time
    coordinator = User.objects.get(username="demo-coordinator")
    region = Region.objects.get(slug="greater-new-orleans")
    instrument = SurveyInstrument.objects.first() or learning_services.survey_instrument_load(
        actor=SYSTEM, data=instruments.read(DATA / "collaboration_survey_demo.yaml")
    )
    module = TrainingModule.objects.first() or learning_services.training_module_load(
        actor=SYSTEM, data=instruments.read(DATA / "training_module_demo.yaml")
    )
    for language in ("es", "vi"):  # draft translations, marked as not yet reviewed
        if not instrument.translations.filter(language=language).exists():
            learning_services.survey_translation_load(
                actor=SYSTEM,
                data=instruments.read(DATA / f"collaboration_survey_demo.{language}.yaml"),
            )
        if not module.translations.filter(language=language).exists():
            learning_services.training_translation_load(
                actor=SYSTEM, data=instruments.read(DATA / f"training_module_demo.{language}.yaml")
            )
    if not Summit.objects.filter(
        region=region, place="Ernest N. Morial Convention Center"
    ).exists():
        for held_on, lift in ((datetime.date(2025, 3, 14), 0.0), (datetime.date(2026, 3, 13), 0.6)):
            summit = learning_services.summit_create(
                actor=coordinator,
                region=region,
                held_on=held_on,
                place="Ernest N. Morial Convention Center",
                organisers="Regional coordinator with the Crescent City advocacy center",
                attendance={
                    "child_welfare": 18,
                    "law_enforcement": 22,
                    "health_care": 9,
                    "advocacy": 12,
                    "education": 7,
                },
            )
            link = learning_services.survey_link_open(
                actor=coordinator, summit=summit, instrument=instrument
            )
            items = list(SurveyItem.objects.filter(factor__category__instrument=instrument))
            for number in range(14):
                answers = {}
                for item in items:
                    if rng.random() < 0.08:
                        continue  # a statement left blank
                    agree = min(5, max(1, round(rng.gauss(3.4 + lift, 0.9))))
                    answers[item.pk] = 6 - agree if item.reverse_scored else agree
                learning_services.survey_response_submit(
                    link=link, answers=answers, form_key=f"demo-{held_on}-{number}"
                )
    if not module.attempts.exists():
        disciplines = ["child_welfare", "law_enforcement", "health_care", "education", "advocacy"]
        questions = list(module.questions.prefetch_related("choices"))
        for number in range(16):
            code = f"DEMO-{number + 1:02d}"
            discipline = disciplines[number % len(disciplines)]
            before = rng.randint(1, 3)
            after = min(len(questions), before + rng.randint(0, 3))
            for kind, right in (("pre", before), ("post", after)):
                if kind == "post" and number >= 14:
                    continue  # two trainees have not finished yet
                answers = {
                    question.pk: next(
                        c for c in question.choices.all() if c.is_correct == (index < right)
                    ).pk
                    for index, question in enumerate(questions)
                }
                learning_services.training_attempt_submit(
                    module=module,
                    participant_code=code,
                    kind=kind,
                    discipline=discipline,
                    answers=answers,
                )
    admin = User.objects.get(username="demo-admin")
    for slug, codes in DEMO_PRACTICES.items():
        practice_region = Region.objects.get(slug=slug)
        if not practice_region.practices.exists():
            learning_services.practices_set(actor=admin, region=practice_region, in_use=codes)
