"""Coordination's API: the state's directory (regions, parishes, agencies), people, roles,
`me` and token sign-in. Views stay thin: selectors read, services write."""

from django.contrib.auth import logout
from django.http import HttpResponse
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import APIException, NotFound, PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from coordination import (
    background,
    exports,
    selectors,
    services,
    tasks,
    throttling,
    uploads,
)
from coordination.access import access_for
from coordination.api_tokens import SOCKET_TICKET_SECONDS
from coordination.forms import SignInForm
from coordination.models import (
    Agency,
    AgencyKind,
    AnnualSubmission,
    ApiToken,
    AuditEntry,
    Parish,
    Region,
    RoleAssignment,
    Summit,
)
from coordination.outcomes import training_outcomes
from coordination.plumbing.input import MultiPartParser
from coordination.report import annual_report
from coordination.scores import collaboration_scores, compare
from coordination.submissions import template
from coordination.throttling import ScopedThrottle

from . import serializers
from .filters import IdsFilter, ScopedFilterSet
from .pagination import CursorPagination
from .permissions import StateAdminOnly, StateAdminWrites

TEMPLATE_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


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

    def get_queryset(self):
        return self.selector(user=self.request.user)

    def get_serializer_class(self):
        if self.action in {"update", "partial_update"} and self.update_serializer_class:
            return self.update_serializer_class
        return self.serializer_class

    def perform_create(self, serializer):
        serializer.instance = self.create_service(
            actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer):
        serializer.instance = self.update_service(
            actor=self.request.user,
            **{self.instance_argument: serializer.instance, "data": serializer.validated_data},
        )

    def perform_destroy(self, instance):
        self.delete_service(actor=self.request.user, **{self.instance_argument: instance})


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
        token = services.api_token_issue(user=form.get_user())
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
        ticket = services.socket_ticket_issue(user=request.user)
        answer = {"ticket": ticket, "expires_in": SOCKET_TICKET_SECONDS}
        return Response(serializers.SocketTicketSerializer(answer).data)


class SummitFilter(ScopedFilterSet):
    held_after = filters.DateFilter(field_name="held_on", lookup_expr="gte")
    held_before = filters.DateFilter(field_name="held_on", lookup_expr="lte")
    scoped_filters = {"region": selectors.region_list}

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

    def create(self, request, *args, **kwargs):
        # Who may record summits at all, before the body's region is read (it is checked
        # against the caller's regions, which would answer 400 to someone who may not).
        access = access_for(request.user)
        if not (access.is_state_admin or access.coordinator_region_ids):
            raise PermissionDenied("Summits are recorded by a coordinator or a state admin.")
        return super().create(request, *args, **kwargs)

    @extend_schema(
        parameters=[serializers.ScoresQuerySerializer],
        responses=OpenApiTypes.OBJECT,
    )
    @action(detail=True, methods=["get"], url_path="collaboration-scores")
    def collaboration_scores(self, request, pk=None):
        """Collaboration factor and category scores (mean, n, band) of the summit's
        survey; `?compare=<summit id>` adds the change from that summit, factor by factor."""
        scores = collaboration_scores(self.get_object())
        query = serializers.ScoresQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        other_id = query.validated_data.get("compare")
        if other_id:
            other = self.get_queryset().filter(pk=other_id).first()
            if other is None:
                raise NotFound("No such summit to compare with.")
            scores["comparison"] = compare(collaboration_scores(other), scores)
        return Response(scores)


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


# --- annual reporting ----------------------------------------------------------------------------
class ReportingCycleViewSet(
    ServiceViewSet,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
):
    """Reporting years: which providers are asked, by when; open → closed. State admins
    open, change and close them; provider reporters see the years they are asked in."""

    serializer_class = serializers.ReportingCycleSerializer
    update_serializer_class = serializers.ReportingCycleUpdateSerializer
    # Before the body is read: its providers are every service provider of the state.
    permission_classes = [permissions.IsAuthenticated, StateAdminWrites]
    selector = staticmethod(selectors.cycle_list)
    create_service = staticmethod(services.reporting_cycle_open)
    update_service = staticmethod(services.reporting_cycle_update)
    instance_argument = "cycle"

    @extend_schema(request=None, responses=serializers.ReportingCycleSerializer)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        cycle = services.reporting_cycle_close(actor=request.user, cycle=self.get_object())
        return Response(self.get_serializer(self.get_queryset().get(pk=cycle.pk)).data)


