from django.contrib.auth import get_user_model
from rest_framework import serializers

from coordination.learning import selectors as learning_selectors
from coordination.models import Agency, Parish, Region, Summit
from coordination.people import selectors as people_selectors
from coordination.plumbing.api.serializers import ScopedRelationsMixin, StrictInputMixin
from phases.models import (
    ActionItem,
    DataRequest,
    Finding,
    Initiative,
    OutcomeMeasure,
    Phase,
    PhaseTransition,
    VictimCategory,
)

User = get_user_model()


class InitiativeSerializer(StrictInputMixin, ScopedRelationsMixin, serializers.ModelSerializer):
    region = serializers.PrimaryKeyRelatedField(queryset=Region.objects.none())
    partner_agencies = serializers.PrimaryKeyRelatedField(
        queryset=Agency.objects.none(), many=True, required=False
    )
    parishes = serializers.PrimaryKeyRelatedField(
        queryset=Parish.objects.none(), many=True, required=False
    )
    victim_categories = serializers.ListField(
        child=serializers.ChoiceField(choices=VictimCategory.choices),
        required=False,
        max_length=len(VictimCategory.choices),
    )
    # Among the coordinators of the regions one coordinates: any other person answers
    # like no one (the service's refusal named whoever an id belonged to).
    coordinator = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.none(), allow_null=True, required=False
    )
    phase_number = serializers.IntegerField(read_only=True, allow_null=True)
    scoped_relations = {
        "region": people_selectors.region_list,
        "partner_agencies": people_selectors.agency_list,
        "parishes": people_selectors.parish_list,
        "coordinator": people_selectors.coordinator_list,
    }

    class Meta:
        model = Initiative
        fields = [
            "id",
            "region",
            "title",
            "need_statement",
            "partner_agencies",
            "victim_categories",
            "parishes",
            "coordinator",
            "phase",
            "phase_number",
            "opened_at",
            "closed_at",
        ]
        read_only_fields = ["phase", "opened_at", "closed_at"]


class InitiativeUpdateSerializer(InitiativeSerializer):
    """An initiative stays in the region it was opened in."""

    region = serializers.PrimaryKeyRelatedField(read_only=True)
    scoped_relations = {
        "partner_agencies": people_selectors.agency_list,
        "parishes": people_selectors.parish_list,
        "coordinator": people_selectors.coordinator_list,
    }


class TransitionRequestSerializer(StrictInputMixin, serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000)
    expected_phase = serializers.ChoiceField(choices=Phase.choices, required=False)


class PhaseTransitionSerializer(serializers.ModelSerializer):
    by = serializers.CharField(source="by.get_username")

    class Meta:
        model = PhaseTransition
        fields = ["id", "transition", "from_phase", "to_phase", "by", "at", "note"]


class GateStatusSerializer(serializers.Serializer):
    key = serializers.CharField()
    description = serializers.CharField()
    met = serializers.BooleanField()


class TransitionOptionSerializer(serializers.Serializer):
    name = serializers.CharField()
    to_phase = serializers.CharField()
    ready = serializers.BooleanField()
    needs_reason = serializers.BooleanField()
    gates = GateStatusSerializer(many=True)


# --- Phase records -------------------------------------------------------------------
class RecordSerializer(StrictInputMixin, ScopedRelationsMixin, serializers.ModelSerializer):
    initiative = serializers.PrimaryKeyRelatedField(read_only=True)


class DataRequestSerializer(RecordSerializer):
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.none())
    answered = serializers.BooleanField(read_only=True)
    scoped_relations = {"agency": people_selectors.agency_list}

    class Meta:
        model = DataRequest
        fields = [
            "id",
            "initiative",
            "agency",
            "description",
            "requested_on",
            "answered_on",
            "answered",
        ]


class FindingSerializer(RecordSerializer):
    summit = serializers.PrimaryKeyRelatedField(
        queryset=Summit.objects.none(), allow_null=True, required=False
    )
    scoped_relations = {"summit": learning_selectors.summit_list}

    class Meta:
        model = Finding
        fields = ["id", "initiative", "statement", "summit", "recorded_on"]


class ActionItemSerializer(RecordSerializer):
    owner_agency = serializers.PrimaryKeyRelatedField(
        queryset=Agency.objects.none(), allow_null=True, required=False
    )
    scoped_relations = {"owner_agency": people_selectors.agency_list}

    class Meta:
        model = ActionItem
        fields = ["id", "initiative", "description", "owner_agency", "due_on", "status"]


class OutcomeMeasureSerializer(RecordSerializer):
    source = serializers.CharField(
        max_length=40,
        required=False,
        allow_blank=True,
        help_text="Bind the measure to a count Lantern keeps, for the initiative's region: "
        "`mdts` (MDTs not retired that have held a meeting), `mdts_active` (MDTs that held "
        "a meeting in the last 12 months) or `mdt_meetings` (MDT meetings held in the last "
        "12 months). Its result is then counted, and a result typed here is refused.",
    )

    class Meta:
        model = OutcomeMeasure
        fields = ["id", "initiative", "name", "baseline", "target", "result", "source"]
