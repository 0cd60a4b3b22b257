"""The API of the directory, people, roles, credentials and the audit log."""

from django.contrib.auth import logout
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from ...plumbing import throttling
from ...plumbing.api.filters import IdsFilter, ScopedFilterSet
from ...plumbing.api.pagination import CursorPagination
from ...plumbing.api.permissions import StateAdminOnly, StateAdminWrites
from ...plumbing.api.viewsets import ServiceViewSet
from ...plumbing.throttling import ScopedThrottle
from .. import selectors, services
from ..access import access_for
from ..api_tokens import SOCKET_TICKET_SECONDS, ApiToken
from ..forms import SignInForm
from ..models import Agency, AgencyKind, AuditEntry, Parish, Region, RoleAssignment
from . import serializers


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


class ParishFilter(ScopedFilterSet):
    scoped_filters = {"region": selectors.region_list}

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


class AgencyFilter(ScopedFilterSet):
    kind = filters.ChoiceFilter(choices=AgencyKind.choices)
    regions = IdsFilter(queryset=Region.objects.none())
    scoped_filters = {"regions": selectors.region_list}

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


class RoleAssignmentFilter(ScopedFilterSet):
    scoped_filters = {
        "user": selectors.people_list,
        "region": selectors.region_list,
        "mdt": selectors.role_mdt_list,
        "agency": selectors.agency_list,
    }

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
    """Exchange a username and password for a new API token (`Authorization: Token …`),
    with its expiry (API_TOKEN_HOURS from now; use does not extend it)."""

    permission_classes = [permissions.AllowAny]
    authentication_classes: list = []
    throttle_classes = [ScopedThrottle]
    throttle_scope = throttling.TOKEN

    @extend_schema(
        request=serializers.TokenRequestSerializer, responses=serializers.TokenSerializer
    )
    def post(self, request):
        body = serializers.TokenRequestSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        credentials = {**body.validated_data}
        code = credentials.pop("otp", "")
        # The same form as the sign-in page: password, then the code if two-factor is on
        # (a wrong code counts towards the lockout).
        form = SignInForm(request._request, data={**credentials, "otp_token": code})
        if not form.is_valid():
            if form.otp_refused:
                raise ValidationError({"otp": ["Two-factor sign-in is on: send the current code."]})
            raise ValidationError(
                {"non_field_errors": ["Unable to sign in with that username and password."]}
            )
        token = services.api_token_issue(actor=form.get_user())
        answer = serializers.TokenSerializer({"token": token.key, "expiry": token.expiry})
        return Response(answer.data, status=status.HTTP_200_OK)


class ApiTokenViewSet(mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """The signed-in person's own API tokens: list them (never a key), revoke one
    (DELETE; another person's token answers 404), or all of them (`revoke-all/`)."""

    serializer_class = serializers.ApiTokenSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema, built with no user
            return ApiToken.objects.none()
        return selectors.api_token_list(user=self.request.user)

    def perform_destroy(self, instance):
        services.api_token_revoke(actor=self.request.user, token=instance)

    @extend_schema(request=None, responses=serializers.RevokedSerializer)
    @action(detail=False, methods=["post"], url_path="revoke-all")
    def revoke_all(self, request):
        """Revoke every token of one's own, the one presented included."""
        revoked = services.api_tokens_revoke_all(actor=request.user)
        return Response(serializers.RevokedSerializer({"revoked": revoked}).data)


class SignOutView(APIView):
    """Sign out what signed this request in: the API token presented is revoked (the
    person's other tokens keep working), or the session ends."""

    @extend_schema(request=None, responses={204: None})
    def post(self, request):
        if isinstance(request.auth, ApiToken):
            services.api_token_revoke(actor=request.user, token=request.auth, detail="signed out")
        else:
            logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class SocketTicketView(APIView):
    """A single-use ticket for a websocket (`/ws/alerts/?ticket=…`), valid 30 seconds: a
    client never puts its token in a URL, which servers and proxies write to their logs.
    (Clients that can set headers may send `Authorization: Token …` in the handshake.)"""

    @extend_schema(request=None, responses=serializers.SocketTicketSerializer)
    def post(self, request):
        ticket = services.socket_ticket_issue(actor=request.user)
        answer = {"ticket": ticket, "expires_in": SOCKET_TICKET_SECONDS}
        return Response(serializers.SocketTicketSerializer(answer).data)


class AuditEntryFilter(ScopedFilterSet):
    after = filters.IsoDateTimeFilter(field_name="at", lookup_expr="gte")
    before = filters.IsoDateTimeFilter(field_name="at", lookup_expr="lte")
    scoped_filters = {"user": selectors.people_list}

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
