"""Schema-driven fuzzing of the API (issue 10, hardening).

Schemathesis reads the OpenAPI schema Lantern serves at /api/v1/schema/ and, for every
operation in it, sends generated requests (valid ones, and invalid ones: wrong types,
missing fields, values out of range) as each persona, signed in with an API token. Every
answer must:

- not be a server error (no 5xx);
- match the schema when it is a documented answer (`response_schema_conformance`: field
  types, `nullable`, required fields) and carry a documented content type;
- when it is a refusal (4xx), be JSON in the one error shape of the API: `{"detail": …}`
  or `{"field": ["message", …]}` (see `error_shape`).

Undocumented status codes are not failures here (`status_code_conformance` is left out):
the schema documents each operation's success only, and DRF answers 400, 401, 403, 404,
405, 409 and 429 from every operation alike. Listing them on each of the ~130 operations
would say nothing a client does not already know from the REST conventions
(shared/docs/domain.md), and their shape is held to account by `error_shape` instead.

Path parameters mostly name real objects (seeded below, in and out of the persona's scope),
so that requests reach the code behind the lookup instead of stopping at a 404. Each
example runs in a savepoint that is rolled back, and the cache (throttles, lockouts) is
cleared around each persona, so a run is reproducible: `derandomize=True` gives the same
requests on every run.
"""

from __future__ import annotations

import datetime
import json
import os
import sys
import traceback
from collections import Counter
from types import SimpleNamespace

import hypothesis
import pytest
import schemathesis
from django.core.cache import cache
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import got_request_exception, request_finished, request_started
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import Failure
from schemathesis.generation import GenerationMode
from schemathesis.hooks import HookDispatcher, HookScope
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from coordination.learning import instruments
from coordination.learning import services as learning_services
from coordination.models import Parish, Role, RoleAssignment
from coordination.people import services as people_services
from coordination.plumbing.api.exceptions import PERSONAL_INFORMATION
from coordination.reporting import services as reporting_services
from mdt import services as mdt_services
from mdt.meetings import services as meetings_services
from mdt.models import ScreeningIndicator
from mdt.screening import instrument as scoring
from mdt.screening import services as screening_services
from notifications import services as notifications_services
from phases.models import Phase as InitiativePhase
from tests.coordination.factories import (
    AgencyFactory,
    ParishFactory,
    RegionFactory,
    RoleAssignmentFactory,
    UserFactory,
)
from tests.coordination.reporting import case_rows, open_year
from tests.mdt.factories import MDTFactory, ReferralFactory
from tests.phases.conftest import make_ready
from tests.phases.factories import (
    ActionItemFactory,
    DataRequestFactory,
    FindingFactory,
    InitiativeFactory,
    OutcomeMeasureFactory,
)

pytestmark = pytest.mark.fuzz

SCHEMA_PATH = "/api/v1/schema/"
PERSONAS = ["anonymous", "state_admin", "coordinator", "mdt_member", "responder", "reporter"]
# Examples per operation, persona and mode: small, so the whole file stays within a couple
# of minutes; derandomized, so CI sends the same requests every time. `FUZZ_SCALE=20` runs
# twenty times as many, for a deeper search by hand.
SCALE = int(os.environ.get("FUZZ_SCALE", "1"))
EXAMPLES = {GenerationMode.POSITIVE: 5 * SCALE, GenerationMode.NEGATIVE: 2 * SCALE}
# Anonymous requests stop at authentication: one of each tells that they do.
ANONYMOUS_EXAMPLES = {GenerationMode.POSITIVE: SCALE, GenerationMode.NEGATIVE: SCALE}

SUMMARY = "Youth reported at a truck stop; law enforcement on the way."
SURVEY = {
    "name": "Fuzzing survey",
    "source": "Made up for the test.",
    "categories": [
        {"name": "Communication", "factors": [{"name": "Talk", "items": [{"text": "We talk."}]}]}
    ],
}
QUESTIONS = [{"text": "Q1", "choices": [{"text": "yes", "correct": True}, {"text": "no"}]}]


