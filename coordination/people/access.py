"""Lantern's access policy: what a user may see and do, in one place.

Every selector scopes its queryset through `access_for(user)`; every API permission and
page asks the same object. Out of scope means invisible (the API answers 404); visible
but not changeable means 403. The table lives in docs/access.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q

from .models import Agency, Duty, Role, RoleAssignment

_CACHE_ATTRIBUTE = "_lantern_access"


@dataclass(frozen=True)
class Access:
    """The roles a user holds, flattened into the ids of their scopes."""

    is_authenticated: bool = False
    is_state_admin: bool = False
    coordinator_region_ids: frozenset[int] = field(default_factory=frozenset)
    responder_duty_by_region: dict[int, str] = field(default_factory=dict)
    mdt_ids: frozenset[int] = field(default_factory=frozenset)
    mdt_region_ids: frozenset[int] = field(default_factory=frozenset)
    reporter_agency_ids: frozenset[int] = field(default_factory=frozenset)
    reporter_region_ids: frozenset[int] = field(default_factory=frozenset)

    # --- roles ---------------------------------------------------------------------
    @property
    def roles(self) -> frozenset[str]:
        held = set()
        if self.is_state_admin:
            held.add(Role.STATE_ADMIN)
        if self.coordinator_region_ids:
            held.add(Role.COORDINATOR)
        if self.mdt_ids:
            held.add(Role.MDT_MEMBER)
        if self.responder_duty_by_region:
            held.add(Role.RESPONDER)
        if self.reporter_agency_ids:
            held.add(Role.PROVIDER_REPORTER)
        return frozenset(held)

    @property
    def responder_region_ids(self) -> frozenset[int]:
        return frozenset(self.responder_duty_by_region)

    @property
    def region_ids(self) -> frozenset[int]:
        """Every region in which the user holds some role."""
        return (
            self.coordinator_region_ids
            | self.responder_region_ids
            | self.mdt_region_ids
            | self.reporter_region_ids
        )

    # --- scoping filters, for any queryset --------------------------------------------
    def regions_q(self, path: str = "pk") -> Q:
        """Rows whose region (reached by `path`) is one the user works in."""
        if self.is_state_admin:
            return Q()
        return Q(**{f"{path}__in": self.region_ids})

    def coordinated_q(self, path: str = "region") -> Q:
        """Rows of the regions the user coordinates (everything for state admins)."""
        if self.is_state_admin:
            return Q()
        return Q(**{f"{path}__in": self.coordinator_region_ids})

    def mdt_records_q(self, path: str = "mdt") -> Q:
        """Rows that belong to one of the user's MDTs (everything for state admins).
        Coordinators see their region's MDT schedules, never these rows."""
        if self.is_state_admin:
            return Q()
        return Q(**{f"{path}__in": self.mdt_ids})

    def mdt_schedules_q(self, path: str = "pk") -> Q:
        """MDTs whose schedule the user sees: their own, and every MDT of a region they
        coordinate (everything for state admins)."""
        if self.is_state_admin:
            return Q()
        region_path = "region" if path == "pk" else f"{path}__region"
        return Q(**{f"{path}__in": self.mdt_ids}) | Q(
            **{f"{region_path}__in": self.coordinator_region_ids}
        )

    def referrals_q(self, path: str = "") -> Q:
        """Referrals the user may read (reached by `path`, e.g. "referral" from an alert;
        from the referral itself when empty): those of their MDTs and those shared with
        their MDTs with recorded consent; every one for state admins. The join through
        the shares may repeat a row: use it with `exists()` or `distinct()`.
        (`mdt.selectors.referral_list` writes the same rule as two subqueries, for the
        speed of a page of referrals.)"""
        if self.is_state_admin:
            return Q()
        prefix = f"{path}__" if path else ""
        return Q(**{f"{prefix}mdt__in": self.mdt_ids}) | Q(
            **{f"{prefix}shares__to_mdt__in": self.mdt_ids}
        )

    def may_read_referral(self, referral) -> bool:
        """Whether the user may read `referral` (its case code included): at most one
        query. Lower apps (an alert names a referral) ask this, never mdt's selectors."""
        if referral is None or not self.is_authenticated:
            return False
        if self.is_state_admin or referral.mdt_id in self.mdt_ids:
            return True
        if not self.mdt_ids:
            return False
        return type(referral).objects.filter(self.referrals_q(), pk=referral.pk).exists()

    def agencies_q(self) -> Q:
        """Agencies that serve a region the user works in, and the user's own agencies."""
        if self.is_state_admin:
            return Q()
        return Q(regions__in=self.region_ids) | Q(pk__in=self.reporter_agency_ids)

    # --- what the user may do ---------------------------------------------------------
    @property
    def coordinates_somewhere(self) -> bool:
        """A coordinator of some region, or a state admin: who opens initiatives, records
        summits and practices, makes training modules and reads training outcomes (each
        service then checks the region itself)."""
        return self.is_state_admin or bool(self.coordinator_region_ids)

    def member_of(self, mdt_id: int | None) -> bool:
        """A member of the MDT (or a state admin): who sees inside it and records its
        referrals and meetings."""
        return self.is_state_admin or mdt_id in self.mdt_ids

    @property
    def on_an_mdt(self) -> bool:
        """A member of some MDT, or a state admin: who may record a referral at all."""
        return self.is_state_admin or bool(self.mdt_ids)

    @property
    def may_manage_people(self) -> bool:
        return self.is_state_admin

    @property
    def may_edit_reference_data(self) -> bool:
        """Regions, parishes and agencies: the state's directory."""
        return self.is_state_admin

    @property
    def may_use_admin_site(self) -> bool:
        return self.is_state_admin

    def coordinates(self, region_id: int | None) -> bool:
        return self.is_state_admin or region_id in self.coordinator_region_ids

    def responds_in(self, region_id: int | None) -> str | None:
        """The user's duty (primary/backup) for a region's alerts, if any."""
        return self.responder_duty_by_region.get(region_id)  # type: ignore[arg-type]


