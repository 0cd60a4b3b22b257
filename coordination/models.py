"""The ground of Lantern: where things happen (regions, parishes), who takes part
(agencies) and who may do what (role assignments)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django_fsm import FSMField, FSMModelMixin, transition

from .bounds import LONG_TEXT, SHORT_TEXT, bounded_text, plausible_date


class Region(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    escalation_minutes = models.PositiveSmallIntegerField(
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(1440)],
        help_text="Minutes an alert may stay unacknowledged before it escalates.",
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
            # One central contact per region, with one backup.
            models.UniqueConstraint(
                fields=["region", "duty"],
                condition=Q(role=Role.RESPONDER),
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

    CHILD_WELFARE = "child_welfare", "Child welfare"
    LAW_ENFORCEMENT = "law_enforcement", "Law enforcement"
    HEALTH_CARE = "health_care", "Health care"
    EDUCATION = "education", "Education"
    FIRST_RESPONDER = "first_responder", "First responder"
    ADVOCACY = "advocacy", "Advocacy center"
    SERVICE_PROVIDER = "service_provider", "Service provider"
    LEGAL = "legal", "Legal and courts"
    FAITH_COMMUNITY = "faith_community", "Faith community"
    SURVIVOR_LEADER = "survivor_leader", "Survivor leader"
    COMMUNITY_MEMBER = "community_member", "Community member"
    OTHER = "other", "Other"


# --- the shared, de-identified vocabulary of cases (referrals and annual submissions) ------
class AgeBand(models.TextChoices):
    UNDER_12 = "0-11", "0–11"
    YOUNG_TEEN = "12-14", "12–14"
    OLDER_TEEN = "15-17", "15–17"
    YOUNG_ADULT = "18-24", "18–24"
    ADULT = "25-34", "25–34"
    OLDER_ADULT = "35+", "35 and over"
    UNKNOWN = "unknown", "Unknown"


MINOR_AGE_BANDS = (AgeBand.UNDER_12, AgeBand.YOUNG_TEEN, AgeBand.OLDER_TEEN)
ADULT_AGE_BANDS = (AgeBand.YOUNG_ADULT, AgeBand.ADULT, AgeBand.OLDER_ADULT)


class TraffickingType(models.TextChoices):
    SEX = "sex", "Sex trafficking"
    LABOR = "labor", "Labor trafficking"
    SEX_AND_LABOR = "sex_and_labor", "Sex and labor trafficking"
    UNKNOWN = "unknown", "Unknown"


class VictimStatus(models.TextChoices):
    CONFIRMED = "confirmed", "Confirmed (states they are a victim, or law enforcement confirms)"
    PROSPECTIVE = "prospective", "Prospective (at risk)"


class Summit(models.Model):
    """A regional summit: community education across disciplines, and a way of gathering
    information (phase 3) for every initiative of its region."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="summits")
    held_on = models.DateField(validators=[plausible_date])
    place = models.CharField(max_length=200)
    organisers = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"{self.region} summit, {self.held_on:%B %-d, %Y}"


