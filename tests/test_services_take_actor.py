"""Every public write service takes the person acting as `actor` and checks it against the
access policy itself, so that a page, the API, the admin and a command all meet the same
check (issue 17). The few services that act for no signed-in person say why below."""

import ast
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied

from coordination.learning import services as learning_services
from coordination.people import services as people_services
from mdt import services as mdt_services
from mdt.screening import services as screening_services

ROOT = Path(__file__).resolve().parent.parent
APPS = ("coordination", "phases", "notifications", "mdt")

# Public functions of a services module that take no `actor`, each with its reason.
NO_ACTOR = {
    # Building blocks the services are made of, not doors (the rest are in
    # coordination/plumbing/records.py).
    "coordination.audit_record": "the audit log, written by services",
    "coordination.reminders_send": "the escalation worker's hourly job: e-mails, no actor",
    "mdt.guard_short_text": "a building block: a text's length, then the privacy guard",
    "mdt.meeting_series_extend": "the escalation worker's hourly upkeep job",
    "phases.outcome_measures_recount": "recounts bound outcome measures after their data "
    "changed, and hourly: no actor",
    "coordination.form_key_digest": "a digest, writes nothing",
    "coordination.user_credentials_end": "a side effect of user_update and the admin",
    # An anonymous participant, known by the code they chose.
    "coordination.training_attempt_submit": "the training link's secret is the credential",
    # The holder of a secret is the credential: no account.
    "coordination.socket_ticket_redeem": "the single-use ticket is the credential",
    "coordination.survey_response_submit": "the survey link's secret is the credential",
    # Reads and the task worker's jobs: no one acts.
    "mdt.screening_instrument_current": "a read",
    "mdt.screening_mdt": "a read",
    "mdt.referrals_purge_closed": "the task worker's retention job",
    "coordination.audit_purge": "the task worker's retention job",
    "notifications.may_raise": "a question asked of an actor, writes nothing",
    "notifications.next_escalation_at": "a read",
    "notifications.escalate_due": "the task worker's escalation job",
    "notifications.hand_over_from_those_without_a_role": "the task worker's job",
    "notifications.mail_offline_recipients": "the task worker's job",
    "notifications.alert_raise_for_screening": "called by mdt.screening_refer, which checks",
    "notifications.connection_seen": "the socket's own bookkeeping",
    "notifications.connection_closed": "the socket's own bookkeeping",
    "notifications.connections_prune": "the task worker's job",
    "notifications.acknowledge_token": "makes a notification's token, writes nothing",
    "notifications.acknowledge_by_token": "the notification's signed token is the credential",
    "notifications.endpoint_allowed": "a question about a URL, writes nothing",
    "notifications.push_alert": "the task worker's job",
    "notifications.text_alert": "the alert worker's job",
    "notifications.default_rules": "a read",
    "notifications.rules_for": "a read",
    "notifications.next_step_at": "a read",
    "notifications.deliver": "plans the delivery of an alert its calling service checked",
    "notifications.steps_due": "the escalation worker's job",
    "notifications.steps_prune": "the escalation worker's job",
    "notifications.move_on": "the alert worker's job, after a failed send",
    "notifications.call_alert": "the alert worker's job",
    "notifications.acknowledge_by_reply": "Twilio's signature and the sender's number",
    "notifications.acknowledge_by_key": "Twilio's signature and the call's signed token",
    "notifications.delivery_status": "Twilio's signature is the credential",
}

# Services that take an actor and need no check: they act on the actor's own records.
ACTOR_IS_THE_SCOPE = {
    "coordination.api_token_issue": "the actor's own token, after sign-in",
    "coordination.socket_ticket_issue": "the actor's own socket ticket",
    "coordination.two_factor_turn_off": "the actor's own second factor, with a current code",
    "mdt.calendar_feed_for": "the actor's own calendar feed",
    "mdt.calendar_feed_renew": "the actor's own calendar feed",
    "coordination.api_tokens_revoke_all": "revokes the actor's own tokens",
    "mdt.referrals_read": "records the reads the actor's selectors already allowed",
    "mdt.record_referral_change": "audits and pushes a change its calling service checked",
    "notifications.push_test": "a test notification to the actor's own devices",
    "notifications.contact_details_update": "the actor's own e-mail and phone",
}


