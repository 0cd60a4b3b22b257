"""Serializers of annual reporting."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ...people.models import Agency, Parish
from ...plumbing.api.serializers import ScopedRelationsMixin, StrictInputMixin
from .. import selectors
from ..models import (
    AnnualSubmission,
    DeclineReason,
    ReportingCycle,
    ResponseStatus,
    ServedCase,
    ServiceOffered,
    SubmissionVersion,
)
from ..submissions import MAX_ROWS


# --- annual reporting ----------------------------------------------------------------------------
class ReportingCycleSerializer(StrictInputMixin, serializers.ModelSerializer):
    providers = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Agency.objects.filter(is_service_provider=True)
    )
    providers_asked = serializers.SerializerMethodField()
    providers_reported = serializers.SerializerMethodField()
    label = serializers.CharField(read_only=True)
    remind_days_before = serializers.ListField(
        child=serializers.IntegerField(min_value=0, max_value=365),
        max_length=5,
        required=False,
        help_text="Days before the deadline when providers that have not answered are "
        "reminded by e-mail (14 and 3 by default).",
    )
    remind_days_after = serializers.ListField(
        child=serializers.IntegerField(min_value=0, max_value=365),
        max_length=5,
        required=False,
        help_text="Days after the deadline (1, 7 and 30 by default).",
    )

    class Meta:
        model = ReportingCycle
        fields = [
            "id",
            "year",
            "cadence",
            "period",
            "funder",
            "label",
            "remind_days_before",
            "remind_days_after",
            "providers",
            "deadline",
            "status",
            "providers_asked",
            "providers_reported",
            "opened_at",
            "closed_at",
            "published_at",
        ]
        read_only_fields = ["status", "opened_at", "closed_at", "published_at"]

    def get_providers_asked(self, cycle) -> int:
        return getattr(cycle, "providers_asked", None) or cycle.providers.count()

    def get_providers_reported(self, cycle) -> int:
        return getattr(cycle, "providers_reported", None) or cycle.submissions.count()


class ReportingCycleUpdateSerializer(ReportingCycleSerializer):
    class Meta(ReportingCycleSerializer.Meta):
        read_only_fields = [
            "year",
            "cadence",
            "period",
            "status",
            "opened_at",
            "closed_at",
            "published_at",
        ]


class PublishSerializer(StrictInputMixin, serializers.Serializer):
    published = serializers.BooleanField(help_text="On the public dashboard, or off it.")


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
    drop_rows = serializers.BooleanField(
        default=False,
        help_text="A revision that leaves out case rows of the current version is refused "
        "(400, naming them) unless this confirms they are dropped.",
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


# --- the completeness tracker -------------------------------------------------------------------
class ProviderStandingSerializer(serializers.Serializer):
    agency = serializers.IntegerField(source="agency.pk")
    agency_name = serializers.CharField(source="agency.name")
    state = serializers.ChoiceField(
        choices=["submitted", "declined", "in_progress", "overdue", "asked", "not_reported"]
    )
    since = serializers.DateTimeField(allow_null=True)
    reason = serializers.CharField(help_text="A decline's reason, in words.")
    days_overdue = serializers.IntegerField()
    reminders = serializers.IntegerField(help_text="Reminder e-mails sent.")


class ProviderResponseSerializer(ScopedRelationsMixin, StrictInputMixin, serializers.Serializer):
    """A provider's word before submitting. `agency`: one the reporter reports for (any
    provider for a state admin)."""

    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.none())
    status = serializers.ChoiceField(choices=ResponseStatus.choices)
    reason = serializers.ChoiceField(
        choices=DeclineReason.choices, required=False, default="", allow_blank=True
    )
    scoped_relations = {"agency": selectors.responding_agency_list}