class SummitAttendance(models.Model):
    summit = models.ForeignKey(Summit, on_delete=models.CASCADE, related_name="attendance")
    discipline = models.CharField(max_length=32, choices=Discipline.choices)
    count = models.PositiveIntegerField()

    class Meta:
        ordering = ["discipline"]
        constraints = [
            models.UniqueConstraint(
                fields=["summit", "discipline"], name="one_attendance_count_per_discipline"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_discipline_display()}: {self.count}"


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


# --- statewide statistics: the annual report to the legislature ------------------------------
class ServiceOffered(models.TextChoices):
    CASE_MANAGEMENT = "case_management", "Case management"
    SAFE_HOUSING = "safe_housing", "Safe housing"
    EMERGENCY_SHELTER = "emergency_shelter", "Emergency shelter"
    MEDICAL = "medical", "Medical care"
    MENTAL_HEALTH = "mental_health", "Mental health"
    SUBSTANCE_USE = "substance_use", "Substance use treatment"
    LEGAL = "legal", "Legal services"
    EDUCATION = "education", "Education"
    EMPLOYMENT = "employment", "Employment and job training"
    TRANSPORTATION = "transportation", "Transportation"
    FAMILY_REUNIFICATION = "family_reunification", "Family reunification"
    OTHER = "other", "Other"


class CaseStatusUpdate(models.TextChoices):
    """The coded status update a provider gives for each person served in the year."""

    RECEIVING_SERVICES = "receiving_services", "Receiving services"
    SERVICES_COMPLETED = "services_completed", "Services completed"
    REFERRED_ELSEWHERE = "referred_elsewhere", "Referred to another provider"
    REUNIFIED = "reunified", "Reunified with family"
    DECLINED_SERVICES = "declined_services", "Declined services"
    LOST_CONTACT = "lost_contact", "Lost contact"
    OTHER = "other", "Other"


class CycleStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class ReportingCycle(FSMModelMixin, models.Model):
    """One year of annual reporting: which providers are asked, by when. Providers may
    submit and revise until the state admin closes it."""

    year = models.PositiveSmallIntegerField(
        unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    providers = models.ManyToManyField(Agency, related_name="reporting_cycles")
    deadline = models.DateField(validators=[plausible_date])
    status = FSMField(default=CycleStatus.OPEN, choices=CycleStatus.choices, protected=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year"]

    def __str__(self) -> str:
        return f"Reporting year {self.year}"

    @transition(field=status, source=CycleStatus.OPEN, target=CycleStatus.CLOSED)
    def close(self, *, at) -> None:
        self.closed_at = at


class AnnualSubmission(models.Model):
    """A provider's report for a year. Its content lives in versions: each revision adds
    one, every version is kept, and the report counts the current one."""

    cycle = models.ForeignKey(ReportingCycle, on_delete=models.PROTECT, related_name="submissions")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="submissions")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["cycle", "agency__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["cycle", "agency"],
                name="one_submission_per_provider_and_year",
                violation_error_message="This provider already has a submission for the year.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} — {self.cycle.year}"


class SubmissionSource(models.TextChoices):
    FORM = "form", "Web form or API"
    UPLOAD = "upload", "Uploaded file"


class SubmissionVersion(models.Model):
    submission = models.ForeignKey(
        AnnualSubmission, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveSmallIntegerField()
    is_current = models.BooleanField(default=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    source = models.CharField(max_length=8, choices=SubmissionSource.choices)
    services_offered = models.JSONField(default=list)
    parishes_served = models.ManyToManyField(Parish, related_name="+")
    children_served = models.PositiveIntegerField()
    adults_served = models.PositiveIntegerField()

    class Meta:
        ordering = ["submission", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "number"], name="submission_version_numbers_unique"
            ),
            models.UniqueConstraint(
                fields=["submission"],
                condition=Q(is_current=True),
                name="one_current_version_per_submission",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.submission}, version {self.number}"


class ServedCase(models.Model):
    """One person served in the year, by the provider's own de-identified case code."""

    version = models.ForeignKey(SubmissionVersion, on_delete=models.CASCADE, related_name="cases")
    case_code = models.CharField(max_length=20)
    trafficking_type = models.CharField(max_length=16, choices=TraffickingType.choices)
    victim_status = models.CharField(max_length=16, choices=VictimStatus.choices)
    age_band = models.CharField(max_length=8, choices=AgeBand.choices)
    parish = models.ForeignKey(Parish, on_delete=models.PROTECT, related_name="+")
    status_update = models.CharField(max_length=24, choices=CaseStatusUpdate.choices)

    class Meta:
        ordering = ["version", "case_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "case_code"], name="one_row_per_case_code_per_version"
            )
        ]
        indexes = [models.Index(fields=["version", "trafficking_type", "victim_status"])]

    def __str__(self) -> str:
        return self.case_code


# --- collaboration surveys (after a summit) ----------------------------------------------------
class VersionedInstrument(models.Model):
    """An instrument loaded from a file (a survey, a screening tool): named, versioned,
    credited. Records made with it keep the version they used."""

    name = models.CharField(max_length=200)
    version = models.PositiveSmallIntegerField(default=1)
    source = bounded_text(LONG_TEXT, help_text="Where the instrument comes from: the credit.")
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["name", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["name", "version"], name="%(app_label)s_%(class)s_one_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} (version {self.version})"


class SurveyInstrument(VersionedInstrument):
    """A collaboration survey defined as data (loaded with `load_instrument survey`):
    categories of factors, each factor measured by items on a 5-point agreement scale."""


class InstrumentPart(models.Model):
    """A named, ordered part of an instrument (a survey's category, a screening tool's
    section); subclasses name their `instrument`."""

    name = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField()

    class Meta:
        abstract = True
        ordering = ["instrument", "order"]

    def __str__(self) -> str:
        return self.name


class SurveyCategory(InstrumentPart):
    instrument = models.ForeignKey(
        SurveyInstrument, on_delete=models.CASCADE, related_name="categories"
    )


class SurveyFactor(models.Model):
    category = models.ForeignKey(SurveyCategory, on_delete=models.CASCADE, related_name="factors")
    name = models.CharField(max_length=200)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["category__order", "order"]

    def __str__(self) -> str:
        return self.name


class SurveyItem(models.Model):
    factor = models.ForeignKey(SurveyFactor, on_delete=models.CASCADE, related_name="items")
    text = bounded_text(SHORT_TEXT)
    reverse_scored = models.BooleanField(
        default=False, help_text="Agreement means a weaker factor: scored as 6 − the answer."
    )
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.text[:60]


class SurveyLink(models.Model):
    """The one anonymous link a summit's participants share. Each use of it makes one
    response; nothing about who answered is kept."""

    summit = models.ForeignKey(Summit, on_delete=models.CASCADE, related_name="survey_links")
    instrument = models.ForeignKey(SurveyInstrument, on_delete=models.PROTECT, related_name="+")
    token = models.CharField(max_length=64, unique=True)
    is_open = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Survey of {self.summit}"


class SurveyResponse(models.Model):
    """One anonymous answer sheet: no user, no address, only the day. `form_key` is the
    digest of the one-time key of the form it came from, so a form sent twice counts once."""

    link = models.ForeignKey(SurveyLink, on_delete=models.CASCADE, related_name="responses")
    submitted_on = models.DateField()
    form_key = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return f"Response {self.pk} to {self.link}"


class SurveyAnswer(models.Model):
    """One item's answer, 1 (strongly disagree) to 5 (strongly agree); an item left
    unanswered has no row."""

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(SurveyItem, on_delete=models.PROTECT, related_name="answers")
    value = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "item"], name="one_answer_per_item"),
            models.CheckConstraint(
                condition=Q(value__gte=1) & Q(value__lte=5), name="answer_on_the_scale"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.value}"


# --- online training with pre- and post-tests ---------------------------------------------------
class TrainingModule(models.Model):
    """An online training module; participants take the same knowledge test before (pre)
    and after (post), under a pseudonymous code of their own so the two pair up."""

    title = models.CharField(max_length=200, unique=True)
    description = bounded_text(LONG_TEXT, blank=True)
    token = models.CharField(max_length=64, unique=True)
    is_open = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class TrainingQuestion(models.Model):
    module = models.ForeignKey(TrainingModule, on_delete=models.CASCADE, related_name="questions")
    text = bounded_text(SHORT_TEXT)
    order = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["module", "order"]

    def __str__(self) -> str:
        return self.text[:60]


class TrainingChoice(models.Model):
    question = models.ForeignKey(TrainingQuestion, on_delete=models.CASCADE, related_name="choices")
    text = models.CharField(max_length=300)
    is_correct = models.BooleanField(default=False)

    class Meta:
        ordering = ["question", "id"]

    def __str__(self) -> str:
        return self.text


class TestKind(models.TextChoices):
    __test__ = False  # not a pytest test class, whatever its name

    PRE = "pre", "Pre-test (before the module)"
    POST = "post", "Post-test (after the module)"


class TestAttempt(models.Model):
    __test__ = False  # not a pytest test class, whatever its name

    module = models.ForeignKey(TrainingModule, on_delete=models.PROTECT, related_name="attempts")
    participant_code = models.CharField(max_length=20)
    kind = models.CharField(max_length=4, choices=TestKind.choices)
    discipline = models.CharField(max_length=32, choices=Discipline.choices)
    correct = models.PositiveSmallIntegerField()
    questions = models.PositiveSmallIntegerField()
    taken_on = models.DateField()

    class Meta:
        ordering = ["module", "participant_code", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["module", "participant_code", "kind"],
                name="one_attempt_per_code_and_test",
                violation_error_message="This code has already taken this test.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.participant_code} {self.kind} {self.module}"

    @property
    def percent(self) -> float:
        return 100 * self.correct / self.questions if self.questions else 0.0


# --- the practices inventory ------------------------------------------------------------------
class Practice(models.TextChoices):
    COMMUNITY_ACTION_MODEL = "community_action_model", "Community action model"
    SCREENING_TOOL = "statewide_screening_tool", "Statewide screening tool"
    CROSS_DISCIPLINE_TRAINING = "cross_discipline_training", "Cross-discipline training"
    TRAUMA_INFORMED = "trauma_informed_practice", "Trauma-informed practice"
    MDTS = "mdts", "Multidisciplinary teams (MDTs)"
    MENTORSHIP = "mentorship", "Mentorship"
    RAPID_RESPONSE = "rapid_response", "Rapid response with one central contact"
    YOUTH_ADVISORY_BOARD = "youth_advisory_board", "Youth survivors on an advisory board"
    JOHN_SCHOOLS = "john_schools", "John schools"
    CUSTOM = "custom", "Other practice"


class RegionPractice(models.Model):
    """A practice a region uses (or has stopped using)."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="practices")
    practice = models.CharField(max_length=32, choices=Practice.choices)
    custom_name = models.CharField(max_length=100, blank=True)
    in_use = models.BooleanField(default=True)
    since = models.DateField(null=True, blank=True, validators=[plausible_date])
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["region", "practice", "custom_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "practice", "custom_name"],
                name="one_row_per_region_practice",
                violation_error_message="This practice is already listed for the region.",
            ),
            models.CheckConstraint(
                condition=(Q(practice="custom") & ~Q(custom_name=""))
                | (~Q(practice="custom") & Q(custom_name="")),
                name="custom_practices_are_named",
                violation_error_message="Name an “other” practice; listed ones take no name.",
            ),
        ]

    def __str__(self) -> str:
        return self.custom_name or self.get_practice_display()


from .api_tokens import ApiToken, SocketTicket  # noqa: E402,F401 - credentials, own module
