"""The authorization matrix: every route of the URL configuration × every HTTP method it
serves × every persona, against the one readable table in `tests/authorization_matrix.md`.

- `test_every_route_and_method_has_a_row` / `test_every_row_is_a_route_and_method`: the
  table and the URLconf agree both ways (a new route without a row fails; so does a row
  for a route that is gone).
- `test_matrix`: one test per row × persona, named after them, sending the row's request
  as the persona and asserting the table's status.

All objects live in the "home" region and its MDT, built once for the module (inside one
transaction that is rolled back at the end); each test runs in its own savepoint, so a
write one persona makes never reaches the next test.
"""

from __future__ import annotations

import datetime
import functools
import inspect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.messages import api as messages_api
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import timezone
from rest_framework.test import APIClient

from coordination.learning import instruments
from coordination.learning import services as learning_services
from coordination.models import Role, RoleAssignment
from coordination.people import services as people_services
from coordination.reporting import services as reporting_services
from coordination.reporting.submissions import COLUMNS
from mdt import services as mdt_services
from mdt.meetings import services as meetings_services
from mdt.models import ScreeningIndicator
from mdt.recommendations import services as recommendation_services
from mdt.screening import instrument as scoring
from mdt.screening import services as screening_services
from notifications import services as notifications_services
from phases.models import Phase
from tests.coordination.factories import (
    AgencyFactory,
    ParishFactory,
    RegionFactory,
    RoleAssignmentFactory,
    UserFactory,
)
from tests.coordination.reporting import case_rows, open_year
from tests.mdt.factories import MDTFactory, ReferralFactory
from tests.phases.factories import (
    ActionItemFactory,
    DataRequestFactory,
    FindingFactory,
    InitiativeFactory,
    OutcomeMeasureFactory,
)

MATRIX = Path(__file__).with_name("authorization_matrix.md")
PERSONAS = (
    "anonymous",
    "no_role",
    "state_admin",
    "coordinator",
    "coordinator_away",
    "mdt_member",
    "mdt_member_away",
    "responder",
    "reporter",
)
API_PREFIX = "api/v1/"
ADMIN_ROW = "admin:*"
NOT_SERVED = {"options", "head"}  # answered by the framework for every route alike


# --- the URLconf ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Route:
    key: str  # `api:<name>` under /api/v1/, else the name; the pattern when unnamed
    pattern: str  # the full pattern, as written in the URLconf(s)
    methods: frozenset[str]


def _walk(patterns, prefix: str = "") -> Iterator[tuple[str, str, URLPattern | None]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                # Django's admin site: one wildcard row (it is not Lantern's code; its
                # gate is LanternAdminSite.has_permission, the same for every admin URL).
                yield ADMIN_ROW, prefix + str(entry.pattern), None
                continue
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern))
        else:
            pattern = prefix + str(entry.pattern)
            key = entry.name or pattern
            if pattern.startswith(API_PREFIX):
                key = f"api:{key}"
            yield key, pattern, entry


def _restricted_methods(view) -> set[str] | None:
    """The methods a `require_http_methods` decorator (at any depth) lets through."""
    while view is not None:
        for cell in getattr(view, "__closure__", None) or ():
            try:
                value = cell.cell_contents
            except ValueError:  # an empty cell
                continue
            if (
                isinstance(value, list | tuple)
                and value
                and all(isinstance(item, str) and item.isupper() for item in value)
            ):
                return set(value)
        view = getattr(view, "__wrapped__", None)
    return None


def served_methods(callback) -> set[str]:
    """The HTTP methods a view answers with something of its own (not OPTIONS/HEAD)."""
    actions = getattr(callback, "actions", None)
    view_class = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    if actions is not None:  # a DRF viewset route: its action map, as the router built it
        allowed = set(view_class.http_method_names)
        return {method.upper() for method in actions if method in allowed - NOT_SERVED}
    if view_class is not None:  # an APIView or a Django class-based view
        return {
            method.upper()
            for method in view_class.http_method_names
            if method not in NOT_SERVED and hasattr(view_class, method)
        }
    restricted = _restricted_methods(callback)
    if restricted is not None:
        return {method for method in restricted if method.lower() not in NOT_SERVED}
    # A plain function view: GET, and POST when it reads a form.
    source = inspect.getsource(inspect.unwrap(callback))
    handles_post = "request.POST" in source or 'request.method == "POST"' in source
    return {"GET", "POST"} if handles_post else {"GET"}


@functools.cache
def url_routes() -> dict[str, Route]:
    """Every route of the URLconf by key. Patterns sharing a key (DRF's `.json` format
    suffixes, the API root each router adds) must be one view; the first pattern is the
    one requested."""
    found: dict[str, Route] = {}
    views: dict[str, type | object] = {}
    for key, pattern, entry in _walk(get_resolver().url_patterns):
        if entry is None:
            found.setdefault(key, Route(key, pattern, frozenset({"GET"})))
            continue
        callback = entry.callback
        view = getattr(callback, "cls", None) or getattr(callback, "view_class", None) or callback
        methods = frozenset(served_methods(callback))
        if key in found:
            assert views[key] is view, f"{key}: two different views share this name"
            found[key] = Route(key, found[key].pattern, found[key].methods | methods)
        else:
            found[key], views[key] = Route(key, pattern, methods), view
    return found


