"""Every write to coordination's records goes through here.

Services are keyword-only, validate with `full_clean()` before saving, and run inside one
transaction: a caller may assume that on an exception nothing was stored.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django_fsm import can_proceed
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.settings import knox_settings

from .access import access_for, forget_access
from .api_tokens import (
    SOCKET_TICKET_SECONDS,
    ApiToken,
    SocketTicket,
    fingerprint_matches,
    password_fingerprint,
    ticket_digest,
)
from .errors import Conflict
from .events import push_access_changed
from .instruments import load_training_module
from .models import (
    ADULT_AGE_BANDS,
    MINOR_AGE_BANDS,
    Agency,
    AnnualSubmission,
    AuditAction,
    AuditEntry,
    CycleStatus,
    Discipline,
    Parish,
    Practice,
    Region,
    RegionPractice,
    ReportingCycle,
    Role,
    RoleAssignment,
    ServedCase,
    ServiceOffered,
    SubmissionSource,
    SubmissionVersion,
    Summit,
    SummitAttendance,
    SurveyAnswer,
    SurveyInstrument,
    SurveyItem,
    SurveyLink,
    SurveyResponse,
    TestAttempt,
    TestKind,
    TrainingModule,
)
from .privacy import code_problem, guard_text
from .submissions import clean_case_rows

User = get_user_model()


def _loaded_relations(instance: models.Model) -> set[str]:
    """Foreign keys set to a row just read from the database (the service's caller found
    it in the user's scope): cleaning would only ask again whether it exists, one query
    each, and the database's own constraint checks that at commit."""
    loaded = set()
    for field in instance._meta.concrete_fields:
        if not field.many_to_one or field.remote_field.limit_choices_to:
            continue
        related = field.get_cached_value(instance, default=None)
        if related is not None and not related._state.adding:
            loaded.add(field.name)
    return loaded


def validate(instance: models.Model) -> None:
    """`full_clean()`, step by step: fields (but not protected django-fsm fields, which
    only transitions set and cleaning would assign, nor relations to rows already loaded),
    `clean()`, then uniqueness and constraints over every field but the protected ones."""
    protected = set(getattr(instance, "_get_protected_fsm_fields", lambda: set())())
    errors: dict = {}
    for step in (
        lambda: instance.clean_fields(exclude=protected | _loaded_relations(instance)),
        instance.clean,
    ):
        try:
            step()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    failed = protected | {name for name in errors if name != NON_FIELD_ERRORS}
    for step in (instance.validate_unique, instance.validate_constraints):
        try:
            step(exclude=failed)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def model_update(*, instance: models.Model, fields: Iterable[str], data: Mapping[str, Any]):
    """Set the given `fields` present in `data`, validate, save only what changed.

    Many-to-many fields are set after the save. Returns the instance.
    """
    concrete, many = {}, {}
    for name in fields:
        if name not in data:
            continue
        field = instance._meta.get_field(name)
        (many if field.many_to_many else concrete)[name] = data[name]
    changed = [name for name, value in concrete.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, concrete[name])
    validate(instance)
    if changed:
        instance.save(update_fields=changed)
    for name, value in many.items():
        getattr(instance, name).set(value)
    return instance


def model_create(model: type[models.Model], *, data: Mapping[str, Any]):
    """Build, validate and save a new `model` row; many-to-many values are set after."""
    many = {k: v for k, v in data.items() if model._meta.get_field(k).many_to_many}
    instance = model(**{k: v for k, v in data.items() if k not in many})
    validate(instance)
    instance.save()
    for name, value in many.items():
        getattr(instance, name).set(value)
    return instance


# --- Regions, parishes, agencies -----------------------------------------------------
REGION_FIELDS = ("name", "slug", "escalation_minutes")
PARISH_FIELDS = ("region",)
AGENCY_FIELDS = ("name", "kind", "regions", "is_service_provider", "receives_federal_victim_funds")


def _require_directory_editor(actor) -> None:
    if not access_for(actor).may_edit_reference_data:
        raise PermissionDenied("Only a state admin may change the state's directory.")


def _require_people_manager(actor) -> None:
    if not access_for(actor).may_manage_people:
        raise PermissionDenied("Only a state admin may change people and their roles.")


@transaction.atomic
def region_create(*, actor, name: str, slug: str, escalation_minutes: int = 5) -> Region:
    _require_directory_editor(actor)
    return model_create(
        Region, data={"name": name, "slug": slug, "escalation_minutes": escalation_minutes}
    )


@transaction.atomic
def region_update(*, actor, region: Region, data: Mapping[str, Any]) -> Region:
    _require_directory_editor(actor)
    return model_update(instance=region, fields=REGION_FIELDS, data=data)


@transaction.atomic
def region_delete(*, actor, region: Region) -> None:
    """Delete a region; raises ProtectedError (409) while parishes or roles point at it."""
    _require_directory_editor(actor)
    region.delete()


@transaction.atomic
def parish_update(*, actor, parish: Parish, data: Mapping[str, Any]) -> Parish:
    """Parishes are fixed by law; only the region that groups a parish may change."""
    _require_directory_editor(actor)
    return model_update(instance=parish, fields=PARISH_FIELDS, data=data)


@transaction.atomic
def agency_create(
    *,
    actor,
    name: str,
    kind: str,
    regions: Iterable[Region] = (),
    is_service_provider: bool = False,
    receives_federal_victim_funds: bool = False,
) -> Agency:
    _require_directory_editor(actor)
    return model_create(
        Agency,
        data={
            "name": name,
            "kind": kind,
            "regions": list(regions),
            "is_service_provider": is_service_provider,
            "receives_federal_victim_funds": receives_federal_victim_funds,
        },
    )


@transaction.atomic
def agency_update(*, actor, agency: Agency, data: Mapping[str, Any]) -> Agency:
    _require_directory_editor(actor)
    return model_update(instance=agency, fields=AGENCY_FIELDS, data=data)


@transaction.atomic
def agency_delete(*, actor, agency: Agency) -> None:
    """Delete an agency; raises ProtectedError (409) while roles point at it."""
    _require_directory_editor(actor)
    agency.delete()


# --- People and roles ----------------------------------------------------------------
@transaction.atomic
def user_create(*, actor, username: str, password: str, email: str = "", is_active: bool = True):
    _require_people_manager(actor)
    user = User(username=username, email=email, is_active=is_active)
    _set_password(user, password)
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def user_update(*, actor, user, data: Mapping[str, Any]):
    """Update `email`, `is_active` and, when given, the password (validated). A new
    password ends the person's API tokens; so does deactivation, for good (reactivating
    them does not bring their tokens back)."""
    _require_people_manager(actor)
    if data.get("password"):
        _set_password(user, data["password"])
        user.save(update_fields=["password"])
    was_active = user.is_active
    user = model_update(instance=user, fields=("email", "is_active"), data=data)
    if data.get("password") or not user.is_active:
        user_credentials_end(user=user)
    if user.is_active != was_active:
        _access_changed(user)
    return user


def _set_password(user, password: str) -> None:
    try:
        validate_password(password, user=user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from error
    user.set_password(password)


MDT_ROLE_COMES_WITH_MEMBERSHIP = (
    "The MDT member role comes with a place on the MDT: add or remove the person on "
    "the MDT's members, and the role follows."
)


@transaction.atomic
def role_assignment_create(
    *,
    actor,
    user,
    role: str,
    region: Region | None = None,
    mdt=None,
    agency: Agency | None = None,
    duty: str | None = None,
) -> RoleAssignment:
    """Grant a role. The MDT member role is not granted here: it is written with the
    membership (`mdt_access_grant`), so that the two never disagree."""
    _require_people_manager(actor)
    if role == Role.MDT_MEMBER:
        raise ValidationError({"role": MDT_ROLE_COMES_WITH_MEMBERSHIP})
    return _grant(user=user, role=role, region=region, mdt=mdt, agency=agency, duty=duty)


@transaction.atomic
def role_assignment_delete(*, actor, assignment: RoleAssignment) -> None:
    _require_people_manager(actor)
    if assignment.role == Role.MDT_MEMBER:
        raise ValidationError({"role": MDT_ROLE_COMES_WITH_MEMBERSHIP})
    _withdraw(assignment)


@transaction.atomic
def mdt_access_grant(*, actor, user, mdt) -> RoleAssignment:
    """The access that comes with a place on an MDT. Only `mdt.services.membership_add`
    calls this, in the same transaction as the membership it goes with."""
    _require_people_manager(actor)
    return _grant(user=user, role=Role.MDT_MEMBER, mdt=mdt)


@transaction.atomic
def mdt_access_withdraw(*, actor, user, mdt) -> None:
    """The other half of `mdt_access_grant`, called by `mdt.services.membership_remove`."""
    _require_people_manager(actor)
    for assignment in RoleAssignment.objects.filter(user=user, role=Role.MDT_MEMBER, mdt=mdt):
        _withdraw(assignment)


def _grant(*, user, role: str, **scope) -> RoleAssignment:
    data = {"region": None, "mdt": None, "agency": None, **scope}
    data["duty"] = data.get("duty") or None
    assignment = model_create(RoleAssignment, data={"user": user, "role": role, **data})
    _access_changed(user)
    return assignment


def _withdraw(assignment: RoleAssignment) -> None:
    user = assignment.user
    assignment.delete()
    _access_changed(user)


def _access_changed(user) -> None:
    forget_access(user)
    push_access_changed(user.pk)


# --- API tokens ------------------------------------------------------------------------
@transaction.atomic
def api_token_issue(*, user) -> ApiToken:
    """A new API token for `user`, who has just proved who they are, lasting
    API_TOKEN_HOURS and bound to their current password. The key is on the returned row as
    `key`, this once: only its digest is stored. Expired tokens (anyone's) are swept."""
    ApiToken.objects.filter(expiry__lte=timezone.now()).delete()
    token, key = ApiToken.objects.create(
        user=user, expiry=knox_settings.TOKEN_TTL, password_fingerprint=password_fingerprint(user)
    )
    token.key = key
    return token


@transaction.atomic
def api_token_revoke(*, actor, token: ApiToken, detail: str = "revoked") -> None:
    """Revoke one of the actor's own tokens: it stops working at once. Audited (`detail`
    says how: "revoked", or "signed out" with the token presented)."""
    if token.user_id != actor.pk:
        raise PermissionDenied("Only its holder may revoke a token.")
    token_id = token.pk
    token.delete()
    _audit_tokens(actor, [token_id], detail)


@transaction.atomic
def api_tokens_revoke_all(*, actor) -> int:
    """Revoke every token of the actor's own (a lost phone, a leaked script); how many."""
    tokens = ApiToken.objects.filter(user=actor)
    token_ids = list(tokens.values_list("pk", flat=True))
    tokens.delete()
    if token_ids:
        _audit_tokens(actor, token_ids, "revoked all")
    return len(token_ids)


def _audit_tokens(actor, token_ids: list[int], detail: str) -> None:
    audit_record(
        user=actor,
        action=AuditAction.UPDATE,
        object_type="api_token",
        object_ids=token_ids,
        detail=detail,
    )


@transaction.atomic
def user_credentials_end(*, user) -> None:
    """End every API token and unspent socket ticket of `user` (a deactivation, a new
    password): they must sign in again. Used by `user_update` and the admin's user form."""
    ApiToken.objects.filter(user=user).delete()
    SocketTicket.objects.filter(user=user).delete()


# --- websocket tickets ---------------------------------------------------------------------
@transaction.atomic
def socket_ticket_issue(*, user) -> str:
    """A ticket that opens one websocket as `user` (`/ws/alerts/?ticket=…`) within
    SOCKET_TICKET_SECONDS; only its digest is stored. Expired tickets are swept."""
    now = timezone.now()
    SocketTicket.objects.filter(expires_at__lte=now).delete()
    ticket = secrets.token_urlsafe(32)
    SocketTicket.objects.create(
        digest=ticket_digest(ticket),
        user=user,
        password_fingerprint=password_fingerprint(user),
        expires_at=now + datetime.timedelta(seconds=SOCKET_TICKET_SECONDS),
    )
    return ticket


def socket_ticket_redeem(*, ticket: str):
    """Spend `ticket`: the person it was issued to, if it is unspent and unexpired and they
    are still active with the same password; else None. Spent by one conditional DELETE,
    so of two sockets presenting it at once exactly one gets the person."""
    found = SocketTicket.objects.select_related("user").filter(digest=ticket_digest(ticket))
    row = found.first()
    if row is None:
        return None
    spent, _ = SocketTicket.objects.filter(pk=row.pk, expires_at__gt=timezone.now()).delete()
    user = row.user
    if not spent or not user.is_active:
        return None
    return user if fingerprint_matches(user, row.password_fingerprint) else None


# --- Summits -------------------------------------------------------------------------
def _require_coordinator(actor, region: Region) -> None:
    if not access_for(actor).coordinates(region.pk):
        raise PermissionDenied("Only the region's coordinator or a state admin may do this.")


def _validate_attendance(attendance: Mapping[str, int]) -> dict[str, int]:
    errors = []
    unknown = [discipline for discipline in attendance if discipline not in Discipline.values]
    if unknown:
        # The keys are the client's: counted, not repeated.
        errors.append(
            f"{len(unknown)} key(s) are not disciplines; use {', '.join(Discipline.values)}."
        )
    for discipline, count in attendance.items():
        if discipline in Discipline.values and (
            not isinstance(count, int) or isinstance(count, bool) or count < 0
        ):
            errors.append(f"{discipline}: give a whole number of people, 0 or more.")
    if errors:
        raise ValidationError({"attendance": errors})
    return {discipline: count for discipline, count in attendance.items() if count}


@transaction.atomic
def summit_create(
    *,
    actor,
    region: Region,
    held_on,
    place: str,
    organisers: str = "",
    attendance: Mapping[str, int] | None = None,
) -> Summit:
    """Record a summit of `region` with its attendance by discipline."""
    _require_coordinator(actor, region)
    guard_text({"place": place, "organisers": organisers})
    counts = _validate_attendance(attendance or {})
    summit = model_create(
        Summit,
        data={"region": region, "held_on": held_on, "place": place, "organisers": organisers},
    )
    SummitAttendance.objects.bulk_create(
        SummitAttendance(summit=summit, discipline=discipline, count=count)
        for discipline, count in counts.items()
    )
    return summit


@transaction.atomic
def summit_update(*, actor, summit: Summit, data: Mapping[str, Any]) -> Summit:
    """Change a summit; `attendance`, when given, replaces the counts."""
    _require_coordinator(actor, summit.region)
    if "region" in data:
        _require_coordinator(actor, data["region"])
    guard_text({name: data[name] for name in ("place", "organisers") if name in data})
    counts = _validate_attendance(data["attendance"]) if "attendance" in data else None
    model_update(instance=summit, fields=("region", "held_on", "place", "organisers"), data=data)
    if counts is not None:
        summit.attendance.all().delete()
        SummitAttendance.objects.bulk_create(
            SummitAttendance(summit=summit, discipline=discipline, count=count)
            for discipline, count in counts.items()
        )
    return summit


# --- Audit ---------------------------------------------------------------------------
def audit_record(
    *, user, action: str, object_type: str, object_ids: Iterable[int], detail: str = ""
) -> AuditEntry:
    """Append to the audit log. `detail` must be coded (a transition, field names), never
    free text from the record."""
    return AuditEntry.objects.create(
        user=user,
        action=action,
        object_type=object_type,
        object_ids=sorted(object_ids),
        detail=detail[:200],
    )


# --- annual reporting ---------------------------------------------------------------------
def _require_state_admin(actor) -> None:
    if not access_for(actor).is_state_admin:
        raise PermissionDenied("Only state admins manage reporting years.")


def _check_providers(providers) -> list[Agency]:
    providers = list(providers)
    if not providers:
        raise ValidationError({"providers": ["Ask at least one provider."]})
    not_providers = [agency.name for agency in providers if not agency.is_service_provider]
    if not_providers:
        raise ValidationError(
            {"providers": [f"Not a reporting service provider: {', '.join(not_providers)}."]}
        )
    return providers


@transaction.atomic
def reporting_cycle_open(*, actor, year: int, providers, deadline) -> ReportingCycle:
    """Open a reporting year: the providers asked and the deadline. State admins only."""
    _require_state_admin(actor)
    providers = _check_providers(providers)
    cycle = ReportingCycle(year=year, deadline=deadline, opened_by=actor)
    validate(cycle)
    cycle.save()
    cycle.providers.set(providers)
    return cycle


@transaction.atomic
def reporting_cycle_update(*, actor, cycle: ReportingCycle, data: Mapping[str, Any]):
    """Change the deadline or the providers asked while the year is open."""
    _require_state_admin(actor)
    cycle = ReportingCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status != CycleStatus.OPEN:
        raise Conflict("The reporting year is closed.", status=cycle.status)
    if "deadline" in data:
        cycle.deadline = data["deadline"]
        validate(cycle)
        cycle.save(update_fields=["deadline"])
    if "providers" in data:
        providers = _check_providers(data["providers"])
        reported = set(cycle.submissions.values_list("agency_id", flat=True))
        dropped = reported - {agency.pk for agency in providers}
        if dropped:
            raise ValidationError(
                {"providers": ["A provider that has already submitted stays asked."]}
            )
        cycle.providers.set(providers)
    return cycle


@transaction.atomic
def reporting_cycle_close(*, actor, cycle: ReportingCycle) -> ReportingCycle:
    """Close the year: no more submissions or revisions."""
    _require_state_admin(actor)
    cycle = ReportingCycle.objects.select_for_update().get(pk=cycle.pk)
    if not can_proceed(cycle.close):
        raise Conflict("The reporting year is already closed.", status=cycle.status)
    cycle.close(at=timezone.now())
    cycle.save()
    return cycle


def _check_totals(*, cases, children_served: int, adults_served: int) -> None:
    minors = sum(case.age_band in MINOR_AGE_BANDS for case in cases)
    adults = sum(case.age_band in ADULT_AGE_BANDS for case in cases)
    errors = {}
    if children_served != minors:
        errors["children_served"] = [
            f"{children_served} children served, but {minors} case rows are of a child's "
            "age band: the totals must agree with the case rows."
        ]
    if adults_served != adults:
        errors["adults_served"] = [
            f"{adults_served} adults served, but {adults} case rows are of an adult's "
            "age band: the totals must agree with the case rows."
        ]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def submission_submit(
    *,
    actor,
    cycle: ReportingCycle,
    agency: Agency,
    services_offered: Iterable[str],
    parishes_served: Iterable[Parish],
    children_served: int,
    adults_served: int,
    cases: Iterable[dict],
    source: str = SubmissionSource.FORM,
) -> SubmissionVersion:
    """Submit (or revise) a provider's annual report: a new current version, the earlier
    ones kept. Only the provider's reporters, while the year is open and the provider is
    asked. Everything is checked before anything is stored: the case rows one by one
    (every problem listed), the services, and the totals against the rows."""
    if agency.pk not in access_for(actor).reporter_agency_ids:
        raise PermissionDenied("Only the provider's own reporters submit its report.")
    cycle = ReportingCycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.status != CycleStatus.OPEN:
        raise Conflict("The reporting year is closed.", status=cycle.status)
    if not cycle.providers.filter(pk=agency.pk).exists():
        raise ValidationError({"agency": ["This provider is not asked to report this year."]})
    services_offered = list(dict.fromkeys(services_offered))
    unknown = [code for code in services_offered if code not in ServiceOffered.values]
    errors = {}
    if unknown or not services_offered:
        errors["services_offered"] = [f"Choose one or more of: {', '.join(ServiceOffered.values)}."]
    parishes_served = list(parishes_served)
    if not parishes_served:
        errors["parishes_served"] = ["Name at least one parish served."]
    for name, value in (("children_served", children_served), ("adults_served", adults_served)):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            errors[name] = ["A whole number, zero or more."]
    if errors:
        raise ValidationError(errors)
    clean = clean_case_rows(list(cases))
    _check_totals(cases=clean, children_served=children_served, adults_served=adults_served)
    outside = sorted({case.parish.name for case in clean} - {p.name for p in parishes_served})
    if outside:
        raise ValidationError(
            {"cases": [f"Cases in parishes not listed as served: {', '.join(outside)}."]}
        )
    submission, _ = AnnualSubmission.objects.get_or_create(cycle=cycle, agency=agency)
    previous = submission.versions.aggregate(last=models.Max("number"))["last"] or 0
    submission.versions.filter(is_current=True).update(is_current=False)
    version = SubmissionVersion.objects.create(
        submission=submission,
        number=previous + 1,
        submitted_by=actor,
        source=source,
        services_offered=services_offered,
        children_served=children_served,
        adults_served=adults_served,
    )
    version.parishes_served.set(parishes_served)
    ServedCase.objects.bulk_create(ServedCase(version=version, **case.__dict__) for case in clean)
    return version


# --- collaboration surveys ----------------------------------------------------------------
def survey_link_open(*, actor, summit: Summit, instrument: SurveyInstrument) -> SurveyLink:
    """The summit's anonymous survey link (the open one, or a new one). The region's
    coordinator or a state admin."""
    _require_coordinator(actor, summit.region)
    existing = SurveyLink.objects.filter(summit=summit, instrument=instrument, is_open=True)
    return existing.first() or SurveyLink.objects.create(
        summit=summit, instrument=instrument, token=secrets.token_urlsafe(24), created_by=actor
    )


def survey_link_close(*, actor, link: SurveyLink) -> SurveyLink:
    _require_coordinator(actor, link.summit.region)
    link.is_open = False
    link.save(update_fields=["is_open"])
    return link


def form_key_digest(form_key: str) -> str:
    return hashlib.sha256(form_key.encode()).hexdigest()


@transaction.atomic
def survey_response_submit(*, link: SurveyLink, answers: Mapping[int, int | None], form_key: str):
    """One anonymous response: answers by item id, 1 to 5; items left out are missing,
    never zero. Nothing about the respondent is stored, and the day only. The same form
    sent twice (its one-time `form_key`) counts once."""
    if not link.is_open:
        raise Conflict("This survey is closed.")
    items = set(
        SurveyItem.objects.filter(factor__category__instrument=link.instrument_id).values_list(
            "pk", flat=True
        )
    )
    given = {item: value for item, value in answers.items() if value not in (None, "")}
    errors = []
    if set(given) - items:
        errors.append("Some answers are for items of another survey.")
    if any(not isinstance(value, int) or not 1 <= value <= 5 for value in given.values()):
        errors.append("Answers are on the scale from 1 (strongly disagree) to 5 (strongly agree).")
    if not given:
        errors.append("Answer at least one statement.")
    if errors:
        raise ValidationError({"answers": errors})
    digest = form_key_digest(form_key)
    if SurveyResponse.objects.filter(form_key=digest).exists():
        raise Conflict("This form was already sent: your answers are counted once.")
    response = SurveyResponse.objects.create(
        link=link, submitted_on=timezone.localdate(), form_key=digest
    )
    SurveyAnswer.objects.bulk_create(
        SurveyAnswer(response=response, item_id=item, value=value) for item, value in given.items()
    )
    return response


# --- training -----------------------------------------------------------------------------
# A participant's made-up code may hold a whole word ("RIVER-2024"): it is chosen, not
# issued, and pairs the pre- and post-test only.
PARTICIPANT_CODE_WORD = 20


@transaction.atomic
def training_module_create(
    *, actor, title: str, description: str = "", questions
) -> TrainingModule:
    """A module with its knowledge test, by a state admin or a coordinator. Its title,
    description, questions and choices go through the privacy guard (in the loader, which
    `load_instrument training` shares): they are shown at the anonymous `/t/<token>/`."""
    access = access_for(actor)
    if not (access.is_state_admin or access.coordinator_region_ids):
        raise PermissionDenied("Training modules are made by state admins and coordinators.")
    return load_training_module(
        {"title": title, "description": description, "questions": list(questions)}
    )


@transaction.atomic
def training_attempt_submit(
    *,
    module: TrainingModule,
    participant_code: str,
    kind: str,
    discipline: str,
    answers: Mapping[int, int],
) -> TestAttempt:
    """Score a pre- or post-test at once. No sign-in: the participant's own code (letters,
    digits and dashes, at least one digit; never a name or a contact) pairs the two tests.
    Unanswered questions count as wrong. One attempt per code and test."""
    if not module.is_open:
        raise Conflict("This training is closed.")
    code = (participant_code or "").strip().upper()
    errors = {}
    problem = code_problem(code, min_length=4, longest_letter_run=PARTICIPANT_CODE_WORD)
    if problem:
        errors["participant_code"] = [
            f"Not a participant code: {problem}. Make one up, such as BLUE-4821 (never a name "
            "or a contact)."
        ]
    if kind not in TestKind.values:
        errors["kind"] = ["Choose the pre-test or the post-test."]
    if discipline not in Discipline.values:
        errors["discipline"] = ["Choose your discipline."]
    if errors:
        raise ValidationError(errors)
    questions = {question.pk: question for question in module.questions.prefetch_related("choices")}
    if set(answers) - set(questions):
        raise ValidationError({"answers": ["Some answers are for questions of another module."]})
    correct = 0
    for question_id, choice_id in answers.items():
        choices = {choice.pk: choice for choice in questions[question_id].choices.all()}
        if choice_id not in choices:
            raise ValidationError({"answers": ["An answer is not one of its question's choices."]})
        correct += choices[choice_id].is_correct
    if TestAttempt.objects.filter(module=module, participant_code=code, kind=kind).exists():
        raise Conflict("This participant code has already taken this test.")
    return TestAttempt.objects.create(
        module=module,
        participant_code=code,
        kind=kind,
        discipline=discipline,
        correct=correct,
        questions=len(questions),
        taken_on=timezone.localdate(),
    )


# --- practices ----------------------------------------------------------------------------
@transaction.atomic
def practices_set(*, actor, region: Region, in_use: Iterable[str], other: str = "") -> None:
    """Record which listed practices a region uses now (the rest: not in use), and add an
    "other" practice by name. The region's coordinator or a state admin."""
    _require_coordinator(actor, region)
    in_use = set(in_use)
    listed = [code for code in Practice.values if code != Practice.CUSTOM]
    if in_use - set(listed):
        raise ValidationError({"practices": ["Choose among the listed practices."]})
    guard_text({"other": other})
    for code in listed:
        row = RegionPractice.objects.filter(region=region, practice=code).first()
        if row is None and code not in in_use:
            continue
        row = row or RegionPractice(region=region, practice=code, since=timezone.localdate())
        if row.in_use != (code in in_use) or row.pk is None:
            row.in_use = code in in_use
            validate(row)
            row.save()
    other = other.strip()
    if (
        other
        and not RegionPractice.objects.filter(
            region=region, practice=Practice.CUSTOM, custom_name=other
        ).exists()
    ):
        row = RegionPractice(
            region=region, practice=Practice.CUSTOM, custom_name=other, since=timezone.localdate()
        )
        validate(row)
        row.save()


# --- two-factor sign-in (TOTP, django-otp) -------------------------------------------------
def _require_two_factor_offered(user) -> None:
    if not access_for(user).is_state_admin:
        raise PermissionDenied("Two-factor sign-in is offered to state admins.")


@transaction.atomic
def two_factor_begin(*, user) -> TOTPDevice:
    """A new, unconfirmed authenticator key for `user`, replacing an unconfirmed one. It
    counts only once confirmed with a code from the app."""
    _require_two_factor_offered(user)
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise Conflict("Two-factor sign-in is already on.")
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


@transaction.atomic
def two_factor_confirm(*, user, code: str) -> TOTPDevice:
    """Turn two-factor sign-in on, once the app's current code matches the new key."""
    _require_two_factor_offered(user)
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).first()
    if device is None:
        raise ValidationError({"code": ["Start setting up two-factor sign-in first."]})
    if not device.verify_token(code.strip()):
        raise ValidationError({"code": [WRONG_CODE]})
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    _audit_two_factor(user, "two-factor on")
    return device


@transaction.atomic
def two_factor_turn_off(*, user, code: str) -> None:
    """Turn two-factor sign-in off; it takes a current code, not just an open session."""
    devices = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True)
    if not any(device.verify_token(code.strip()) for device in devices):
        raise ValidationError({"code": [WRONG_CODE]})
    TOTPDevice.objects.filter(user=user).delete()
    _audit_two_factor(user, "two-factor off")


def _audit_two_factor(user, detail: str) -> None:
    audit_record(
        user=user,
        action=AuditAction.UPDATE,
        object_type="user",
        object_ids=[user.pk],
        detail=detail,
    )


WRONG_CODE = "That code does not match. Enter the 6 digits your authenticator app shows now."


# --- retention ---------------------------------------------------------------------------
@transaction.atomic
def audit_purge(*, before: datetime.datetime) -> int:
    """Delete audit entries older than `before` (RETENTION_AUDIT_DAYS, `apply_retention`)."""
    count, _ = AuditEntry.objects.filter(at__lt=before).delete()
    return count