# --- the world ---------------------------------------------------------------------------
def build_world() -> SimpleNamespace:
    """Two regions with one of everything each, so that an id is as often in a persona's
    scope as out of it."""
    w = SimpleNamespace()
    home = RegionFactory(name="Home Region", slug="home")
    away = RegionFactory(name="Away Region", slug="away")
    home_parish = ParishFactory(name="Home Parish", region=home)
    away_parish = ParishFactory(name="Away Parish", region=away)
    home_agency = AgencyFactory(
        name="Home Advocacy Center", regions=[home], is_service_provider=True
    )
    away_agency = AgencyFactory(
        name="Away Safe House", kind="safe_house", regions=[away], is_service_provider=True
    )
    home_mdt = MDTFactory(name="Home MDT", region=home)
    home_mdt.parishes.set([home_parish])
    away_mdt = MDTFactory(name="Away MDT", region=away)
    away_mdt.parishes.set([away_parish])

    def person(name, role=None, **scope):
        user = UserFactory(username=name)
        if role:
            RoleAssignmentFactory(user=user, role=role, **scope)
        return user

    w.users = {
        "anonymous": None,
        "no_role": person("no_role"),
        "state_admin": person("state_admin", Role.STATE_ADMIN),
        "coordinator": person("coordinator", Role.COORDINATOR, region=home),
        "coordinator_away": person("coordinator_away", Role.COORDINATOR, region=away),
        "mdt_member": person("mdt_member", Role.MDT_MEMBER, mdt=home_mdt),
        "mdt_member_away": person("mdt_member_away", Role.MDT_MEMBER, mdt=away_mdt),
        "responder": person("responder", Role.RESPONDER, region=home, duty="primary"),
        "reporter": person("reporter", Role.PROVIDER_REPORTER, agency=home_agency),
    }
    users = w.users
    person("backup", Role.RESPONDER, region=home, duty="backup")
    person("away_responder", Role.RESPONDER, region=away, duty="primary")
    admin = users["state_admin"]

    # Annual reporting: the reporter's agency is asked in 2024 and reported.
    cycle = open_year(admin, 2024, [home_agency, away_agency])
    rows = case_rows(
        [(3, "sex", "confirmed", True), (3, "labor", "prospective", False)], home_parish
    )
    submission = reporting_services.submission_submit(
        actor=users["reporter"],
        cycle=cycle,
        agency=home_agency,
        services_offered=["case_management"],
        parishes_served=[home_parish],
        children_served=3,
        adults_served=3,
        cases=rows,
    ).submission

    # Summits (one a region), a survey, a training module.
    summits = [
        learning_services.summit_create(
            actor=admin,
            region=region,
            held_on=datetime.date(2017, 10, 5),
            place="Civic Center",
            organisers="",
            attendance={"law_enforcement": 12},
        )
        for region in (home, away)
    ]
    survey = instruments.load_survey_instrument(SURVEY)
    learning_services.survey_link_open(actor=admin, summit=summits[0], instrument=survey)
    training = learning_services.training_module_create(
        actor=admin, title="Basics", questions=QUESTIONS
    )

    # Initiatives: one a region, in phase 2 with its gates met, with one record of each kind.
    initiatives = [
        make_ready(InitiativeFactory(region=region, phase=InitiativePhase.DEFINITION))
        for region in (home, away)
    ]
    records = {"data-requests": [], "findings": [], "action-items": [], "outcome-measures": []}
    for initiative, agency in zip(initiatives, (home_agency, away_agency), strict=True):
        records["data-requests"].append(DataRequestFactory(initiative=initiative, agency=agency))
        records["findings"].append(FindingFactory(initiative=initiative))
        records["action-items"].append(
            ActionItemFactory(initiative=initiative, owner_agency=agency)
        )
        records["outcome-measures"].append(OutcomeMeasureFactory(initiative=initiative))

    # MDTs: a meeting and a referral (with a status update) each.
    meetings, referrals = [], []
    for mdt, parish, member in (
        (home_mdt, home_parish, users["mdt_member"]),
        (away_mdt, away_parish, users["mdt_member_away"]),
    ):
        meetings.append(
            meetings_services.meeting_schedule(
                actor=member,
                mdt=mdt,
                starts_at=datetime.datetime(2030, 1, 8, 15, 0, tzinfo=datetime.UTC),
                ends_at=datetime.datetime(2030, 1, 8, 16, 0, tzinfo=datetime.UTC),
                location="CAC conference room",
            )[0]
        )
        referral = ReferralFactory(mdt=mdt, parish=parish, created_by=member)
        mdt_services.status_update_add(
            actor=member, referral=referral, note="Met with the family advocate."
        )
        referrals.append(referral)

    # Screening: the demo instrument; the home member screened someone as "possible".
    instrument = scoring.load_instrument(
        instruments.read("mdt/data/screening_instrument_demo.yaml")
    )
    codes = ScreeningIndicator.objects.filter(section__instrument=instrument).values_list(
        "code", flat=True
    )
    screening = screening_services.screening_submit(
        actor=users["mdt_member"],
        instrument=instrument,
        discipline="education",
        parish=home_parish,
        age_band="12-14",
        answers={**dict.fromkeys(codes, "no"), "documents-held": "yes"},
    )

    # Alerts: one a region.
    alerts = [
        notifications_services.alert_raise(
            actor=admin, region=region, severity="urgent", summary=SUMMARY
        )
        for region in (home, away)
    ]
    audit = people_services.audit_record(
        user=admin, action="read_detail", object_type="referral", object_ids=[referrals[0].pk]
    )

    # The ids a path parameter may take, by the collection it names.
    louisiana = Parish.objects.filter(fips_code__startswith="22").first()
    w.ids = {
        "regions": [home.pk, away.pk],
        "rota": [home.pk, away.pk],
        "parishes": [home_parish.pk, away_parish.pk, louisiana.pk],
        "agencies": [home_agency.pk, away_agency.pk],
        "users": [user.pk for user in users.values() if user is not None],
        "role-assignments": list(RoleAssignment.objects.values_list("pk", flat=True)),
        "audit-entries": [audit.pk],
        "summits": [summit.pk for summit in summits],
        "trainings": [training.pk],
        "reporting-cycles": [cycle.pk],
        "annual-submissions": [submission.pk],
        "initiatives": [initiative.pk for initiative in initiatives],
        **{kind: [record.pk for record in rows] for kind, rows in records.items()},
        "mdts": [home_mdt.pk, away_mdt.pk],
        "meetings": [meeting.pk for meeting in meetings],
        "referrals": [referral.pk for referral in referrals],
        "alerts": [alert.pk for alert in alerts],
        "screening-instruments": [instrument.pk],
        "screenings": [screening.pk],
        "annual": [2024],
    }
    w.indicators = sorted(codes)
    issued = {
        persona: people_services.api_token_issue(actor=user)
        for persona, user in users.items()
        if user is not None
    }
    w.tokens = {persona: token.key for persona, token in issued.items()}
    # `auth/tokens/{id}/`: each persona's own token and everyone else's.
    w.ids["tokens"] = [token.pk for token in issued.values()]
    return w