class AnnualSubmissionFilter(ScopedFilterSet):
    scoped_filters = {"cycle": selectors.cycle_list, "agency": selectors.agency_list}

    class Meta:
        model = AnnualSubmission
        fields = ["cycle", "agency"]


class MayReport(permissions.BasePermission):
    """Submitting takes a provider's reporter: anyone else is refused before the body is
    read (whose agency and year are then checked against the reporter's own)."""

    message = "A provider's reporter submits its figures; the state reads them."

    def has_permission(self, request, view) -> bool:
        if view.action not in {"create", "upload"}:
            return True  # a submission's own routes: scoped lookup (404), then the service
        return bool(access_for(request.user).reporter_agency_ids)


class UploadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"

    def __init__(self):
        super().__init__(uploads.too_large_message())


class AnnualSubmissionViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """A provider's annual submission. `POST` submits, `PUT` revises (a new version; every
    version is kept), `upload/` takes the case rows as a .csv or .xlsx file. A submission
    with any bad case row is refused whole, each problem named by row and column."""

    serializer_class = serializers.AnnualSubmissionSerializer
    permission_classes = [permissions.IsAuthenticated, MayReport]
    filterset_class = AnnualSubmissionFilter
    http_method_names = ["get", "post", "put", "head", "options"]

    def get_queryset(self):
        return selectors.submission_list(user=self.request.user)

    # The rows (up to 20,000) are read, checked and stored by the task worker
    # (coordination/tasks.py); each action checks who may submit, and the size, first.
    @extend_schema(
        request=serializers.SubmissionCreateSerializer,
        responses={201: serializers.AnnualSubmissionSerializer},
    )
    def create(self, request):
        return background.answer_from_worker(
            tasks.submit_typed_annual_report,
            actor=request.user.pk,
            body=tasks.request_body(request.data),
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        request=serializers.SubmissionContentSerializer,
        responses=serializers.AnnualSubmissionSerializer,
    )
    def update(self, request, pk=None):
        submission = self.get_object()
        return background.answer_from_worker(
            tasks.submit_typed_annual_report,
            actor=request.user.pk,
            body=tasks.request_body(request.data),
            submission=submission.pk,
            status=status.HTTP_200_OK,
        )

    @extend_schema(
        request={"multipart/form-data": serializers.SubmissionUploadSerializer},
        responses={201: serializers.AnnualSubmissionSerializer},
    )
    @action(detail=False, methods=["post"], parser_classes=[MultiPartParser])
    def upload(self, request):
        # MayReport refused anyone but a reporter before the body; how much, before it is
        # parsed (on first access to request.data); the provider (a field scoped to the
        # reporter's own), before the file is read.
        if uploads.body_too_large(request):
            raise UploadTooLarge()
        body = serializers.SubmissionUploadSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        body.is_valid(raise_exception=True)
        data = body.validated_data
        uploaded = data["file"]
        if uploads.file_too_large(uploaded):
            raise UploadTooLarge()
        return background.answer_from_worker(
            tasks.submit_annual_report,
            actor=request.user.pk,
            cycle=data["cycle"].pk,
            agency=data["agency"].pk,
            services_offered=data["services_offered"],
            parishes_served=[parish.pk for parish in data["parishes_served"]],
            children_served=data["children_served"],
            adults_served=data["adults_served"],
            file={"name": uploaded.name, "content": background.as_text(uploaded.read())},
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(responses=serializers.SubmissionVersionSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def versions(self, request, pk=None):
        versions = self.get_object().versions.select_related("submitted_by")
        return Response(serializers.SubmissionVersionSerializer(versions, many=True).data)


def _file_format(formats) -> OpenApiParameter:
    """The `.<format>` at the end of a download's path: one of a few, exactly (the schema
    drf-spectacular reads from the URL pattern, `^csv|xlsx$`, would admit "csv-and-more")."""
    return OpenApiParameter("file_format", str, OpenApiParameter.PATH, enum=list(formats))


class CaseTemplateView(APIView):
    """The empty template for a submission's case rows."""

    @extend_schema(
        parameters=[_file_format(TEMPLATE_TYPES)],
        responses={
            (200, media.split(";")[0]): OpenApiTypes.BINARY for media in TEMPLATE_TYPES.values()
        },
    )
    def get(self, request, file_format: str):
        response = HttpResponse(template(file_format), content_type=TEMPLATE_TYPES[file_format])
        response["Content-Disposition"] = f'attachment; filename="lantern-cases.{file_format}"'
        return response


class AnnualReportView(APIView):
    """The statewide report for a year. Counts under the suppression threshold show as
    "<5" (with complementary suppression) for everyone but state admins, who may ask for
    the published form with `?suppressed=true`; the CSV and PDF are always suppressed."""

    @extend_schema(
        parameters=[OpenApiParameter("suppressed", bool, required=False)],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request, year: int):
        cycle = selectors.report_cycle(user=request.user, year=year)
        if cycle is None:
            raise NotFound("No reporting year on record.")
        suppress = (
            not access_for(request.user).is_state_admin
            or request.query_params.get("suppressed") == "true"
        )
        return Response(annual_report(cycle, suppress=suppress).as_dict())


class AnnualReportExportView(APIView):
    """The report as CSV or PDF, always suppressed."""

    @extend_schema(
        parameters=[_file_format(["csv", "pdf"])],
        responses={
            (200, "text/csv"): OpenApiTypes.BINARY,
            (200, "application/pdf"): OpenApiTypes.BINARY,
        },
    )
    def get(self, request, year: int, file_format: str):
        cycle = selectors.report_cycle(user=request.user, year=year)
        if cycle is None:
            raise NotFound("No reporting year on record.")
        if file_format == "csv":
            report = annual_report(cycle, suppress=True)
            body, content_type = exports.csv_bytes(report), "text/csv; charset=utf-8"
        else:  # drawing it is seconds of CPU: the task worker does it
            drawn = background.run_in_worker(tasks.annual_report_pdf, cycle=cycle.pk)
            body, content_type = background.as_bytes(drawn), "application/pdf"
        response = HttpResponse(body, content_type=content_type)
        name = f"lantern-annual-report-{year}.{file_format}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


# --- summits' scores, training, practices ------------------------------------------------------
class TrainingModuleViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Online training modules with their knowledge test; `outcomes/` tells whether the
    pre- to post-test gain is real. For coordinators and state admins."""

    serializer_class = serializers.TrainingModuleSerializer

    def get_queryset(self):
        return selectors.training_list(user=self.request.user)

    def list(self, request, *args, **kwargs):
        if not selectors.may_see_training_outcomes(user=request.user):
            raise PermissionDenied("Training outcomes are for coordinators and state admins.")
        return super().list(request, *args, **kwargs)

    @extend_schema(
        request=serializers.TrainingModuleCreateSerializer,
        responses={201: serializers.TrainingModuleSerializer},
    )
    def create(self, request):
        body = serializers.TrainingModuleCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        module = services.training_module_create(actor=request.user, **body.validated_data)
        return Response(self.get_serializer(module).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=OpenApiTypes.OBJECT)
    @action(detail=True, methods=["get"])
    def outcomes(self, request, pk=None):
        return Response(training_outcomes(self.get_object()))


class PracticesView(APIView):
    """The practices inventory: every region and the practices it uses (GET, any signed-in
    user); a region's coordinator or a state admin records them (POST)."""

    @extend_schema(responses=serializers.RegionPracticesSerializer(many=True))
    def get(self, request):
        matrix = selectors.practice_matrix(user=request.user)
        return Response(
            [
                {
                    "region": row["region"].pk,
                    "region_name": row["region"].name,
                    "practices": sorted(row["uses"]),
                    "other": row["custom"],
                }
                for row in matrix["regions"]
            ]
        )

    @extend_schema(
        request=serializers.PracticesSerializer,
        responses=serializers.RegionPracticesSerializer(many=True),
    )
    def post(self, request):
        # Who may record practices at all, before the body's region is read (a region
        # they cannot see answers like one that does not exist).
        access = access_for(request.user)
        if not (access.is_state_admin or access.coordinator_region_ids):
            raise PermissionDenied("A region's practices are recorded by its coordinator.")
        body = serializers.PracticesSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        data = body.validated_data
        services.practices_set(
            actor=request.user, region=data["region"], in_use=data["practices"], other=data["other"]
        )
        return self.get(request)
