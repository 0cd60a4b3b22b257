"""`GET /api/v1/mdts/<id>/timeliness/`: an MDT's targets and its months (numbers only:
members and the region's coordinators); `PATCH` sets the targets (members)."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from coordination.plumbing.api.serializers import StrictInputMixin

from .. import selectors as mdt_selectors
from ..services import require_member
from . import selectors, services


class TargetsSerializer(StrictInputMixin, serializers.Serializer):
    target_review_days = serializers.IntegerField(min_value=0, max_value=365)
    target_engaged_days = serializers.IntegerField(min_value=0, max_value=365)


class TimelinessStepSerializer(serializers.Serializer):
    reached = serializers.IntegerField()
    median_days = serializers.FloatField(allow_null=True)
    p90_days = serializers.FloatField(allow_null=True)
    within_target = serializers.IntegerField()


class MonthSerializer(serializers.Serializer):
    month = serializers.DateField()
    received = serializers.IntegerField()
    still_waiting_for_services = serializers.IntegerField()
    review = TimelinessStepSerializer()
    services = TimelinessStepSerializer()


class TimelinessSerializer(TargetsSerializer):
    months = MonthSerializer(many=True)


class MDTTimelinessView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    def _answer(self, mdt):
        return Response(
            TimelinessSerializer(
                {
                    "target_review_days": mdt.target_review_days,
                    "target_engaged_days": mdt.target_engaged_days,
                    "months": selectors.timeliness_by_month(mdt=mdt),
                }
            ).data
        )

    @extend_schema(responses=TimelinessSerializer)
    def get(self, request, pk: int):
        return self._answer(get_object_or_404(mdt_selectors.mdt_list(user=request.user), pk=pk))

    @extend_schema(request=TargetsSerializer, responses=TimelinessSerializer)
    def patch(self, request, pk: int):
        """Set the targets: the MDT's members (a coordinator of the region gets 403)."""
        mdt = get_object_or_404(mdt_selectors.mdt_list(user=request.user), pk=pk)
        require_member(request.user, mdt.pk)
        body = TargetsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        return self._answer(
            services.mdt_set_targets(actor=request.user, mdt=mdt, **body.validated_data)
        )
