"""Serializers of the directory, people, roles and credentials."""

from django.contrib.auth import get_user_model
from rest_framework import serializers

from ...plumbing.api.serializers import StrictInputMixin
from ..api_tokens import ApiToken
from ..models import Agency, AuditEntry, Parish, Region, RoleAssignment

User = get_user_model()


# --- Regions, parishes, agencies -----------------------------------------------------
class RegionSerializer(StrictInputMixin, serializers.ModelSerializer):
    class Meta:
        model = Region
        fields = ["id", "name", "slug", "escalation_minutes", "acknowledgement_timeout_minutes"]


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


class AuditEntrySerializer(serializers.ModelSerializer):
    user = serializers.CharField(source="user.get_username")

    class Meta:
        model = AuditEntry
        fields = ["id", "at", "user", "action", "object_type", "object_ids", "detail"]