ANONYMOUS = Access()


class _System:
    """The operator at the server's shell (management commands, the demo seed): the
    actor of writes that no signed-in person makes. It holds a state admin's access."""

    is_authenticated = True
    is_active = True
    is_superuser = True
    pk = None

    def __str__(self) -> str:
        return "the system"


SYSTEM = _System()
_SYSTEM_ACCESS = Access(is_authenticated=True, is_state_admin=True)


def access_for(user) -> Access:
    """The access of `user`, computed once per user object (one query)."""
    if user is SYSTEM:
        return _SYSTEM_ACCESS
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    access = _compute(user)
    setattr(user, _CACHE_ATTRIBUTE, access)
    return access


def forget_access(user) -> None:
    """Drop the cached access after the user's roles change."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def _compute(user) -> Access:
    is_state_admin = bool(user.is_superuser)
    coordinator: set[int] = set()
    responder: dict[int, str] = {}
    mdts: set[int] = set()
    mdt_regions: set[int] = set()
    agencies: set[int] = set()
    rows = RoleAssignment.objects.filter(user=user).values_list(
        "role", "region_id", "duty", "mdt_id", "mdt__region_id", "agency_id"
    )
    for role, region_id, duty, mdt_id, mdt_region_id, agency_id in rows:
        if role == Role.STATE_ADMIN:
            is_state_admin = True
        elif role == Role.COORDINATOR:
            coordinator.add(region_id)
        elif role == Role.RESPONDER:
            # A user holding both duties in one region is impossible (unique constraint).
            responder[region_id] = Duty(duty).value
        elif role == Role.MDT_MEMBER:
            mdts.add(mdt_id)
            mdt_regions.add(mdt_region_id)
        elif role == Role.PROVIDER_REPORTER:
            agencies.add(agency_id)
    reporter_regions: frozenset[int] = frozenset()
    if agencies:
        reporter_regions = frozenset(
            Agency.regions.through.objects.filter(agency_id__in=agencies).values_list(
                "region_id", flat=True
            )
        )
    return Access(
        is_authenticated=True,
        is_state_admin=is_state_admin,
        coordinator_region_ids=frozenset(coordinator),
        responder_duty_by_region=responder,
        mdt_ids=frozenset(mdts),
        mdt_region_ids=frozenset(mdt_regions),
        reporter_agency_ids=frozenset(agencies),
        reporter_region_ids=reporter_regions,
    )
