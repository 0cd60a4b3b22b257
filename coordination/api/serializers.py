"""Input and output shapes of coordination's API.

Input serializers are strict: a field the endpoint does not know is an error, never
silently dropped (the same rule that keeps personal data out of referrals).
"""

from django.contrib.auth import get_user_model
from rest_framework import serializers

from coordination.models import Agency, Parish, Region, RoleAssignment

User = get_user_model()


class StrictInputMixin:
    """Reject unknown fields with a 400 naming each one."""

    def to_internal_value(self, data):
        if hasattr(data, "keys"):
            writable = {name for name, field in self.fields.items() if not field.read_only}
            unknown = sorted(set(data.keys()) - writable)
            if unknown:
                raise serializers.ValidationError(
                    {name: ["Unknown field; this endpoint does not accept it."] for name in unknown}
                )
        return super().to_internal_value(data)


# --- Regions, parishes, agencies -----------------------------------------------------
class RegionSerializer(StrictInputMixin, serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["id", "name", "slug", "escalation_minutes"]


class ParishSerializer(StrictInputMixin, serializers.ModelSerializer):
    region = serializers.PrimaryKeyRelatedField(
        queryset=Region.objects.all(), allow_null=True, required=False
    )
    region_name = serializers.CharField(source="region.name", read_only=True, default=None)

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
class UserSerializer(StrictInputMixin, serializers.ModelSerializer):
    password = serializers.CharField(
        write_only=True, style={"input_type": "password"}, trim_whitespace=False
    )

    class Meta:
        model = User
        fields = ["id", "username", "password", "email", "is_active"]


class UserUpdateSerializer(UserSerializer):
    """Username is fixed once created; the password is optional on update."""

    password = serializers.CharField(
        write_only=True, required=False, style={"input_type": "password"}, trim_whitespace=False
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
    region_name = serializers.CharField(source="region.name", default=None)
    mdt_name = serializers.CharField(source="mdt.name", default=None)
    agency_name = serializers.CharField(source="agency.name", default=None)

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
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField()
