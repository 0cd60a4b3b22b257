"""`/api/v1/push-devices/`: a phone app (or any client) subscribes its device to Web Push,
lists and removes the person's own devices, reads Lantern's VAPID key, and sends a test."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from coordination.people.access import access_for
from coordination.plumbing.api.serializers import StrictInputMixin

from .. import selectors
from ..models import PushSubscription
from . import services, vapid


class DeviceKeysSerializer(StrictInputMixin, serializers.Serializer):
    p256dh = serializers.CharField(max_length=200)
    auth = serializers.CharField(max_length=100)


class PushDeviceSerializer(StrictInputMixin, serializers.ModelSerializer):
    """A browser's PushSubscription.toJSON() (`endpoint`, `keys`) and a `label`. The
    endpoint and keys are never sent back."""

    endpoint = serializers.CharField(max_length=1000, write_only=True)
    keys = DeviceKeysSerializer(write_only=True)
    label = serializers.CharField(max_length=200, required=False, allow_blank=True)

    class Meta:
        model = PushSubscription
        fields = ["id", "endpoint", "keys", "label", "created_at", "last_sent_at", "failures"]
        read_only_fields = ["created_at", "last_sent_at", "failures"]


class PushDeviceViewSet(
    mixins.ListModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """The person's own devices that get alerts as phone notifications."""

    serializer_class = PushDeviceSerializer
    pagination_class = None
    queryset = PushSubscription.objects.none()  # the schema's type; get_queryset scopes it

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # Who may have devices at all, before any body is read.
        if not selectors.may_receive_alerts(access_for(request.user)):
            raise PermissionDenied("Phone notifications are for people who are given alerts.")

    def get_queryset(self):
        return PushSubscription.objects.filter(user=self.request.user)

    def perform_create(self, serializer):
        data = serializer.validated_data
        serializer.instance = services.push_subscribe(
            actor=self.request.user,
            endpoint=data["endpoint"],
            p256dh=data["keys"]["p256dh"],
            auth=data["keys"]["auth"],
            label=data.get("label", ""),
        )

    def perform_destroy(self, instance):
        services.push_unsubscribe(actor=self.request.user, subscription=instance)

    @extend_schema(
        request=None,
        responses=inline_serializer(
            "PushKey",
            {
                "enabled": serializers.BooleanField(),
                "public_key": serializers.CharField(allow_null=True),
            },
        ),
    )
    @action(detail=False, methods=["get"])
    def key(self, request):
        """Lantern's VAPID public key: subscribe with it as the applicationServerKey."""
        return Response({"enabled": vapid.enabled(), "public_key": vapid.public_key()})

    @extend_schema(
        request=None,
        responses=inline_serializer("PushTest", {"sent": serializers.IntegerField()}),
    )
    @action(detail=False, methods=["post"])
    def test(self, request):
        """Send a test notification to each of the person's devices."""
        return Response({"sent": services.push_test(actor=request.user)}, status=status.HTTP_200_OK)
