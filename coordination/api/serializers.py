"""Input and output shapes of coordination's API.

Input serializers are strict: a field the endpoint does not know is an error, never
silently dropped (the same rule that keeps personal data out of referrals).
"""

from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.fields import empty
from rest_framework.settings import api_settings

from coordination import selectors
from coordination.bounds import LONG_TEXT, SHORT_TEXT
from coordination.models import (
    Agency,
    AnnualSubmission,
    ApiToken,
    AuditEntry,
    Discipline,
    Parish,
    Practice,
    Region,
    ReportingCycle,
    RoleAssignment,
    ServedCase,
    ServiceOffered,
    SubmissionVersion,
    Summit,
    TrainingModule,
)
from coordination.submissions import MAX_ROWS

User = get_user_model()


# A list in a request (parishes, needs, practices…) holds at most this many items unless its
# field sets its own limit (an annual submission's case rows).
MAX_LIST_ITEMS = 500


class StrictInputMixin:
    """Reject unknown fields with a 400. A read-only field is named (the name is the
    server's own); an unknown one is counted, never named (its name is the client's, and
    could be anything: `Jane Doe` as a key), and the answer lists the fields accepted."""

    def to_internal_value(self, data):
        if hasattr(data, "keys"):
            writable = sorted(name for name, field in self.fields.items() if not field.read_only)
            sent = set(data.keys()) - set(writable)
            if sent:
                errors = {
                    name: ["Read-only: it is not written here."]
                    for name in sorted(sent & set(self.fields))
                }
                unknown = len(sent - set(self.fields))
                if unknown:
                    errors[api_settings.NON_FIELD_ERRORS_KEY] = [
                        f"{unknown} unknown field(s) refused; the fields accepted here are: "
                        f"{', '.join(writable) or 'none'}."
                    ]
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)

    def run_validation(self, data=empty):
        # Before any item is parsed (a related id costs a query each): no list is longer
        # than its field allows, MAX_LIST_ITEMS unless the field says otherwise.
        if hasattr(data, "keys"):
            errors = {}
            for name, field in self.fields.items():
                value = data.get(name) if name in data else None
                if not isinstance(value, list) or field.read_only:
                    continue
                limit = getattr(field, "max_length", None) or MAX_LIST_ITEMS
                if len(value) > limit:
                    errors[name] = [f"At most {limit:,} items."]
            if errors:
                raise serializers.ValidationError(errors)
        return super().run_validation(data)


class ScopedRelationsMixin:
    """Related-object fields offer only what the requesting user can see: an id outside
    their scope is "invalid", exactly like one that does not exist (no existence leak).

    `scoped_relations = {"field": selector}` where `selector(user=...)` is a queryset.
    """

    scoped_relations: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        for name, selector in self.scoped_relations.items():
            field = self.fields[name]
            target = getattr(field, "child_relation", field)
            target.queryset = selector(user=user)


