"""Coordination's API: the state's directory (regions, parishes, agencies), people, roles,
`me` and token sign-in. Views stay thin: selectors read, services write."""

from django.contrib.auth import authenticate
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from coordination import selectors, services
from coordination.access import access_for
from coordination.models import Agency, AgencyKind, AuditEntry, Parish, RoleAssignment, Summit

from . import serializers
from .pagination import CursorPagination
from .permissions import StateAdminOnly, StateAdminWrites


class ServiceViewSet(viewsets.GenericViewSet):
    """Create, update and delete through services; lists come from scoped selectors.

    Put it first among a viewset's bases, so that its `perform_*` win over the mixins'
    (which would call `serializer.save()` and skip the service).

    Subclasses name `selector`, and the services `create_service`, `update_service`,
    `delete_service` (taking the instance as `instance_argument`).
    """

    selector = None
    create_service = None
    update_service = None
    delete_service = None
    instance_argument = ""
    update_serializer_class = None
    # Services that authorise the acting user themselves take it as `actor`.
    services_take_actor = False

    def _actor(self) -> dict:
        return {"actor": self.request.user} if self.services_take_actor else {}

    def get_queryset(self):
        return self.selector(user=self.request.user)

    def get_serializer_class(self):
        if self.action in {"update", "partial_update"} and self.update_serializer_class:
            return self.update_serializer_class
        return self.serializer_class

    def perform_create(self, serializer):
        serializer.instance = self.create_service(**self._actor(), **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = self.update_service(
            **self._actor(),
            **{self.instance_argument: serializer.instance, "data": serializer.validated_data},
        )

    def perform_destroy(self, instance):
        self.delete_service(**self._actor(), **{self.instance_argument: instance})


class RegionViewSet(
    ServiceViewSet,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
):
    """Regions the user works in (all of them for state admins). State admins write."""

    serializer_class = serializers.RegionSerializer
    permission_classes = [permissions.IsAuthenticated, StateAdminWrites]
    selector = staticmethod(selectors.region_list)
    create_service = staticmethod(services.region_create)
    update_service = staticmethod(services.region_update)
    delete_service = staticmethod(services.region_delete)
    instance_argument = "region"


class ParishFilter(filters.FilterSet):
    class Meta:
        model = Parish
        fields = ["region"]


class ParishViewSet(
    ServiceViewSet,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
):
    """Louisiana's 64 parishes, shipped as data; state admins may regroup them by region."""

    serializer_class = serializers.ParishSerializer
    permission_classes = [permissions.IsAuthenticated, StateAdminWrites]
    filterset_class = ParishFilter
    selector = staticmethod(selectors.parish_list)
    update_service = staticmethod(services.parish_update)
    instance_argument = "parish"


class AgencyFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=AgencyKind.choices)

    class Meta:
        model = Agency
        fields = ["kind", "regions", "is_service_provider", "receives_federal_victim_funds"]


class AgencyViewSet(
    ServiceViewSet,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
):
    """Agencies serving the user's regions (and their own agency). State admins write."""

    serializer_class = serializers.AgencySerializer
    permission_classes = [permissions.IsAuthenticated, StateAdminWrites]
    filterset_class = AgencyFilter
    selector = staticmethod(selectors.agency_list)
    create_service = staticmethod(services.agency_create)
    update_service = staticmethod(services.agency_update)
    delete_service = staticmethod(services.agency_delete)
    instance_argument = "agency"


class UserViewSet(
    ServiceViewSet,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
):
    """People, managed by state admins. Deactivate (`is_active: false`), never delete:
    what a person did stays attributable."""

    serializer_class = serializers.UserSerializer
    update_serializer_class = serializers.UserUpdateSerializer
    permission_classes = [permissions.IsAuthenticated, StateAdminOnly]
    filterset_fields = ["is_active"]
    selector = staticmethod(selectors.user_list)
    create_service = staticmethod(services.user_create)
    update_service = staticmethod(services.user_update)
    instance_argument = "user"


class RoleAssignmentFilter(filters.FilterSet):
    class Meta:
        model = RoleAssignment
        fields = ["user", "role", "region", "mdt", "agency", "duty"]


