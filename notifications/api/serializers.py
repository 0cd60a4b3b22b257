from django.contrib.auth import get_user_model
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from coordination.models import Region
from coordination.people import selectors as people_selectors
from coordination.people.access import access_for
from coordination.plumbing.api.serializers import ScopedRelationsMixin, StrictInputMixin
from notifications import selectors
from notifications.models import Alert, AlertGroup, DutyOverride

User = get_user_model()


def _referral_list(*, user):
    """Referrals of the user's MDTs (all for state admins): the access policy's rows, with
    the model reached through the alert's own foreign key (notifications stands below mdt
    and never imports it)."""
    referrals = Alert._meta.get_field("referral").related_model.objects
    return referrals.filter(access_for(user).mdt_records_q("mdt"))


class AssignedGroupField(serializers.ChoiceField):
    """The group an escalation step gave the alert to; null while a person has it."""

    def __init__(self, **kwargs):
        super().__init__(choices=AlertGroup.choices, read_only=True, allow_null=True, **kwargs)

    def to_representation(self, value):
        return value or None


class AlertSerializer(StrictInputMixin, ScopedRelationsMixin, serializers.ModelSerializer):
    """A region or referral the user cannot see answers like one that does not exist."""

    region = serializers.PrimaryKeyRelatedField(queryset=Region.objects.none())
    scoped_relations = {"region": people_selectors.region_list, "referral": _referral_list}
    assigned_to = serializers.CharField(
        source="assigned_to.get_username", default=None, read_only=True, allow_null=True
    )
    assigned_group = AssignedGroupField()

    class Meta:
        model = Alert
        fields = [
            "id",
            "region",
            "severity",
            "summary",
            "referral",
            "status",
            "assigned_to",
            "assigned_group",
            "escalation_level",
            "escalation_repeat",
            "escalate_at",
            "raised_at",
            "acknowledged_at",
            "resolved_at",
        ]
        read_only_fields = [
            "status",
            "assigned_group",
            "escalation_level",
            "escalation_repeat",
            "escalate_at",
            "raised_at",
            "acknowledged_at",
            "resolved_at",
        ]
        extra_kwargs = {"referral": {"required": False, "allow_null": True}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only a referral the user may read can be named: any other id answers as one
        # that does not exist (a coordinator cannot probe for referrals through alerts).
        request = self.context.get("request")
        referrals = Alert._meta.get_field("referral").related_model.objects
        self.fields["referral"].queryset = referrals.filter(
            access_for(getattr(request, "user", None)).referrals_q()
        ).distinct()


class DutyContactSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    username = serializers.CharField(source="get_username")


class DutyOverrideSerializer(serializers.ModelSerializer):
    contact = DutyContactSerializer()
    started_by = DutyContactSerializer()
    ended_by = DutyContactSerializer(allow_null=True)

    class Meta:
        model = DutyOverride
        fields = [
            "id",
            "region",
            "contact",
            "reason",
            "started_at",
            "started_by",
            "ends_at",
            "ended_at",
            "ended_by",
        ]


class RotaWarningSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=["no_contact", "contact_offline"])
    message = serializers.CharField()


class OnDutySerializer(serializers.Serializer):
    """A region's rota now: the rota's primary and backup, any override in force, who an
    alert goes to first and next, whether they have a console open, and the warnings."""

    region = serializers.IntegerField(source="region.pk")
    region_name = serializers.CharField(source="region.name")
    escalation_minutes = serializers.IntegerField(source="region.escalation_minutes")
    primary = DutyContactSerializer(allow_null=True)
    backup = DutyContactSerializer(allow_null=True)
    override = DutyOverrideSerializer(allow_null=True)
    on_duty = DutyContactSerializer(source="contact", allow_null=True)
    next_contact = serializers.SerializerMethodField()
    on_duty_connected = serializers.SerializerMethodField()
    warnings = RotaWarningSerializer(many=True)

    @extend_schema_field(DutyContactSerializer(allow_null=True))
    def get_next_contact(self, duty):
        behind = duty.chain[1]
        if behind is None or duty.contact is None or behind.pk == duty.contact.pk:
            return None
        return DutyContactSerializer(behind).data

    def get_on_duty_connected(self, duty) -> bool:
        return duty.contact is not None and duty.contact.pk in duty.connected


class TakeOverSerializer(StrictInputMixin, serializers.Serializer):
    """`context["region"]`: the contact is one of the region's candidates for duty (its
    contacts and coordinators, as the rota shows them); anyone else answers like no one."""

    contact = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.none(),
        required=False,
        help_text="Who goes on duty; you, if left out. One of the region's contacts or "
        "coordinators.",
    )
    ends_at = serializers.DateTimeField(required=False, allow_null=True)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        region = self.context.get("region")
        if region is not None:
            self.fields["contact"].queryset = selectors.duty_candidates(region)