# --- path parameters that name real objects ----------------------------------------------
def _collection(path: str, name: str) -> str | None:
    """The collection a path parameter names: the path segment just before the one it
    starts (`/reports/annual/{year}.{file_format}`: `year` names a year of `annual`,
    `file_format` nothing)."""
    segments = path.strip("/").split("/")
    for index, segment in enumerate(segments):
        if segment.startswith(f"{{{name}}}") and index:
            return segments[index - 1]
    return None


# Body fields that name objects, and the collection they name.
BODY_IDS = {
    "region": "regions",
    "regions": "regions",
    "parish": "parishes",
    "parishes": "parishes",
    "parishes_served": "parishes",
    "agency": "agencies",
    "owner_agency": "agencies",
    "partner_agencies": "agencies",
    "providers": "agencies",
    "mdt": "mdts",
    "referral": "referrals",
    "user": "users",
    "contact": "users",
    "coordinator": "users",
    "present": "users",
    "cycle": "reporting-cycles",
    "summit": "summits",
    "instrument": "screening-instruments",
}


def _mostly(real, generated):
    """The real value two times in three, else what schemathesis generated."""
    return st.sampled_from([True, True, False]).flatmap(
        lambda use: real if use else st.just(generated)
    )


def real_ids_hooks(world) -> HookDispatcher:
    """Hooks for one run: path parameters and body fields that name an object name, most
    of the time, a seeded one (in or out of the persona's scope); a screen's answers are,
    most of the time, answers to the instrument's own indicators. Else the generated value
    goes as it is."""
    hooks = HookDispatcher(scope=HookScope.TEST)

    def flatmap_path_parameters(context, path_parameters):
        if not path_parameters:
            return st.just(path_parameters)
        path = context.operation.path
        choices = {}
        for name, generated in path_parameters.items():
            ids = world.ids.get(_collection(path, name) or "")
            if ids:
                choices[name] = _mostly(st.sampled_from(ids), generated)
            else:
                choices[name] = st.just(generated)
        return st.fixed_dictionaries(choices)

    def flatmap_body(context, body):
        if not isinstance(body, dict):
            return st.just(body)
        choices = {}
        for name, generated in body.items():
            ids = world.ids.get(BODY_IDS.get(name, ""))
            if ids and isinstance(generated, int) and not isinstance(generated, bool):
                choices[name] = _mostly(st.sampled_from(ids), generated)
            elif ids and isinstance(generated, list):
                real = st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True)
                choices[name] = _mostly(real, generated)
            elif name == "answers" and isinstance(generated, dict):
                answers = st.fixed_dictionaries(
                    {code: st.sampled_from(["yes", "no", "unknown"]) for code in world.indicators}
                )
                choices[name] = _mostly(answers, generated)
            else:
                choices[name] = st.just(generated)
        return st.fixed_dictionaries(choices)

    hooks.register_hook_with_name(flatmap_path_parameters, "flatmap_path_parameters")
    hooks.register_hook_with_name(flatmap_body, "flatmap_body")
    return hooks


