"""The state's directory and who may do what: regions, parishes, agencies, people's
role assignments, and the audit log of what they did."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    escalation_minutes = models.PositiveSmallIntegerField(
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(1440)],
        help_text="Minutes an alert may stay unacknowledged before it escalates.",
    )
    acknowledgement_timeout_minutes = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(1440)],
        help_text=(
            "Minutes an acknowledged alert may stay unresolved before it is triggered "
            "again and paged again. Empty: it waits until resolved."
        ),
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Parish(models.Model):
    """One of Louisiana's 64 parishes (shipped as data); regions group them."""

    name = models.CharField(max_length=100, unique=True)
    fips_code = models.CharField(
        max_length=5, unique=True, help_text="US Census FIPS code of the parish (22xxx)."
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="parishes", null=True, blank=True
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "parishes"

    def __str__(self) -> str:
        return f"{self.name} Parish"


class AgencyKind(models.TextChoices):
    ADVOCACY_CENTER = "advocacy_center", "Advocacy center"
    SAFE_HOUSE = "safe_house", "Safe house"
    SERVICE_PROVIDER = "service_provider", "Service provider"
    LAW_ENFORCEMENT = "law_enforcement", "Law enforcement"
    CHILD_WELFARE = "child_welfare", "Child welfare"
    HEALTH_CARE = "health_care", "Health care"
    EDUCATION = "education", "Education"
    FIRST_RESPONDER = "first_responder", "First responder"
    LEGAL = "legal", "Legal"
    FAITH_COMMUNITY = "faith_community", "Faith community"
    OTHER = "other", "Other"


class Agency(models.Model):
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=32, choices=AgencyKind.choices)
    regions = models.ManyToManyField(Region, related_name="agencies", blank=True)
    is_service_provider = models.BooleanField(
        default=False, help_text="Reports to the state under the annual services plan."
    )
    receives_federal_victim_funds = models.BooleanField(
        default=False,
        help_text="Bound by 34 U.S.C. 12291(b)(2): may never disclose personal information.",
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    STATE_ADMIN = "state_admin", "State admin"
    COORDINATOR = "coordinator", "Regional coordinator"
    MDT_MEMBER = "mdt_member", "MDT member"
    RESPONDER = "responder", "Rapid-response contact"
    PROVIDER_REPORTER = "provider_reporter", "Provider reporter"


class Duty(models.TextChoices):
    PRIMARY = "primary", "Primary"
    BACKUP = "backup", "Backup"
    # A contact who takes turns on the region's on-call schedule (notifications/schedules)
    # rather than holding the fixed primary or backup duty; a region may have many.
    ROTATION = "rotation", "On the on-call schedule"


# Which scope each role carries; every other scope field must be empty.
ROLE_SCOPE = {
    Role.STATE_ADMIN: (),
    Role.COORDINATOR: ("region",),
    Role.MDT_MEMBER: ("mdt",),
    Role.RESPONDER: ("region", "duty"),
    Role.PROVIDER_REPORTER: ("agency",),
}


SCOPE_FIELDS = ("region", "mdt", "agency", "duty")


SCOPE_NAMES = {"region": "a region", "mdt": "an MDT", "agency": "an agency", "duty": "a duty"}


def _scope_shape(role: str) -> Q:
    needed = ROLE_SCOPE[role]
    shape = Q(role=role)
    for field in SCOPE_FIELDS:
        shape &= Q(**{f"{field}__isnull": field not in needed})
    return shape


def _unique_per(role: str, *fields: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(
        fields=fields,
        condition=Q(role=role),
        name=f"unique_{role}_{'_'.join(fields)}",
        violation_error_message="This role is already assigned.",
    )


class RoleAssignment(models.Model):
    """A role held by a user within one scope (state, region, MDT or agency)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(max_length=32, choices=Role.choices)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="role_assignments"
    )
    # Points up the layers (mdt stands on coordination), so by name, never by import.
    mdt = models.ForeignKey(
        "mdt.MDT", on_delete=models.PROTECT, null=True, blank=True, related_name="role_assignments"
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="role_assignments"
    )
    duty = models.CharField(max_length=16, choices=Duty.choices, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user_id", "role", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    _scope_shape(Role.STATE_ADMIN)
                    | _scope_shape(Role.COORDINATOR)
                    | _scope_shape(Role.MDT_MEMBER)
                    | _scope_shape(Role.RESPONDER)
                    | _scope_shape(Role.PROVIDER_REPORTER)
                ),
                name="role_assignment_scope_matches_role",
                violation_error_message="The scope does not match the role.",
            ),
            _unique_per(Role.STATE_ADMIN, "user"),
            _unique_per(Role.COORDINATOR, "user", "region"),
            _unique_per(Role.MDT_MEMBER, "user", "mdt"),
            _unique_per(Role.RESPONDER, "user", "region"),
            _unique_per(Role.PROVIDER_REPORTER, "user", "agency"),
            # One central contact per region, with one backup (and any number who take
            # turns on the schedule).
            models.UniqueConstraint(
                fields=["region", "duty"],
                condition=Q(role=Role.RESPONDER, duty__in=["primary", "backup"]),
                name="one_responder_per_region_and_duty",
                violation_error_message="This region already has a contact on that duty.",
            ),
        ]

    def __str__(self) -> str:
        scope = self.region or self.mdt or self.agency
        label = self.get_role_display()
        if self.duty:
            label = f"{label} ({self.get_duty_display().lower()})"
        return f"{self.user} — {label}" + (f" — {scope}" if scope else "")

    def clean(self) -> None:
        """Name the scope field that is missing or out of place, in plain words."""
        if self.role not in ROLE_SCOPE:
            return  # the choices validator reports it
        needed = ROLE_SCOPE[Role(self.role)]
        errors: dict[str, str] = {}
        role_label = Role(self.role).label
        for field in SCOPE_FIELDS:
            present = getattr(self, f"{field}_id" if field != "duty" else field) is not None
            if field in needed and not present:
                errors[field] = f"The {role_label} role needs {SCOPE_NAMES[field]}."
            elif field not in needed and present:
                errors[field] = f"The {role_label} role has no {field}; leave it empty."
        if errors:
            raise ValidationError(errors)


class Discipline(models.TextChoices):
    """The professions that take part in community action, MDTs and summits."""

    CHILD_WELFARE = "child_welfare", _("Child welfare")
    LAW_ENFORCEMENT = "law_enforcement", _("Law enforcement")
    HEALTH_CARE = "health_care", _("Health care")
    EDUCATION = "education", _("Education")
    FIRST_RESPONDER = "first_responder", _("First responder")
    ADVOCACY = "advocacy", _("Advocacy center")
    SERVICE_PROVIDER = "service_provider", _("Service provider")
    LEGAL = "legal", _("Legal and courts")
    FAITH_COMMUNITY = "faith_community", _("Faith community")
    SURVIVOR_LEADER = "survivor_leader", _("Survivor leader")
    COMMUNITY_MEMBER = "community_member", _("Community member")
    OTHER = "other", _("Other")


class AuditAction(models.TextChoices):
    CREATE = "create", "Create"
    UPDATE = "update", "Update"
    TRANSITION = "transition", "Transition"
    READ_LIST = "read_list", "Read a list"
    READ_DETAIL = "read_detail", "Read one"


class AuditEntry(models.Model):
    """Who did what to which de-identified record, when. Coded only: it never holds free
    text from the record (a transition's name, changed field names, ids)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="audit_entries"
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    action = models.CharField(max_length=16, choices=AuditAction.choices)
    object_type = models.CharField(max_length=64)
    object_ids = models.JSONField(default=list)
    detail = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action} {self.object_type}"