# --- Regions, parishes, agencies -----------------------------------------------------
class RegionSerializer(StrictInputMixin, serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["id", "name", "slug", "escalation_minutes"]


class ParishSerializer(StrictInputMixin, serializers.ModelSerializer):
    region = serializers.PrimaryKeyRelatedField(
        queryset=Region.objects.all(), allow_null=True, required=False
    )
    # Null without a region. Not `default=None`: DRF leaves a field with a default out of
    # a PATCH's answer when its source is missing.
    region_name = serializers.CharField(source="region.name", read_only=True, allow_null=True)

    class Meta:
        model = Parish
        fields = ["id", "name", "fips_code", "region", "region_name"]
        read_only_fields = ["name", "fips_code"]


class AgencySerializer(StrictInputMixin, serializers.ModelSerializer):
    regions = serializers.PrimaryKeyRelatedField(
        queryset=Region.objects.all(), many=True, required=False
    )

    class Meta:
        model = Agency
        fields = [
            "id",
            "name",
            "kind",
            "regions",
            "is_service_provider",
            "receives_federal_victim_funds",
        ]


# --- People and roles ----------------------------------------------------------------
# Django's hashers take any length; nobody's passphrase is longer than this.
PASSWORD_LENGTH = 256


class UserSerializer(StrictInputMixin, serializers.ModelSerializer):
    password = serializers.CharField(
        write_only=True,
        max_length=PASSWORD_LENGTH,
        style={"input_type": "password"},
        trim_whitespace=False,
    )

    class Meta:
        model = User
        fields = ["id", "username", "password", "email", "is_active"]


class UserUpdateSerializer(UserSerializer):
    """Username is fixed once created; the password is optional on update."""

    password = serializers.CharField(
        write_only=True,
        required=False,
        max_length=PASSWORD_LENGTH,
        style={"input_type": "password"},
        trim_whitespace=False,
    )

    class Meta(UserSerializer.Meta):
        read_only_fields = ["username"]


class RoleAssignmentSerializer(StrictInputMixin, serializers.ModelSerializer):
    user = serializers.PrimaryKeyRelatedField(queryset=User.objects.all())
    region = serializers.PrimaryKeyRelatedField(
        queryset=Region.objects.all(), allow_null=True, required=False
    )
    agency = serializers.PrimaryKeyRelatedField(
        queryset=Agency.objects.all(), allow_null=True, required=False
    )
    mdt = serializers.PrimaryKeyRelatedField(
        queryset=RoleAssignment._meta.get_field("mdt").related_model.objects.all(),
        allow_null=True,
        required=False,
    )
    duty = serializers.ChoiceField(
        choices=RoleAssignment._meta.get_field("duty").choices, allow_null=True, required=False
    )

    class Meta:
        model = RoleAssignment
        fields = ["id", "user", "role", "region", "mdt", "agency", "duty", "created_at"]
        read_only_fields = ["created_at"]
        # The service validates scope and uniqueness with the model's own rules.
        validators: list = []


class MeRoleSerializer(serializers.ModelSerializer):
    # Each role has one scope: the other two names are null.
    region_name = serializers.CharField(source="region.name", default=None, allow_null=True)
    mdt_name = serializers.CharField(source="mdt.name", default=None, allow_null=True)
    agency_name = serializers.CharField(source="agency.name", default=None, allow_null=True)

    class Meta:
        model = RoleAssignment
        fields = [
            "id",
            "role",
            "region",
            "region_name",
            "mdt",
            "mdt_name",
            "agency",
            "agency_name",
            "duty",
        ]


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    email = serializers.EmailField()
    is_state_admin = serializers.BooleanField()
    roles = MeRoleSerializer(many=True)


class TokenRequestSerializer(StrictInputMixin, serializers.Serializer):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(
        max_length=PASSWORD_LENGTH, style={"input_type": "password"}, trim_whitespace=False
    )
    otp = serializers.CharField(
        required=False,
        max_length=8,
        help_text="The authenticator app's current code, for accounts with two-factor sign-in.",
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Send it as `Authorization: Token <token>`.")
    expiry = serializers.DateTimeField(help_text="When it stops working; use does not extend it.")


class ApiTokenSerializer(serializers.ModelSerializer):
    """One of the person's tokens, never its key: `prefix` is the key's first characters,
    enough to tell which device or script holds it."""

    prefix = serializers.CharField(read_only=True, help_text="The key's first 8 characters.")
    current = serializers.SerializerMethodField(help_text="The token this request presents.")

    class Meta:
        model = ApiToken
        fields = ["id", "created", "expiry", "prefix", "current"]
        read_only_fields = fields

    def get_current(self, token: ApiToken) -> bool:
        presented = getattr(self.context.get("request"), "auth", None)
        return isinstance(presented, ApiToken) and presented.pk == token.pk


class SocketTicketSerializer(serializers.Serializer):
    ticket = serializers.CharField(help_text="Open `/ws/alerts/?ticket=<ticket>` with it, once.")
    expires_in = serializers.IntegerField(help_text="Seconds it stays valid if unused.")


class RevokedSerializer(serializers.Serializer):
    revoked = serializers.IntegerField(help_text="How many tokens stopped working.")


# --- Summits -------------------------------------------------------------------------
class AttendanceField(serializers.DictField):
    """Attendance by discipline: `{"law_enforcement": 12, "health_care": 7}`."""

    child = serializers.IntegerField(min_value=0, max_value=100_000)

    def to_internal_value(self, data):
        counts = super().to_internal_value(data)
        unknown = set(counts) - set(Discipline.values)
        if unknown:
            # The keys are the client's: counted, not repeated.
            raise serializers.ValidationError(
                f"{len(unknown)} key(s) are not disciplines; use {', '.join(Discipline.values)}."
            )
        return counts

    def to_representation(self, value):
        return {row.discipline: row.count for row in value.all()}


class SummitSerializer(StrictInputMixin, ScopedRelationsMixin, serializers.ModelSerializer):
    region = serializers.PrimaryKeyRelatedField(queryset=Region.objects.none())
    attendance = AttendanceField(required=False)
    total_attendance = serializers.SerializerMethodField()
    scoped_relations = {"region": selectors.region_list}

    class Meta:
        model = Summit
        fields = [
            "id",
            "region",
            "held_on",
            "place",
            "organisers",
            "attendance",
            "total_attendance",
        ]

    def get_total_attendance(self, summit) -> int:
        return sum(row.count for row in summit.attendance.all())


class ScoresQuerySerializer(serializers.Serializer):
    compare = serializers.IntegerField(
        required=False, help_text="Another summit's id: the change from its scores."
    )


class AuditEntrySerializer(serializers.ModelSerializer):
    user = serializers.CharField(source="user.get_username")

    class Meta:
        model = AuditEntry
        fields = ["id", "at", "user", "action", "object_type", "object_ids", "detail"]


# --- annual reporting ----------------------------------------------------------------------------
class ReportingCycleSerializer(StrictInputMixin, serializers.ModelSerializer):
    providers = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Agency.objects.filter(is_service_provider=True)
    )
    providers_asked = serializers.SerializerMethodField()
    providers_reported = serializers.SerializerMethodField()

    class Meta:
        model = ReportingCycle
        fields = [
            "id",
            "year",
            "providers",
            "deadline",
            "status",
            "providers_asked",
            "providers_reported",
            "opened_at",
            "closed_at",
        ]
        read_only_fields = ["status", "opened_at", "closed_at"]

    def get_providers_asked(self, cycle) -> int:
        return getattr(cycle, "providers_asked", None) or cycle.providers.count()

    def get_providers_reported(self, cycle) -> int:
        return getattr(cycle, "providers_reported", None) or cycle.submissions.count()


class ReportingCycleUpdateSerializer(ReportingCycleSerializer):
    class Meta(ReportingCycleSerializer.Meta):
        read_only_fields = ["year", "status", "opened_at", "closed_at"]


class ServedCaseSerializer(serializers.ModelSerializer):
    class Meta:
        model = ServedCase
        fields = [
            "case_code",
            "trafficking_type",
            "victim_status",
            "age_band",
            "parish",
            "status_update",
        ]


class SubmissionVersionSerializer(serializers.ModelSerializer):
    submitted_by = serializers.CharField(source="submitted_by.get_username")
    case_count = serializers.IntegerField(source="cases.count")

    class Meta:
        model = SubmissionVersion
        fields = [
            "number",
            "submitted_at",
            "submitted_by",
            "source",
            "services_offered",
            "parishes_served",
            "children_served",
            "adults_served",
            "case_count",
        ]


class CurrentVersionSerializer(SubmissionVersionSerializer):
    cases = ServedCaseSerializer(many=True)

    class Meta(SubmissionVersionSerializer.Meta):
        fields = [*SubmissionVersionSerializer.Meta.fields, "cases"]


class AnnualSubmissionSerializer(serializers.ModelSerializer):
    year = serializers.IntegerField(source="cycle.year")
    current = serializers.SerializerMethodField()

    class Meta:
        model = AnnualSubmission
        fields = ["id", "cycle", "year", "agency", "current"]

    @extend_schema_field(CurrentVersionSerializer)
    def get_current(self, submission):
        version = selectors.current_version(submission)
        return CurrentVersionSerializer(version).data if version else None


class SubmissionContentSerializer(StrictInputMixin, serializers.Serializer):
    """What a provider reports for a year; case rows are checked one by one by the service."""

    services_offered = serializers.ListField(
        child=serializers.ChoiceField(choices=ServiceOffered.choices),
        allow_empty=False,
        max_length=len(ServiceOffered.choices),
    )
    parishes_served = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Parish.objects.all(), allow_empty=False
    )
    children_served = serializers.IntegerField(min_value=0)
    adults_served = serializers.IntegerField(min_value=0)
    cases = serializers.ListField(
        child=serializers.DictField(),
        max_length=MAX_ROWS,
        help_text="One object a person served: case_code, trafficking_type, victim_status, "
        "age_band, parish (name or FIPS code), status_update.",
    )


