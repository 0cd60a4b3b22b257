"""Heavy work of the views that span the apps, run by the task worker
(coordination/background.py): a region's export."""

from coordination.background import offloaded
from coordination.models import Region

from . import region_export as exporting


@offloaded
def region_export_document(*, region: int) -> dict:
    """Everything Lantern holds about the region, as the export's JSON document."""
    return exporting.region_export(Region.objects.get(pk=region))
