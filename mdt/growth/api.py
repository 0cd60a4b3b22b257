"""`GET /api/v1/regions/<id>/mdt-growth/`: MDT growth by year and around each summit, for
anyone who sees the region (numbers only)."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from coordination.people import selectors as people_selectors

from . import selectors


class YearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    active_mdts = serializers.IntegerField(help_text="MDTs that held a meeting that year.")
    new_mdts = serializers.IntegerField(help_text="MDTs whose first meeting held was that year.")
    meetings_held = serializers.IntegerField()
    members_by_discipline = serializers.DictField(child=serializers.IntegerField())


class WindowSerializer(serializers.Serializer):
    active_mdts = serializers.IntegerField()
    meetings_held = serializers.IntegerField()


class SummitGrowthSerializer(serializers.Serializer):
    summit = serializers.IntegerField(source="summit.pk")
    held_on = serializers.DateField(source="summit.held_on")
    before = WindowSerializer(help_text="The 12 months before the summit.")
    after = WindowSerializer(allow_null=True, help_text="The 12 months after (up to now).")
    started_after = serializers.IntegerField(
        help_text="MDTs that held their first meeting in the 12 months after."
    )


class GrowthSerializer(serializers.Serializer):
    region = serializers.IntegerField()
    years = YearSerializer(many=True)
    summits = SummitGrowthSerializer(many=True)


class MDTGrowthView(APIView):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=GrowthSerializer)
    def get(self, request, pk: int):
        region = get_object_or_404(people_selectors.region_list(user=request.user), pk=pk)
        data = {
            "region": region.pk,
            "years": selectors.growth_by_year(region=region),
            "summits": selectors.around_summits(region=region),
        }
        return Response(GrowthSerializer(data).data)