# --- the table -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Row:
    key: str
    method: str
    expected: dict[str, int]
    refused: frozenset[str]  # pages: personas whose cell carries ! (an error message)
    marked: frozenset[str]  # personas whose cell carries † (a known deviation)


def read_matrix(path: Path = MATRIX) -> list[Row]:
    rows, header = [], None
    for line in path.read_text().splitlines():
        if not line.startswith("|"):
            header = None if not line.strip() else header
            continue
        cells = [cell.strip().strip("`") for cell in line.strip().strip("|").split("|")]
        if header is None:
            header = [cell.lower() for cell in cells]
            continue
        if set("".join(cells)) <= set("-: "):
            continue
        record = dict(zip(header, cells, strict=False))
        expected, refused, marked = {}, set(), set()
        for persona in PERSONAS:
            cell = re.fullmatch(r"(\d{3})(!?)\s*(†?)", record[persona])
            assert cell, f"{record['route']} {record['method']} {persona}: {record[persona]!r}"
            expected[persona] = int(cell[1])
            if cell[2]:
                refused.add(persona)
            if cell[3]:
                marked.add(persona)
        rows.append(
            Row(
                record["route"],
                record["method"].upper(),
                expected,
                frozenset(refused),
                frozenset(marked),
            )
        )
    return rows


ROWS = read_matrix()


# --- the world: every object in the home region, its MDT and its agency --------------------
SUMMARY = "Youth reported at a truck stop; law enforcement on the way."
SURVEY = {
    "name": "Authorization matrix survey",
    "source": "Made up for the test.",
    "categories": [
        {"name": "Communication", "factors": [{"name": "Talk", "items": [{"text": "We talk."}]}]}
    ],
}
QUESTIONS = [{"text": "Q1", "choices": [{"text": "yes", "correct": True}, {"text": "no"}]}]