def _checks_permission(function: ast.FunctionDef, seen: frozenset = frozenset()) -> bool:
    """It asks the access policy, or hands over to a service of its app that does."""
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", "")
            if name == "access_for" or name.startswith(("_require", "require_", "may_")):
                return True
            delegate = SERVICES_BY_NAME.get(name)
            handed_over = delegate is not None and name not in seen | {function.name}
            if handed_over and _checks_permission(delegate, seen | {function.name}):
                return True
        if isinstance(node, ast.Raise) and "PermissionDenied" in ast.unparse(node):
            return True
    return False


def _public_services():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("services.py")):
            for node in ast.parse(path.read_text(encoding="utf-8")).body:
                if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                    yield f"{app}.{node.name}", node


SERVICES = dict(_public_services())
SERVICES_BY_NAME = {name.split(".", 1)[1]: node for name, node in SERVICES.items()}


@pytest.mark.parametrize("name", sorted(set(SERVICES) - set(NO_ACTOR)))
def test_a_write_service_takes_its_actor_and_checks_it(name):
    function = SERVICES[name]
    arguments = [a.arg for a in function.args.kwonlyargs + function.args.args]
    assert "actor" in arguments, f"{name} takes no actor"
    if name not in ACTOR_IS_THE_SCOPE:
        assert _checks_permission(function), f"{name} checks no permission"


def test_the_lists_of_exceptions_name_services_that_exist():
    assert set(NO_ACTOR) | set(ACTOR_IS_THE_SCOPE) <= set(SERVICES)


@pytest.mark.parametrize(
    "call",
    [
        lambda actor, w: people_services.region_create(actor=actor, name="New", slug="new"),
        lambda actor, w: people_services.region_update(
            actor=actor, region=w.home, data={"name": "Renamed"}
        ),
        lambda actor, w: people_services.region_delete(actor=actor, region=w.away),
        lambda actor, w: people_services.parish_update(
            actor=actor, parish=w.home_parish, data={"region": w.away}
        ),
        lambda actor, w: people_services.agency_create(
            actor=actor, name="New Agency", kind="advocacy_center"
        ),
        lambda actor, w: people_services.agency_update(
            actor=actor, agency=w.home_agency, data={"name": "Renamed"}
        ),
        lambda actor, w: people_services.agency_delete(actor=actor, agency=w.away_agency),
        lambda actor, w: people_services.user_create(
            actor=actor, username="newcomer", password="a long passphrase 4 tests"
        ),
        lambda actor, w: people_services.user_update(
            actor=actor, user=w.users["no_role"], data={"is_active": False}
        ),
        lambda actor, w: people_services.role_assignment_create(
            actor=actor, user=w.users["no_role"], role="coordinator", region=w.away
        ),
        lambda actor, w: people_services.role_assignment_delete(
            actor=actor, assignment=w.users["coordinator"].role_assignments.get()
        ),
        lambda actor, w: mdt_services.mdt_create(actor=actor, name="New MDT", region=w.home),
        lambda actor, w: mdt_services.mdt_update(actor=actor, mdt=w.mdt, data={"name": "X"}),
        # Permission comes before the data is read: an empty instrument is refused as such.
        lambda actor, w: learning_services.survey_instrument_load(actor=actor, data={}),
        lambda actor, w: screening_services.screening_instrument_load(actor=actor, data={}),
    ],
    ids=[
        "region_create",
        "region_update",
        "region_delete",
        "parish_update",
        "agency_create",
        "agency_update",
        "agency_delete",
        "user_create",
        "user_update",
        "role_assignment_create",
        "role_assignment_delete",
        "mdt_create",
        "mdt_update",
        "survey_instrument_load",
        "screening_instrument_load",
    ],
)
@pytest.mark.parametrize("persona", ["coordinator", "mdt_member", "responder", "reporter"])
def test_the_directory_services_refuse_anyone_but_a_state_admin(world, call, persona):
    with pytest.raises(PermissionDenied):
        call(world.users[persona], world)
