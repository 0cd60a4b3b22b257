"""Every write to the directory, people, roles, credentials and the audit log. Each
service takes the person acting (`actor`) and checks the access policy itself."""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from knox.settings import knox_settings

from ..plumbing.errors import Conflict
from ..plumbing.push import push_access_changed
from ..plumbing.records import model_create, model_update
from .access import access_for, forget_access
from .api_tokens import (
    SOCKET_TICKET_SECONDS,
    ApiToken,
    SocketTicket,
    fingerprint_matches,
    password_fingerprint,
    ticket_digest,
)
from .models import Agency, AuditAction, AuditEntry, Parish, Region, Role, RoleAssignment

# --- Regions, parishes, agencies -----------------------------------------------------
REGION_FIELDS = ("name", "slug", "escalation_minutes", "acknowledgement_timeout_minutes")

User = get_user_model()


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


@transaction.atomic
def own_email_set(*, actor, email: str):
    """Anyone signed in sets their own work e-mail (where alerts and reminders reach them
    when no page is open). Staff contact details, kept apart from case data."""
    if not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("Sign in to change your e-mail.")
    return model_update(instance=actor, fields=("email",), data={"email": email})


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
def api_token_issue(*, actor) -> ApiToken:
    """A new API token for the person acting, who has just proved who they are, lasting
    API_TOKEN_HOURS and bound to their current password. The key is on the returned row as
    `key`, this once: only its digest is stored. Expired tokens (anyone's) are swept."""
    ApiToken.objects.filter(expiry__lte=timezone.now()).delete()
    token, key = ApiToken.objects.create(
        user=actor, expiry=knox_settings.TOKEN_TTL, password_fingerprint=password_fingerprint(actor)
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
def socket_ticket_issue(*, actor) -> str:
    """A ticket that opens one websocket as the person acting (`/ws/alerts/?ticket=…`) within
    SOCKET_TICKET_SECONDS; only its digest is stored. Expired tickets are swept."""
    now = timezone.now()
    SocketTicket.objects.filter(expires_at__lte=now).delete()
    ticket = secrets.token_urlsafe(32)
    SocketTicket.objects.create(
        digest=ticket_digest(ticket),
        user=actor,
        password_fingerprint=password_fingerprint(actor),
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


# --- two-factor sign-in (TOTP, django-otp) -------------------------------------------------
def _require_two_factor_offered(user) -> None:
    if not access_for(user).is_state_admin:
        raise PermissionDenied("Two-factor sign-in is offered to state admins.")


@transaction.atomic
def two_factor_begin(*, actor) -> TOTPDevice:
    """A new, unconfirmed authenticator key for the person acting, replacing an unconfirmed one. It
    counts only once confirmed with a code from the app."""
    _require_two_factor_offered(actor)
    if TOTPDevice.objects.filter(user=actor, confirmed=True).exists():
        raise Conflict("Two-factor sign-in is already on.")
    TOTPDevice.objects.filter(user=actor, confirmed=False).delete()
    return TOTPDevice.objects.create(user=actor, name="Authenticator app", confirmed=False)


@transaction.atomic
def two_factor_confirm(*, actor, code: str) -> TOTPDevice:
    """Turn two-factor sign-in on, once the app's current code matches the new key."""
    _require_two_factor_offered(actor)
    device = TOTPDevice.objects.select_for_update().filter(user=actor, confirmed=False).first()
    if device is None:
        raise ValidationError({"code": ["Start setting up two-factor sign-in first."]})
    if not device.verify_token(code.strip()):
        raise ValidationError({"code": [WRONG_CODE]})
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    _audit_two_factor(actor, "two-factor on")
    return device


@transaction.atomic
def two_factor_turn_off(*, actor, code: str) -> None:
    """Turn two-factor sign-in off; it takes a current code, not just an open session."""
    devices = TOTPDevice.objects.select_for_update().filter(user=actor, confirmed=True)
    if not any(device.verify_token(code.strip()) for device in devices):
        raise ValidationError({"code": [WRONG_CODE]})
    TOTPDevice.objects.filter(user=actor).delete()
    _audit_two_factor(actor, "two-factor off")


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