def _in_days(days: int, hour: int) -> datetime.datetime:
    """A local time `days` from today (meetings are scheduled ahead, whatever the date)."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def build_world() -> SimpleNamespace:
    w = SimpleNamespace()
    w.home = RegionFactory(name="Home Region", slug="home")
    w.away = RegionFactory(name="Away Region", slug="away")
    w.home_parish = ParishFactory(name="Home Parish", region=w.home)
    w.away_parish = ParishFactory(name="Away Parish", region=w.away)
    w.home_agency = AgencyFactory(
        name="Home Advocacy Center", regions=[w.home], is_service_provider=True
    )
    w.away_agency = AgencyFactory(name="Away Safe House", kind="safe_house", regions=[w.away])
    w.mdt = MDTFactory(name="Home MDT", region=w.home)
    w.mdt.parishes.set([w.home_parish])
    w.away_mdt = MDTFactory(name="Away MDT", region=w.away)
    w.away_mdt.parishes.set([w.away_parish])

    def person(name, role=None, **scope):
        user = UserFactory(username=name)
        if role:
            RoleAssignmentFactory(user=user, role=role, **scope)
        return user

    w.users = {
        "anonymous": None,
        "no_role": person("no_role"),
        "state_admin": person("state_admin", Role.STATE_ADMIN),
        "coordinator": person("coordinator", Role.COORDINATOR, region=w.home),
        "coordinator_away": person("coordinator_away", Role.COORDINATOR, region=w.away),
        "mdt_member": person("mdt_member", Role.MDT_MEMBER, mdt=w.mdt),
        "mdt_member_away": person("mdt_member_away", Role.MDT_MEMBER, mdt=w.away_mdt),
        # The home region's backup contact, on duty now by "take over now" (below), so
        # that the hand-back and the alert below are theirs.
        "responder": person("responder", Role.RESPONDER, region=w.home, duty="backup"),
        "reporter": person("reporter", Role.PROVIDER_REPORTER, agency=w.home_agency),
    }
    users = w.users
    w.primary = person("primary_contact", Role.RESPONDER, region=w.home, duty="primary")
    w.coordinator_role = RoleAssignment.objects.get(user=users["coordinator"])

    # Directory and annual reporting (the reporter's agency is asked in 2024 and reported).
    w.cycle = open_year(users["state_admin"], 2024, [w.home_agency])
    rows = case_rows(
        [(3, "sex", "confirmed", True), (3, "labor", "prospective", False)], w.home_parish
    )
    w.submission_body = {
        "services_offered": ["case_management"],
        "parishes_served": [w.home_parish.pk],
        "children_served": 3,
        "adults_served": 3,
        "cases": rows,
    }
    version = reporting_services.submission_submit(
        actor=users["reporter"],
        cycle=w.cycle,
        agency=w.home_agency,
        **{**w.submission_body, "parishes_served": [w.home_parish]},
    )
    w.submission = version.submission
    w.audit_entry = people_services.audit_record(
        user=users["state_admin"], action="read", object_type="referral", object_ids=[1]
    )

    # Summits, survey, training.
    w.summit = learning_services.summit_create(
        actor=users["coordinator"],
        region=w.home,
        held_on=datetime.date(2017, 10, 5),
        place="Civic Center",
        organisers="",
        attendance={"law_enforcement": 12},
    )
    survey = instruments.load_survey_instrument(SURVEY)
    w.survey_link = learning_services.survey_link_open(
        actor=users["coordinator"], summit=w.summit, instrument=survey
    )
    w.training = learning_services.training_module_create(
        actor=users["state_admin"], title="Basics", questions=QUESTIONS
    )

    # An initiative in phase 2 with its gate met (a problem definition), one record a kind.
    w.initiative = InitiativeFactory(
        region=w.home,
        phase=Phase.DEFINITION,
        need_statement="We do not know how many young people are trafficked here.",
        victim_categories=["confirmed", "prospective"],
    )
    w.initiative.partner_agencies.add(w.home_agency)
    w.initiative.parishes.add(w.home_parish)
    w.data_request = DataRequestFactory(initiative=w.initiative, agency=w.home_agency)
    w.finding = FindingFactory(initiative=w.initiative)
    w.action_item = ActionItemFactory(initiative=w.initiative, owner_agency=w.home_agency)
    w.outcome_measure = OutcomeMeasureFactory(initiative=w.initiative)

    # The home MDT: a meeting, a referral with a status update, the member's calendar.
    w.meeting = meetings_services.meeting_schedule(
        actor=users["mdt_member"],
        mdt=w.mdt,
        starts_at=_in_days(30, 9),
        ends_at=_in_days(30, 10),
        location="CAC conference room",
    )[0]
    w.referral = ReferralFactory(mdt=w.mdt, parish=w.home_parish, created_by=users["mdt_member"])
    mdt_services.status_update_add(
        actor=users["mdt_member"], referral=w.referral, note="Met with the family advocate."
    )
    w.calendar = meetings_services.calendar_feed_for(actor=users["mdt_member"])
    meetings_services.meeting_set_agenda(
        actor=users["mdt_member"], meeting=w.meeting, case_codes=[w.referral.case_code]
    )
    w.recommendation = recommendation_services.recommendation_add(
        actor=users["mdt_member"],
        meeting=w.meeting,
        referral=w.referral,
        kind="safety_planning",
        owner_discipline="advocacy",
        due_on=timezone.localdate() + datetime.timedelta(days=14),
    )

    # Screening: the demo instrument; the home MDT member screened someone as "possible".
    demo = settings.BASE_DIR / "mdt" / "data" / "screening_instrument_demo.yaml"
    w.instrument = scoring.load_instrument(instruments.read(demo))
    codes = ScreeningIndicator.objects.filter(section__instrument=w.instrument).values_list(
        "code", flat=True
    )
    w.answers = dict.fromkeys(codes, "no")
    w.screening = screening_services.screening_submit(
        actor=users["mdt_member"],
        instrument=w.instrument,
        discipline="education",
        parish=w.home_parish,
        age_band="12-14",
        answers={**w.answers, "documents-held": "yes"},
    )
    assert w.screening.band == "possible"

    # Alerts: the responder took over from the primary; the coordinator's alert is theirs.
    notifications_services.duty_take_over(actor=users["responder"], region=w.home)
    w.alert = notifications_services.alert_raise(
        actor=users["coordinator"], region=w.home, severity="urgent", summary=SUMMARY
    )
    assert w.alert.assigned_to == users["responder"]

    # Credentials: an API token and a signed-in session per persona.
    # One client of each kind for the whole module (each new client loads the middleware
    # again, and ServeStatic's scans every static file when it loads).
    w.api_client, w.page_client = APIClient(), Client()
    w.tokens, w.token_ids, w.sessions = {}, {}, {}
    for persona, user in users.items():
        if user is None:
            continue
        token = people_services.api_token_issue(actor=user)
        w.tokens[persona], w.token_ids[persona] = token.key, token.pk
        w.page_client.cookies.clear()
        w.page_client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        w.sessions[persona] = w.page_client.cookies[settings.SESSION_COOKIE_NAME].value
    return w


@pytest.fixture(scope="module")
def matrix_world(django_db_setup, django_db_blocker):
    """Built once for the module, inside a transaction rolled back when the module ends."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            built = build_world()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    yield built
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)


# --- the request of each row ---------------------------------------------------------------
def _meeting_times(days: int) -> dict:
    return {"starts_at": _in_days(days, 9).isoformat(), "ends_at": _in_days(days, 10).isoformat()}


def _referral_body(w) -> dict:
    return {
        "mdt": w.mdt.pk,
        "received_on": timezone.localdate().isoformat(),
        "age_band": "15-17",
        "trafficking_type": "sex",
        "victim_status": "prospective",
        "referral_source": "education",
        "parish": w.home_parish.pk,
    }


def responders_device(w):
    """The responder's phone, subscribed for push (made when a row names it)."""
    from notifications.models import PushSubscription

    device, _ = PushSubscription.objects.get_or_create(
        endpoint="https://fcm.googleapis.com/fcm/send/matrix",
        defaults={"user": w.users["responder"], "p256dh": "x" * 87, "auth": "y" * 22},
    )
    return device


