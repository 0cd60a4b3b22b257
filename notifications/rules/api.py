"""`/api/v1/alert-settings/`: a person's own alert settings, as on "Your alert settings" —
their work e-mail and phone (staff contact details, not case data) and their notification
rules. PATCH changes what it names."""

from django.db import transaction
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from coordination.people.access import access_for
from coordination.plumbing.api.serializers import StrictInputMixin

from .. import selectors
from ..models import Channel, ContactPhone, NotificationRule
from ..phone import provider as phone_provider
from ..push import services as contact_services
from . import services


class RuleSerializer(StrictInputMixin, serializers.Serializer):
    channel = serializers.ChoiceField(choices=Channel.choices)
    delay_minutes = serializers.IntegerField(
        min_value=0, max_value=services.DELAY_MAX, help_text="After the alert reaches you."
    )


class AlertSettingsSerializer(StrictInputMixin, serializers.Serializer):
    email = serializers.EmailField(max_length=254, required=False, allow_blank=True)
    phone = serializers.CharField(
        max_length=contact_services.PHONE_INPUT_MAX,
        required=False,
        allow_blank=True,
        help_text="Your work phone, for texts and calls; empty removes it. Read back as E.164.",
    )
    rules = serializers.ListField(
        child=RuleSerializer(), min_length=1, max_length=services.RULES_MAX, required=False
    )
    rules_are_default = serializers.BooleanField(
        read_only=True, help_text="True while you follow the default rules (you set none)."
    )
    phone_channel_on = serializers.BooleanField(
        read_only=True, help_text="Whether texts and calls are switched on for Lantern."
    )


def _settings(user) -> dict:
    phone = ContactPhone.objects.filter(user=user).first()
    rules = services.rules_for([user.pk])[user.pk]
    return {
        "email": user.email,
        "phone": phone.number if phone else "",
        "rules": [{"channel": channel, "delay_minutes": delay} for channel, delay in rules],
        "rules_are_default": not NotificationRule.objects.filter(user=user).exists(),
        "phone_channel_on": phone_provider.enabled(),
    }


class AlertSettingsView(APIView):
    """Your own alert settings (for people who are given alerts)."""

    serializer_class = AlertSettingsSerializer

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # Who may have alert settings at all, before any body is read.
        if not selectors.may_receive_alerts(access_for(request.user)):
            raise PermissionDenied("Alert settings are for people who are given alerts.")

    @extend_schema(responses=AlertSettingsSerializer)
    def get(self, request):
        return Response(AlertSettingsSerializer(_settings(request.user)).data)

    @extend_schema(request=AlertSettingsSerializer, responses=AlertSettingsSerializer)
    def patch(self, request):
        body = AlertSettingsSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        data, user = body.validated_data, request.user
        with transaction.atomic():  # the phone first: texts and calls need it
            if "email" in data or "phone" in data:
                current = _settings(user)
                contact_services.contact_details_update(
                    actor=user,
                    email=data.get("email", current["email"]),
                    phone=data.get("phone", current["phone"]),
                )
            if "rules" in data:
                steps = [(rule["channel"], rule["delay_minutes"]) for rule in data["rules"]]
                services.rules_set(actor=user, rules=steps)
        user.refresh_from_db()
        return Response(AlertSettingsSerializer(_settings(user)).data)