class SubmissionCreateSerializer(ScopedRelationsMixin, SubmissionContentSerializer):
    """The year and the agency are named among the reporter's own: another agency answers
    like one that does not exist (it answered 403, so existence could be probed)."""

    cycle = serializers.PrimaryKeyRelatedField(queryset=ReportingCycle.objects.none())
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.none())
    scoped_relations = {
        "cycle": selectors.cycle_list,
        "agency": selectors.reporting_agency_list,
    }


class SubmissionUploadSerializer(SubmissionCreateSerializer):
    """The same, with the case rows in an uploaded file (multipart form)."""

    cases = None
    file = serializers.FileField(help_text="The case rows: the template as .csv or .xlsx.")


# --- training and practices --------------------------------------------------------------------
class TrainingChoiceSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=300)
    correct = serializers.BooleanField(default=False, source="is_correct")


class TrainingQuestionSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=SHORT_TEXT)
    choices = TrainingChoiceSerializer(many=True, max_length=20)


class TrainingModuleSerializer(StrictInputMixin, serializers.ModelSerializer):
    questions = serializers.SerializerMethodField()
    participants = serializers.SerializerMethodField()
    take_url = serializers.SerializerMethodField()

    class Meta:
        model = TrainingModule
        fields = ["id", "title", "description", "is_open", "questions", "participants", "take_url"]
        read_only_fields = ["is_open"]

    @extend_schema_field(TrainingQuestionSerializer(many=True))
    def get_questions(self, module):
        return [
            {
                "text": question.text,
                "choices": [
                    {"text": choice.text, "correct": choice.is_correct}
                    for choice in question.choices.all()
                ],
            }
            for question in module.questions.prefetch_related("choices")
        ]

    def get_participants(self, module) -> int:
        return module.attempts.values("participant_code").distinct().count()

    def get_take_url(self, module) -> str:
        request = self.context.get("request")
        path = f"/t/{module.token}/"
        return request.build_absolute_uri(path) if request else path


class TrainingModuleCreateSerializer(StrictInputMixin, serializers.Serializer):
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=LONG_TEXT
    )
    questions = serializers.ListField(
        child=serializers.DictField(), allow_empty=False, max_length=100
    )


LISTED_PRACTICES = [choice for choice in Practice.choices if choice[0] != Practice.CUSTOM]


class PracticesSerializer(StrictInputMixin, ScopedRelationsMixin, serializers.Serializer):
    region = serializers.PrimaryKeyRelatedField(queryset=Region.objects.none())
    scoped_relations = {"region": selectors.region_list}
    practices = serializers.ListField(
        child=serializers.ChoiceField(choices=LISTED_PRACTICES),
        max_length=len(LISTED_PRACTICES),
        help_text="The listed practices in use now; those left out are not in use.",
    )
    other = serializers.CharField(required=False, allow_blank=True, max_length=100, default="")


class RegionPracticesSerializer(serializers.Serializer):
    """A region's row of the practices inventory: the listed practices it uses and the
    names of its other ones."""

    region = serializers.IntegerField()
    region_name = serializers.CharField()
    practices = serializers.ListField(child=serializers.ChoiceField(choices=LISTED_PRACTICES))
    other = serializers.ListField(child=serializers.CharField())