def homes_rotation(w):
    """The home region's on-call rotation, with the responder on it."""
    import datetime

    from notifications.schedules.models import Rotation, RotationMember

    rotation, made = Rotation.objects.get_or_create(
        region=w.home,
        name="Weekdays",
        defaults={"handoff_time": datetime.time(8, 0), "starts_on": datetime.date(2026, 1, 5)},
    )
    if made:
        RotationMember.objects.create(rotation=rotation, user=w.users["responder"], position=0)
    return rotation


# The objects each route's URL names (all in the home region / home MDT / home agency).
ARGS = {
    "admin:*": lambda w: {},
    "api:api-case-template": lambda w: {"file_format": "csv"},
    "api:api-annual-report": lambda w: {"year": 2024},
    "api:api-annual-report-export": lambda w: {"year": 2024, "file_format": "csv"},
    "api:api-htcds-export": lambda w: {"year": 2024},
    "api:api-measures-export": lambda w: {"year": 2024},
    "api:api-cycle-measures-export": lambda w: {"pk": w.cycle.pk},
    "api:auth-token-detail": lambda w: {"pk": w.token_ids["coordinator"]},
    "api-token-revoke": lambda w: {"pk": w.token_ids["coordinator"]},
    "api:region-detail": lambda w: {"pk": w.home.pk},
    "api:parish-detail": lambda w: {"pk": w.home_parish.pk},
    "api:agency-detail": lambda w: {"pk": w.home_agency.pk},
    "api:user-detail": lambda w: {"pk": w.users["coordinator"].pk},
    "api:audit-entry-detail": lambda w: {"pk": w.audit_entry.pk},
    "api:summit-detail": lambda w: {"pk": w.summit.pk},
    "api:summit-collaboration-scores": lambda w: {"pk": w.summit.pk},
    "api:role-assignment-detail": lambda w: {"pk": w.coordinator_role.pk},
    "api:training-detail": lambda w: {"pk": w.training.pk},
    "api:training-outcomes": lambda w: {"pk": w.training.pk},
    "api:reporting-cycle-detail": lambda w: {"pk": w.cycle.pk},
    "api:reporting-cycle-close": lambda w: {"pk": w.cycle.pk},
    "api:reporting-cycle-tracker": lambda w: {"pk": w.cycle.pk},
    "api:reporting-cycle-respond": lambda w: {"pk": w.cycle.pk},
    "api:annual-submission-detail": lambda w: {"pk": w.submission.pk},
    "api:annual-submission-versions": lambda w: {"pk": w.submission.pk},
    "api:annual-submission-receipt": lambda w: {"pk": w.submission.pk},
    "api:initiative-detail": lambda w: {"pk": w.initiative.pk},
    "api:initiative-abandon": lambda w: {"pk": w.initiative.pk},
    "api:initiative-advance": lambda w: {"pk": w.initiative.pk},
    "api:initiative-close": lambda w: {"pk": w.initiative.pk},
    "api:initiative-gates": lambda w: {"pk": w.initiative.pk},
    "api:initiative-history": lambda w: {"pk": w.initiative.pk},
    "api:initiative-return": lambda w: {"pk": w.initiative.pk},
    "api:data-request-list": lambda w: {"initiative_pk": w.initiative.pk},
    "api:data-request-detail": lambda w: {
        "initiative_pk": w.initiative.pk,
        "pk": w.data_request.pk,
    },
    "api:finding-list": lambda w: {"initiative_pk": w.initiative.pk},
    "api:finding-detail": lambda w: {"initiative_pk": w.initiative.pk, "pk": w.finding.pk},
    "api:action-item-list": lambda w: {"initiative_pk": w.initiative.pk},
    "api:action-item-detail": lambda w: {"initiative_pk": w.initiative.pk, "pk": w.action_item.pk},
    "api:outcome-measure-list": lambda w: {"initiative_pk": w.initiative.pk},
    "api:outcome-measure-detail": lambda w: {
        "initiative_pk": w.initiative.pk,
        "pk": w.outcome_measure.pk,
    },
    "api:referral-detail": lambda w: {"pk": w.referral.pk},
    "api:referral-close": lambda w: {"pk": w.referral.pk},
    "api:referral-engage": lambda w: {"pk": w.referral.pk},
    "api:referral-join": lambda w: {"pk": w.referral.pk},
    "api:referral-leave": lambda w: {"pk": w.referral.pk},
    "api:referral-review": lambda w: {"pk": w.referral.pk},
    "api:referral-share": lambda w: {"pk": w.referral.pk},
    "api:referral-updates": lambda w: {"pk": w.referral.pk},
    "api:mdt-detail": lambda w: {"pk": w.mdt.pk},
    "api:mdt-retire": lambda w: {"pk": w.mdt.pk},
    "api:mdt-members": lambda w: {"pk": w.mdt.pk},
    "api:mdt-member-remove": lambda w: {"pk": w.mdt.pk, "membership": 999_999},
    "api:meeting-detail": lambda w: {"pk": w.meeting.pk},
    "api:meeting-agenda": lambda w: {"pk": w.meeting.pk},
    "api:meeting-cancel": lambda w: {"pk": w.meeting.pk},
    "api:meeting-hold": lambda w: {"pk": w.meeting.pk},
    "api:meeting-minutes": lambda w: {"pk": w.meeting.pk},
    "api:meeting-record-attendance": lambda w: {"pk": w.meeting.pk},
    "api:meeting-reschedule": lambda w: {"pk": w.meeting.pk},
    "api:meeting-rsvp": lambda w: {"pk": w.meeting.pk},
    "api:screening-instrument-detail": lambda w: {"pk": w.instrument.pk},
    "api:screening-detail": lambda w: {"pk": w.screening.pk},
    "api:screening-refer": lambda w: {"pk": w.screening.pk},
    "api:alert-detail": lambda w: {"pk": w.alert.pk},
    "api:alert-acknowledge": lambda w: {"pk": w.alert.pk},
    "api:alert-resolve": lambda w: {"pk": w.alert.pk},
    "api:rota-detail": lambda w: {"pk": w.home.pk},
    "api:escalation-policy-detail": lambda w: {"pk": w.home.pk},
    "escalation-policy": lambda w: {"region_id": w.home.pk},
    "api:rota-hand-back": lambda w: {"pk": w.home.pk},
    "api:rota-overrides": lambda w: {"pk": w.home.pk},
    "api:rota-take-over": lambda w: {"pk": w.home.pk},
    "api:region-export": lambda w: {"pk": w.home.pk},
    "region-detail": lambda w: {"pk": w.home.pk},
    "agency-detail": lambda w: {"pk": w.home_agency.pk},
    "summit-detail": lambda w: {"pk": w.summit.pk},
    "survey-take": lambda w: {"token": w.survey_link.token},
    "training-detail": lambda w: {"pk": w.training.pk},
    "training-take": lambda w: {"token": w.training.token},
    "report-detail": lambda w: {"year": 2024},
    "reporting-close": lambda w: {"pk": w.cycle.pk},
    "reporting-tracker": lambda w: {"pk": w.cycle.pk},
    "reporting-publish": lambda w: {"pk": w.cycle.pk},
    "public-year": lambda w: {"year": w.cycle.year},
    "public-year-csv": lambda w: {"year": w.cycle.year},
    "api:reporting-cycle-publish": lambda w: {"pk": w.cycle.pk},
    "submission-respond": lambda w: {"cycle_pk": w.cycle.pk, "agency_pk": w.home_agency.pk},
    "submission-form": lambda w: {"cycle_pk": w.cycle.pk, "agency_pk": w.home_agency.pk},
    "submission-receipt": lambda w: {
        "cycle_pk": w.cycle.pk,
        "agency_pk": w.home_agency.pk,
        "number": 1,
        "file_format": "json",
    },
    "submission-rows": lambda w: {
        "cycle_pk": w.cycle.pk,
        "agency_pk": w.home_agency.pk,
        "number": 1,
    },
    "initiative-detail": lambda w: {"pk": w.initiative.pk},
    "initiative-edit": lambda w: {"pk": w.initiative.pk},
    "initiative-transition": lambda w: {"pk": w.initiative.pk, "transition": "advance"},
    "initiative-summit-create": lambda w: {"pk": w.initiative.pk},
    "record-create": lambda w: {"pk": w.initiative.pk, "kind": "findings"},
    "record-edit": lambda w: {"pk": w.initiative.pk, "kind": "findings", "record_pk": w.finding.pk},
    "alert-detail-page": lambda w: {"pk": w.alert.pk},
    "alert-answer": lambda w: {"pk": w.alert.pk, "transition": "acknowledge"},
    "alert-device-remove": lambda w: {"pk": responders_device(w).pk},
    "api:push-device-detail": lambda w: {"pk": responders_device(w).pk},
    "api:rotation-detail": lambda w: {"pk": homes_rotation(w).pk},
    "api:rotation-swap": lambda w: {"pk": homes_rotation(w).pk},
    "rotation-new": lambda w: {"region_id": w.home.pk},
    "rota-swap": lambda w: {"region_id": w.home.pk},
    "rota-take-over": lambda w: {"region_id": w.home.pk},
    "rota-hand-back": lambda w: {"region_id": w.home.pk},
    "calendar-feed": lambda w: {"token": w.calendar.token},
    "mdt-detail": lambda w: {"pk": w.mdt.pk},
    "mdt-edit": lambda w: {"pk": w.mdt.pk},
    "mdt-retire": lambda w: {"pk": w.mdt.pk},
    "mdt-member-add": lambda w: {"pk": w.mdt.pk},
    "mdt-member-remove": lambda w: {"pk": w.mdt.pk, "membership": 999_999},
    "meeting-create": lambda w: {"pk": w.mdt.pk},
    "meeting-detail": lambda w: {"pk": w.meeting.pk},
    "recommendation-add": lambda w: {"pk": w.meeting.pk},
    "recommendation-close": lambda w: {"pk": w.recommendation.pk},
    "mdt-timeliness": lambda w: {"pk": w.mdt.pk},
    "api:recommendation-detail": lambda w: {"pk": w.recommendation.pk},
    "api:recommendation-done": lambda w: {"pk": w.recommendation.pk},
    "api:recommendation-drop": lambda w: {"pk": w.recommendation.pk},
    "api:api-mdt-recommendation-counts": lambda w: {"pk": w.mdt.pk},
    "api:api-mdt-timeliness": lambda w: {"pk": w.mdt.pk},
    "api:api-region-mdt-growth": lambda w: {"pk": w.home.pk},
    "referral-edit": lambda w: {"pk": w.referral.pk},
    "referral-share": lambda w: {"pk": w.referral.pk},
    "referral-alert": lambda w: {"pk": w.referral.pk},
    "screening-detail": lambda w: {"pk": w.screening.pk},
    "referral-detail": lambda w: {"pk": w.referral.pk},
    "referral-transition": lambda w: {"pk": w.referral.pk, "transition": "review"},
}