# --- checks --------------------------------------------------------------------------------
class ErrorShape(Failure):
    """A refusal that is not in the API's one error shape."""

    code = "LANTERN001"
    checks = ("error_shape",)
    kind_title = "Error outside the API's error shape"


def _messages(value) -> bool:
    """`["message", …]`, or nested: `{"0": [...]}` for a list item, `{"field": [...]}` for a
    nested object."""
    if isinstance(value, list):
        return all(isinstance(item, str) or _messages(item) for item in value)
    if isinstance(value, dict):
        return all(_messages(item) for item in value.values())
    return isinstance(value, str)


@schemathesis.check
def error_shape(ctx, response, case) -> bool | None:
    """4xx: JSON, `{"detail": "…"}` (with `unmet_gates` on a blocked transition) or
    `{"field": ["message", …]}` (shared/docs/domain.md, "Errors"), with
    `personal_information` spans when a text was refused for holding some."""
    if not 400 <= response.status_code < 500:
        return None
    content_type = response.headers.get("content-type", [""])[0]
    if "json" not in content_type:
        raise ErrorShape(
            operation=case.operation.label,
            message=f"{response.status_code} answered as {content_type!r}, not JSON",
        )
    body = json.loads(response.content)
    if not isinstance(body, dict) or not body:
        raise ErrorShape(operation=case.operation.label, message=f"Not an object: {body!r}")
    if "detail" in body and not isinstance(body["detail"], str):
        raise ErrorShape(operation=case.operation.label, message=f"`detail` not text: {body!r}")
    # A refused text also says where its personal information is (never what it is).
    spans = body.get(PERSONAL_INFORMATION, [])
    if not isinstance(spans, list) or not all(
        isinstance(span, dict) and set(span) == {"field", "kind", "start", "end"} for span in spans
    ):
        raise ErrorShape(operation=case.operation.label, message=f"Not spans: {body!r}")
    fields = {
        key: value for key, value in body.items() if key not in {"detail", PERSONAL_INFORMATION}
    }
    if not _messages(fields):
        raise ErrorShape(operation=case.operation.label, message=f"Not field → messages: {body!r}")
    return None


CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance, error_shape]


# --- running -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def app(django_db_setup, django_db_blocker):
    """Django's own WSGI handler, and Lantern's schema as it serves it."""
    application = WSGIHandler()
    with django_db_blocker.unblock():
        schema = schemathesis.openapi.from_wsgi(SCHEMA_PATH, application)
    return SimpleNamespace(application=application, schema=schema)


@pytest.fixture
def in_process(db):
    """Requests share the test's connection and transaction: Django must not close it at
    the end of each request (its test client does the same), and a view's exception is
    kept for the report."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    errors: list[str] = []

    def keep(sender, request=None, **kwargs):
        errors.append("".join(traceback.format_exception(*sys.exc_info())))

    got_request_exception.connect(keep)
    cache.clear()
    try:
        yield errors
    finally:
        cache.clear()
        got_request_exception.disconnect(keep)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def fuzz_operation(operation, *, mode, examples, hooks, headers, errors, counts):
    @hypothesis.settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        suppress_health_check=list(HealthCheck),
        report_multiple_bugs=False,
    )
    @hypothesis.given(case=operation.as_strategy(generation_mode=mode, hooks=hooks))
    def run(case):
        errors.clear()
        with transaction.atomic():
            try:
                response = case.call(headers=headers)
            finally:
                transaction.set_rollback(True)
        counts[response.status_code] += 1
        try:
            case.validate_response(response, checks=CHECKS, headers=headers)
        except (Exception, BaseExceptionGroup) as failure:
            if errors:
                failure.add_note("Server traceback:\n" + errors[-1])
            raise

    run()


def _negatable(operation) -> bool:
    """Whether the request has anything to make invalid: a parameter or a body."""
    return bool(len(operation.path_parameters) or len(operation.query) or list(operation.body))


@pytest.mark.parametrize("persona", PERSONAS)
def test_fuzz_api(app, in_process, persona):
    world = build_world()
    hooks = real_ids_hooks(world)
    token = world.tokens.get(persona)
    headers = {"Authorization": f"Token {token}"} if token else {}
    examples = ANONYMOUS_EXAMPLES if persona == "anonymous" else EXAMPLES
    failures, counts, operations = [], Counter(), 0
    for result in app.schema.get_all_operations():
        operation = result.ok()
        operations += 1
        for mode, count in examples.items():
            if mode is GenerationMode.NEGATIVE and not _negatable(operation):
                continue
            try:
                fuzz_operation(
                    operation,
                    mode=mode,
                    examples=count,
                    hooks=hooks,
                    headers=headers,
                    errors=in_process,
                    counts=counts,
                )
            except Unsatisfiable:
                # Nothing in this operation's request can be made invalid.
                continue
            except (Exception, BaseExceptionGroup) as failure:  # every operation is reported
                notes = "\n".join(getattr(failure, "__notes__", []))
                failures.append(f"{operation.label} [{mode.value}]\n{failure}\n{notes}")
    print(f"{persona}: {operations} operations, statuses {dict(sorted(counts.items()))}")
    assert not failures, f"{len(failures)} operation(s) failed as {persona}:\n\n" + "\n\n".join(
        failures
    )