class RoleAssignmentViewSet(
    ServiceViewSet,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
):
    """Roles are granted (POST) and withdrawn (DELETE) by state admins, never edited.
    Other users may read their own."""

    serializer_class = serializers.RoleAssignmentSerializer
    permission_classes = [permissions.IsAuthenticated, StateAdminWrites]
    filterset_class = RoleAssignmentFilter
    selector = staticmethod(selectors.role_assignment_list)
    create_service = staticmethod(services.role_assignment_create)
    delete_service = staticmethod(services.role_assignment_delete)
    instance_argument = "assignment"


class MeView(APIView):
    """Who the signed-in user is and which roles they hold."""

    @extend_schema(responses=serializers.MeSerializer)
    def get(self, request):
        user = request.user
        data = {
            "id": user.pk,
            "username": user.get_username(),
            "email": user.email,
            "is_state_admin": access_for(user).is_state_admin,
            "roles": selectors.roles_of(user=user),
        }
        return Response(serializers.MeSerializer(data).data)


class TokenView(APIView):
    """Exchange a username and password for an API token (`Authorization: Token …`)."""

    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []

    @extend_schema(
        request=serializers.TokenRequestSerializer, responses=serializers.TokenSerializer
    )
    def post(self, request):
        credentials = serializers.TokenRequestSerializer(data=request.data)
        credentials.is_valid(raise_exception=True)
        user = authenticate(request=request._request, **credentials.validated_data)
        if user is None:
            raise ValidationError(
                {"non_field_errors": ["Unable to sign in with that username and password."]}
            )
        token = services.api_token_for(user=user)
        return Response({"token": token.key}, status=status.HTTP_200_OK)


class SummitFilter(filters.FilterSet):
    held_after = filters.DateFilter(field_name="held_on", lookup_expr="gte")
    held_before = filters.DateFilter(field_name="held_on", lookup_expr="lte")

    class Meta:
        model = Summit
        fields = ["region"]


class SummitViewSet(
    ServiceViewSet,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
):
    """Regional summits and their attendance by discipline. Visible to those who work in
    the region; recorded by its coordinator or a state admin."""

    serializer_class = serializers.SummitSerializer
    filterset_class = SummitFilter
    selector = staticmethod(selectors.summit_list)
    create_service = staticmethod(services.summit_create)
    update_service = staticmethod(services.summit_update)
    instance_argument = "summit"
    services_take_actor = True


class AuditEntryFilter(filters.FilterSet):
    after = filters.IsoDateTimeFilter(field_name="at", lookup_expr="gte")
    before = filters.IsoDateTimeFilter(field_name="at", lookup_expr="lte")

    class Meta:
        model = AuditEntry
        fields = ["user", "action", "object_type"]


class AuditEntryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Who read or changed which de-identified record, when. State admins only."""

    serializer_class = serializers.AuditEntrySerializer
    permission_classes = [permissions.IsAuthenticated, StateAdminOnly]
    pagination_class = CursorPagination
    filterset_class = AuditEntryFilter

    def get_queryset(self):
        return selectors.audit_entry_list(user=self.request.user)


def transition_action(
    name: str,
    *,
    service,
    instance_argument: str,
    request_serializer,
    response_serializer,
    attribute: str | None = None,
):
    """A `POST …/<id>/<name>/` action that runs a state-transition service and answers
    the updated object. `attribute` is the viewset attribute it is bound to (when `name`
    is a Python keyword such as `return`)."""
    noun = instance_argument.replace("_", " ")

    @extend_schema(
        request=request_serializer,
        responses=response_serializer,
        summary=f"{name.capitalize()} the {noun}",
    )
    def run(self, request, pk=None):
        body = request_serializer(data=request.data)
        body.is_valid(raise_exception=True)
        changed = service(
            actor=request.user,
            transition=name,
            **{instance_argument: self.get_object()},
            **body.validated_data,
        )
        return Response(response_serializer(changed, context={"request": request}).data)

    run.__name__ = attribute or name
    return action(detail=True, methods=["post"], url_path=name, url_name=name)(run)