# Bodies: a minimal valid body wherever the decision to allow comes after validation (so
# the row tests the decision, not the validator); rows not listed send an empty body.
BODIES = {
    ("api:api-practices", "POST"): lambda w: {"region": w.home.pk, "practices": ["mdts"]},
    ("api:region-list", "POST"): lambda w: {"name": "Region 10", "slug": "region-10"},
    ("api:region-detail", "PUT"): lambda w: {"name": "Home Region", "slug": "home"},
    ("api:region-detail", "PATCH"): lambda w: {"escalation_minutes": 9},
    ("api:parish-detail", "PUT"): lambda w: {"region": w.home.pk},
    ("api:parish-detail", "PATCH"): lambda w: {"region": w.home.pk},
    ("api:agency-list", "POST"): lambda w: {"name": "New Agency", "kind": "other"},
    ("api:agency-detail", "PUT"): lambda w: {"name": "Home Advocacy Center", "kind": "other"},
    ("api:agency-detail", "PATCH"): lambda w: {"kind": "other"},
    ("api:user-list", "POST"): lambda w: {"username": "newcomer", "password": "a-Long-pass-2"},
    ("api:user-detail", "PUT"): lambda w: {"email": "c@agency.example", "is_active": True},
    ("api:user-detail", "PATCH"): lambda w: {"email": "c@agency.example"},
    ("api:role-assignment-list", "POST"): lambda w: {
        "user": w.users["no_role"].pk,
        "role": "coordinator",
        "region": w.home.pk,
    },
    ("api:summit-list", "POST"): lambda w: {
        "region": w.home.pk,
        "held_on": "2026-04-02",
        "place": "Library",
    },
    ("api:summit-detail", "PUT"): lambda w: {
        "region": w.home.pk,
        "held_on": "2017-10-05",
        "place": "Town hall",
    },
    ("api:summit-detail", "PATCH"): lambda w: {"place": "Town hall"},
    ("api:training-list", "POST"): lambda w: {"title": "Basics 2", "questions": QUESTIONS},
    ("api:reporting-cycle-list", "POST"): lambda w: {
        "year": 2025,
        "providers": [w.home_agency.pk],
        "deadline": "2026-03-31",
    },
    ("api:reporting-cycle-detail", "PUT"): lambda w: {
        "providers": [w.home_agency.pk],
        "deadline": "2025-04-30",
    },
    ("api:reporting-cycle-detail", "PATCH"): lambda w: {"deadline": "2025-04-30"},
    ("api:annual-submission-list", "POST"): lambda w: {
        **w.submission_body,
        "cycle": w.cycle.pk,
        "agency": w.home_agency.pk,
    },
    ("api:annual-submission-upload", "POST"): lambda w: {
        **{k: v for k, v in w.submission_body.items() if k != "cases"},
        "cycle": w.cycle.pk,
        "agency": w.home_agency.pk,
        "file": _case_file(w),
    },
    ("api:annual-submission-detail", "PUT"): lambda w: w.submission_body,
    ("api:initiative-list", "POST"): lambda w: {"region": w.home.pk, "title": "Youth shelter"},
    ("api:initiative-detail", "PUT"): lambda w: {"title": "Renamed initiative"},
    ("api:initiative-detail", "PATCH"): lambda w: {"title": "Renamed initiative"},
    ("api:initiative-abandon", "POST"): lambda w: {"note": "Merged into the regional plan."},
    ("api:initiative-return", "POST"): lambda w: {"note": "The need statement needs work."},
    ("api:data-request-list", "POST"): lambda w: {
        "agency": w.home_agency.pk,
        "description": "Counts served by parish",
        "requested_on": "2018-01-15",
    },
    ("api:data-request-detail", "PUT"): lambda w: {
        "agency": w.home_agency.pk,
        "description": "Counts served by parish and month",
        "requested_on": "2018-01-15",
    },
    ("api:data-request-detail", "PATCH"): lambda w: {"description": "Counts by month"},
    ("api:finding-list", "POST"): lambda w: {
        "statement": "Teachers ask for training",
        "recorded_on": "2018-06-01",
    },
    ("api:finding-detail", "PUT"): lambda w: {
        "statement": "Nurses ask for training",
        "recorded_on": "2018-06-01",
    },
    ("api:finding-detail", "PATCH"): lambda w: {"statement": "Nurses ask for training"},
    ("api:action-item-list", "POST"): lambda w: {
        "description": "Train the screeners",
        "owner_agency": w.home_agency.pk,
        "due_on": "2019-03-01",
    },
    ("api:action-item-detail", "PUT"): lambda w: {
        "description": "Train the nurses",
        "owner_agency": w.home_agency.pk,
        "due_on": "2019-03-01",
    },
    ("api:action-item-detail", "PATCH"): lambda w: {"description": "Train the nurses"},
    ("api:outcome-measure-list", "POST"): lambda w: {
        "name": "Summits held",
        "baseline": 0,
        "target": 3,
    },
    ("api:outcome-measure-detail", "PUT"): lambda w: {"name": "MDTs", "baseline": 2, "target": 4},
    ("api:outcome-measure-detail", "PATCH"): lambda w: {"target": 4},
    ("api:referral-list", "POST"): _referral_body,
    ("api:referral-detail", "PUT"): lambda w: {
        k: v for k, v in _referral_body(w).items() if k != "mdt"
    },
    ("api:referral-detail", "PATCH"): lambda w: {"needs": ["medical"]},
    ("api:referral-share", "POST"): lambda w: {"mdt": w.away_mdt.pk, "consent": "written"},
    ("api:referral-updates", "POST"): lambda w: {"note": "Services engaged with the CAC."},
    ("api:meeting-list", "POST"): lambda w: {"mdt": w.mdt.pk, **_meeting_times(4)},
    ("api:meeting-agenda", "PUT"): lambda w: {"referrals": [w.referral.case_code]},
    ("api:meeting-minutes", "PUT"): lambda w: {"minutes": "Reviewed two referrals."},
    ("api:meeting-record-attendance", "PUT"): lambda w: {"present": [w.users["mdt_member"].pk]},
    ("api:meeting-reschedule", "POST"): lambda w: _meeting_times(11),
    ("api:meeting-rsvp", "POST"): lambda w: {"answer": "attending"},
    ("api:screening-list", "POST"): lambda w: {
        "discipline": "health_care",
        "parish": w.home_parish.pk,
        "age_band": "15-17",
        "answers": w.answers,
    },
    # The admin and the coordinator may put the coordinator on duty; a responder may not.
    ("api:rota-take-over", "POST"): lambda w: {"contact": w.users["coordinator"].pk},
    ("api:alert-settings", "PATCH"): lambda w: {"rules": [{"channel": "push", "delay_minutes": 0}]},
    ("api:escalation-policy-detail", "PUT"): lambda w: {
        "steps": [{"notify": "on_duty", "wait_minutes": 5}]
    },
    ("api:alert-list", "POST"): lambda w: {
        "region": w.home.pk,
        "severity": "urgent",
        "summary": SUMMARY,
    },
    # Pages: forms with what their action needs to reach the decision.
    ("practices", "POST"): lambda w: {"region": w.home.pk, f"region-{w.home.pk}-practices": "mdts"},
    ("summit-create", "POST"): lambda w: {
        "region": w.home.pk,
        "held_on": "2026-04-02",
        "place": "Library",
    },
    ("initiative-summit-create", "POST"): lambda w: {"held_on": "2026-04-02", "place": "Library"},
    ("record-create", "POST"): lambda w: {
        "statement": "Teachers ask for training",
        "recorded_on": "2018-06-01",
    },
    ("record-edit", "POST"): lambda w: {
        "statement": "Nurses ask for training",
        "recorded_on": "2018-06-01",
    },
    ("alert-raise", "POST"): lambda w: {
        "region": w.home.pk,
        "severity": "urgent",
        "summary": SUMMARY,
    },
    ("referral-alert", "POST"): lambda w: {"severity": "urgent", "summary": SUMMARY},
    ("referral-create", "POST"): lambda w: {**_referral_body(w), "notes": ""},
    ("meeting-create", "POST"): lambda w: {
        "starts_at": f"{_in_days(40, 9):%Y-%m-%d %H:%M}",
        "ends_at": f"{_in_days(40, 10):%Y-%m-%d %H:%M}",
        "location": "CAC conference room",
    },
    ("summit-detail", "POST"): lambda w: {"action": "close-survey"},
    ("meeting-detail", "POST"): lambda w: {"action": "rsvp", "answer": "attending"},
    ("recommendation-add", "POST"): lambda w: {
        "referral": w.referral.pk,
        "kind": "housing",
        "owner_discipline": "advocacy",
        "due_on": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
    },
    ("recommendation-close", "POST"): lambda w: {"outcome": "done"},
    ("mdt-timeliness", "POST"): lambda w: {"target_review_days": 3, "target_engaged_days": 10},
    ("api:recommendation-list", "POST"): lambda w: {
        "case_code": w.referral.case_code,
        "meeting": w.meeting.pk,
        "kind": "housing",
        "owner_discipline": "advocacy",
        "due_on": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
    },
    ("api:recommendation-detail", "PATCH"): lambda w: {"notes": "The shelter confirmed a bed."},
    ("api:recommendation-drop", "POST"): lambda w: {"reason": "Handled by the new MDT."},
    ("api:api-mdt-timeliness", "PATCH"): lambda w: {
        "target_review_days": 3,
        "target_engaged_days": 10,
    },
    ("referral-transition", "POST"): lambda w: {"note": ""},
    ("initiative-transition", "POST"): lambda w: {"expected_phase": "definition"},
}
MULTIPART = {("api:annual-submission-upload", "POST")}


