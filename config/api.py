"""API views that span the apps (the region export)."""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import PermissionDenied
from rest_framework.views import APIView

from coordination.models import AuditAction, Region
from coordination.people.access import access_for
from coordination.people.services import audit_record
from coordination.plumbing.background import answer_from_worker

from .tasks import region_export_document


class RegionExportView(APIView):
    """A region's de-identified data as one JSON document (state admins; audited)."""

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request, pk: int):
        if not access_for(request.user).is_state_admin:
            raise PermissionDenied("Only state admins export a region's data.")
        region = get_object_or_404(Region, pk=pk)
        audit_record(
            user=request.user,
            action=AuditAction.READ_LIST,
            object_type="region",
            object_ids=[region.pk],
            detail="export",
        )
        name = f"lantern-{region.slug}-{timezone.localdate():%Y-%m-%d}.json"
        # Every row of the region, read and shaped in the task worker.
        return answer_from_worker(
            region_export_document,
            region=region.pk,
            status=200,
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
