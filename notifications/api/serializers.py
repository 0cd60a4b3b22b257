from rest_framework import serializers

from coordination.api.serializers import StrictInputMixin
from coordination.models import Region
from notifications.models import Alert


class AlertSerializer(StrictInputMixin, serializers.ModelSerializer):
    region = serializers.PrimaryKeyRelatedField(queryset=Region.objects.all())
    assigned_to = serializers.CharField(
        source="assigned_to.get_username", default=None, read_only=True
    )

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
            "escalation_level",
            "escalate_at",
            "raised_at",
            "acknowledged_at",
            "resolved_at",
        ]
        read_only_fields = [
            "status",
            "escalation_level",
            "escalate_at",
            "raised_at",
            "acknowledged_at",
            "resolved_at",
        ]
        extra_kwargs = {"referral": {"required": False, "allow_null": True}}