def _case_file(w):
    lines = [",".join(COLUMNS)]
    lines += [
        ",".join(str(row[column]) for column in COLUMNS) for row in w.submission_body["cases"]
    ]
    return SimpleUploadedFile("cases.csv", "\n".join(lines).encode(), content_type="text/csv")


def build_url(pattern: str, kwargs: dict) -> str:
    """A concrete URL for a path() or re_path() pattern."""

    def value(match: re.Match) -> str:
        if match["name"] not in kwargs:
            pytest.fail(f"{pattern}: give its `{match['name']}` in ARGS, in this file")
        return str(kwargs[match["name"]])

    url = re.sub(r"\(\?P<(?P<name>\w+)>[^)]*\)", value, pattern)  # re_path() groups
    url = re.sub(r"<(?:\w+:)?(?P<name>\w+)>", value, url)  # path() converters
    return "/" + url.replace("^", "").replace("$", "").replace("\\", "")


def send(w, route: Route, method: str, persona: str):
    kwargs = ARGS[route.key](w) if route.key in ARGS else {}
    url = build_url(route.pattern, kwargs)
    if route.key != ADMIN_ROW:  # the URL reaches the row's own view
        match = resolve(url)
        name = match.url_name or match.route
        assert (f"api:{name}" if match.route.startswith(API_PREFIX) else name) == route.key, url
    body = BODIES.get((route.key, method), lambda w: {})(w) if method != "GET" else None
    if route.key.startswith("api:"):
        client = w.api_client
        client.cookies.clear()
        client.credentials()
        if persona in w.tokens:
            client.credentials(HTTP_AUTHORIZATION=f"Token {w.tokens[persona]}")
        form = "multipart" if (route.key, method) in MULTIPART else "json"
        options = {"format": form} if body is not None else {}
    else:
        client = w.page_client
        client.cookies.clear()
        if persona in w.sessions:
            client.cookies[settings.SESSION_COOKIE_NAME] = w.sessions[persona]
        options = {}
    # A page that refuses often says so in an error message (and redirects back): collect
    # them, so that the table can tell "302, done" from "302!, refused".
    refusals: list[str] = []
    original = messages_api.add_message

    def add_message(request, level, message, *args, **kwargs):
        if level >= messages_api.constants.ERROR:
            refusals.append(str(message))
        return original(request, level, message, *args, **kwargs)

    with mock.patch.object(messages_api, "add_message", add_message):
        response = getattr(client, method.lower())(url, body, **options)
    return url, response, refusals


