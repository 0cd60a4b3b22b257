"""`/api/v1/alert-insights/?start=&end=`: the alert insights page's figures (MTTA, MTTR and
the rest, per region and per responder) for coordinators and state admins."""

import datetime

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from coordination.people.access import access_for

from .. import insights
from ..forms import InsightsForm


class SeveritiesSerializer(serializers.Serializer):
    info = serializers.IntegerField()
    urgent = serializers.IntegerField()
    critical = serializers.IntegerField()


class FiguresSerializer(serializers.Serializer):
    name = serializers.CharField()
    alerts = serializers.IntegerField()
    by_severity = SeveritiesSerializer()
    mtta_minutes = serializers.FloatField(source="mtta", allow_null=True)
    mttr_minutes = serializers.FloatField(source="mttr", allow_null=True)
    acknowledged_before_escalation_percent = serializers.FloatField(
        source="share_before_escalation", allow_null=True
    )
    notifications = serializers.IntegerField(help_text="Interruptions: notifications sent.")
    uncovered_hours = serializers.FloatField(
        allow_null=True, help_text="Regions with an on-call schedule only."
    )


class InsightsSerializer(serializers.Serializer):
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    regions = FiguresSerializer(many=True)
    responders = FiguresSerializer(many=True)


PERIOD = [
    OpenApiParameter("start", datetime.date, description="First local day (30 days ago)."),
    OpenApiParameter("end", datetime.date, description="Last local day (today); a year at most."),
]


class AlertInsightsView(APIView):
    """How quickly the alerts of the regions one coordinates were answered, over a period."""

    @extend_schema(parameters=PERIOD, responses=InsightsSerializer)
    def get(self, request):
        if not access_for(request.user).coordinates_somewhere:
            raise PermissionDenied("Alert insights are for coordinators and state admins.")
        today = timezone.localdate()
        period = {"start": today - datetime.timedelta(days=29), "end": today}
        for name in ("start", "end"):
            if name in request.query_params:
                period[name] = request.query_params[name][:20]
        form = InsightsForm(period)
        if not form.is_valid():
            raise ValidationError(
                {
                    "non_field_errors" if name == "__all__" else name: list(errors)
                    for name, errors in form.errors.items()
                }
            )
        figures = insights.insights_for(user=request.user, **form.cleaned_data)
        return Response(InsightsSerializer(figures).data)
