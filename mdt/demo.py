"""Demo MDTs: before the 2017–18 summits Louisiana had trafficking MDTs in New Orleans and
Shreveport; Baton Rouge followed. One demo MDT member sits on the New Orleans team."""

from __future__ import annotations

import datetime
import random
from pathlib import Path

from django.contrib.auth import get_user_model
from django.utils import timezone

from coordination.demo import demo_user, new_password
from coordination.models import Agency, Discipline, Region
from coordination.people.access import SYSTEM

from . import services
from .meetings import services as meetings_services
from .models import MDT, Meeting, Membership, Referral
from .recommendations import services as recommendation_services
from .screening import instrument as screening
from .screening import services as screening_services

User = get_user_model()

DEMO_MDTS = [
    ("Greater New Orleans Anti-Trafficking MDT", "greater-new-orleans", ["Orleans", "Jefferson"]),
    ("Shreveport-Bossier Anti-Trafficking MDT", "northwest", ["Caddo", "Bossier"]),
    ("Capital Area Anti-Trafficking MDT", "capital-area", ["East Baton Rouge"]),
]


def seed_mdts(password: str | None, referrals: int = 240) -> dict[str, tuple[str, str]]:
    for name, region_slug, parish_names in DEMO_MDTS:
        if MDT.objects.filter(name=name).exists():
            continue
        region = Region.objects.get(slug=region_slug)
        services.mdt_create(
            actor=SYSTEM,
            name=name,
            region=region,
            parishes=region.parishes.filter(name__in=parish_names),
        )
    team = MDT.objects.get(name=DEMO_MDTS[0][0])
    secret = password or new_password("demo-mdt")
    member = demo_user("demo-mdt", secret)
    admin = User.objects.get(username="demo-admin")
    if not Membership.objects.filter(mdt=team, user=member).exists():
        services.membership_add(
            actor=admin,
            mdt=team,
            user=member,
            agency=Agency.objects.get(name="Crescent City Children's Advocacy Center"),
            discipline=Discipline.ADVOCACY,
        )
    if team.chair_id is None:  # the demo MDT has its chair, as a working team would
        services.mdt_update(actor=admin, mdt=team, data={"chair": member})
    _seed_referrals(admin, referrals)
    _seed_meetings(admin)
    _seed_history(admin, member)
    _seed_screenings(member)
    return {"demo-mdt": (secret, f"MDT member, {team.name}")}


SCREENING_FILE = Path(__file__).resolve().parent / "data" / "screening_instrument_demo.yaml"


def _seed_screenings(screener) -> None:
    """The demo screening instrument and a season of screens (none referred: referring is
    the demo user's to try)."""
    instrument = screening_services.screening_instrument_current()
    if instrument is None:
        instrument = screening_services.screening_instrument_load(
            actor=SYSTEM, data=screening.read(SCREENING_FILE)
        )
    for language in ("es", "vi"):  # draft translations, marked as not yet reviewed
        if not instrument.translations.filter(language=language).exists():
            screening_services.screening_translation_load(
                actor=SYSTEM, data=screening.read(SCREENING_FILE.with_suffix(f".{language}.yaml"))
            )
    if instrument.screenings.exists():
        return
    rng = random.Random(8)  # noqa: S311 — demo figures, the same every time
    codes = list(instrument.sections.values_list("indicators__code", flat=True))
    parishes = list(MDT.objects.get(name=DEMO_MDTS[0][0]).parishes.all())
    disciplines = ["education", "health_care", "child_welfare", "law_enforcement"]
    for _ in range(40):
        answers = {
            code: rng.choices(["no", "yes", "unknown"], weights=[80, 12, 8])[0] for code in codes
        }
        answers["immediate-harm"] = "no"
        screening_services.screening_submit(
            actor=screener,
            instrument=instrument,
            discipline=rng.choice(disciplines),
            parish=rng.choice(parishes),
            age_band=rng.choice(["12-14", "15-17", "15-17", "18-24"]),
            answers=answers,
        )


NOTES = [
    "Disclosed to a school counselor; counselor contacted the CAC the same day.",
    "Referred by the national helpline; concerns about a 16-year-old.",
    "Hotel staff reported an adult with a minor late at night; law enforcement following up.",
    "Labor exploitation suspected at a seafood processing plant.",
    "Emergency department social worker referred after a medical visit.",
    "",
]