# --- the tests -----------------------------------------------------------------------------
# Cells the contract decides one way and the server another: each is marked † in the table
# and listed here with why, until the application is fixed (strict: a fix turns it red).
def _bugs(route: str, method: str, personas: str, reason: str) -> dict:
    return {(route, method, persona): reason for persona in personas.split()}


KNOWN_BUGS: dict[tuple[str, str, str], str] = {}


def test_every_route_and_method_has_a_row():
    in_table = {(row.key, row.method) for row in ROWS}
    missing = sorted(
        f"| {key} | {method} |"
        for key, route in url_routes().items()
        for method in route.methods
        if (key, method) not in in_table
    )
    assert not missing, "Routes without a row in tests/authorization_matrix.md:\n" + "\n".join(
        missing
    )


def test_every_row_is_a_route_and_method():
    routes = url_routes()
    stale = sorted(
        f"| {row.key} | {row.method} |"
        for row in ROWS
        if row.key not in routes or row.method not in routes[row.key].methods
    )
    assert not stale, "Rows for routes or methods that no longer exist:\n" + "\n".join(stale)


def test_each_row_appears_once_and_each_deviation_is_listed():
    keys = [(row.key, row.method) for row in ROWS]
    assert len(keys) == len(set(keys)), "a (route, method) has two rows"
    marked = {(row.key, row.method, persona) for row in ROWS for persona in row.marked}
    assert marked == set(KNOWN_BUGS), "cells marked † and KNOWN_BUGS must agree"


def _cases():
    for row in ROWS:
        for persona in PERSONAS:
            marks = []
            reason = KNOWN_BUGS.get((row.key, row.method, persona))
            if reason:
                marks.append(pytest.mark.xfail(strict=True, reason=reason))
            yield pytest.param(row, persona, id=f"{row.key} {row.method} {persona}", marks=marks)


@pytest.mark.parametrize(("row", "persona"), list(_cases()))
def test_matrix(matrix_world, db, row, persona):
    """`db`: each test runs in a savepoint of the module's transaction, rolled back after."""
    routes = url_routes()
    if row.key not in routes:
        pytest.fail(f"{row.key} is not a route (see test_every_row_is_a_route_and_method)")
    cache.clear()  # throttles and lockouts count per test, not across the matrix
    url, response, refusals = send(matrix_world, routes[row.key], row.method, persona)
    expected = row.expected[persona]
    assert response.status_code == expected, (
        f"{row.method} {url} as {persona}: {response.status_code}, the table says {expected}"
    )
    refused = persona in row.refused
    assert bool(refusals) == refused, (
        f"{row.method} {url} as {persona}: "
        + (f"refused with {refusals}" if refusals else "no error message")
        + f", the table says {expected}{'!' if refused else ''}"
    )
