"""The API of summits, training and practices."""

from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from ...people import selectors as people_selectors
from ...people.access import access_for
from ...plumbing.api.filters import ScopedFilterSet
from ...plumbing.api.viewsets import ServiceViewSet
from .. import selectors, services
from ..models import Summit
from ..survey_scores import collaboration_scores, compare
from ..training_results import training_outcomes
from . import serializers


class SummitFilter(ScopedFilterSet):
    held_after = filters.DateFilter(field_name="held_on", lookup_expr="gte")
    held_before = filters.DateFilter(field_name="held_on", lookup_expr="lte")
    scoped_filters = {"region": people_selectors.region_list}

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
        if not access_for(request.user).coordinates_somewhere:
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
        if not access_for(request.user).coordinates_somewhere:
            raise PermissionDenied("A region's practices are recorded by its coordinator.")
        body = serializers.PracticesSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        data = body.validated_data
        services.practices_set(
            actor=request.user, region=data["region"], in_use=data["practices"], other=data["other"]
        )
        return self.get(request)