def _seed_referrals(admin, count: int = 240) -> None:
    """A few hundred coded referrals over three years, the same on every run."""
    if Referral.objects.exists():
        return
    rng = random.Random(2014)  # noqa: S311 — reproducible demo data, not a secret
    teams = list(MDT.objects.select_related("region"))
    today = timezone.localdate()
    for _ in range(count):
        team = rng.choice(teams)
        parishes = list(team.parishes.all()) or list(team.region.parishes.all())
        referral = services.referral_create(
            actor=admin,
            mdt=team,
            received_on=today - datetime.timedelta(days=rng.randint(0, 3 * 365)),
            age_band=rng.choice(["12-14", "15-17", "15-17", "18-24", "25-34", "0-11", "unknown"]),
            trafficking_type=rng.choices(["sex", "labor", "sex_and_labor"], weights=[84, 11, 5])[0],
            victim_status=rng.choice(["confirmed", "prospective"]),
            referral_source=rng.choice(
                ["education", "health_care", "law_enforcement", "child_welfare", "advocacy"]
            ),
            parish=rng.choice(parishes),
            needs=rng.sample(
                [
                    "safe_housing",
                    "medical",
                    "mental_health",
                    "legal",
                    "education",
                    "transportation",
                ],
                2,
            ),
            notes=rng.choice(NOTES),
        )
        for transition in ["review", "engage", "close"][: rng.randint(0, 3)]:
            services.referral_transition(actor=admin, referral=referral, transition=transition)


def _seed_meetings(admin) -> None:
    """Each demo MDT meets every other Tuesday at 9:00 for the coming months; the next
    meeting reviews the newest referrals that are still open."""
    if Meeting.objects.exists():
        return
    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    next_tuesday = today + datetime.timedelta(days=(1 - today.weekday()) % 7 or 7)
    for team in MDT.objects.all():
        start = datetime.datetime.combine(next_tuesday, datetime.time(9, 0), tzinfo=zone)
        meetings = meetings_services.meeting_schedule(
            actor=admin,
            mdt=team,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=1, minutes=30),
            location="Children's Advocacy Center, conference room",
            rrule="FREQ=WEEKLY;INTERVAL=2;COUNT=12",
        )
        newest = team.referrals.exclude(status="closed").order_by("-received_on")[:4]
        codes = [referral.case_code for referral in newest]
        meetings_services.meeting_set_agenda(actor=admin, meeting=meetings[0], case_codes=codes)


# The month each demo MDT first met (New Orleans and Shreveport long before the summits,
# the Capital Area after them): the region pages chart MDT growth from these meetings.
FIRST_MET = {0: 30, 1: 26, 2: 14}  # months ago, by DEMO_MDTS position


def _seed_history(admin, member) -> None:
    """Monthly meetings held since each MDT first met, and at the New Orleans team's last
    one, recommendations for the demo member: one past due, one due soon, one done."""
    if Meeting.objects.filter(status="held").exists():
        return
    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    last = {}
    for position, (name, _, _) in enumerate(DEMO_MDTS):
        team = MDT.objects.get(name=name)
        for months_ago in range(FIRST_MET[position], 0, -1):
            month = today.year * 12 + today.month - 1 - months_ago
            day = datetime.date(month // 12, month % 12 + 1, 8)
            start = datetime.datetime.combine(day, datetime.time(9, 0), tzinfo=zone)
            [meeting] = meetings_services.meeting_schedule(
                actor=admin, mdt=team, starts_at=start, ends_at=start + datetime.timedelta(hours=1)
            )
            meetings_services.meeting_transition(actor=admin, meeting=meeting, transition="hold")
            last[position] = meeting
    team = MDT.objects.get(name=DEMO_MDTS[0][0])
    open_referrals = list(team.referrals.exclude(status="closed").order_by("-received_on")[:3])
    meeting = last[0]
    meetings_services.meeting_set_agenda(
        actor=admin, meeting=meeting, case_codes=[r.case_code for r in open_referrals]
    )
    plans = [
        ("safety_planning", -3, "Update the safety plan with the shelter's curfew."),
        ("forensic_interview", 5, "Schedule the interview at the CAC."),
        ("housing", 10, "Confirm a bed at the youth shelter."),
    ]
    for referral, (kind, due_in, notes) in zip(open_referrals, plans, strict=False):
        made = recommendation_services.recommendation_add(
            actor=admin,
            meeting=meeting,
            referral=referral,
            kind=kind,
            owner=member,
            due_on=today + datetime.timedelta(days=due_in),
            notes=notes,
        )
        services.case_team_join(actor=member, referral=referral)
        if kind == "housing":
            recommendation_services.recommendation_close(
                actor=admin, recommendation=made, outcome="done"
            )
