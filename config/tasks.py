"""Heavy work of the views that span the apps, run by the task worker
(coordination/plumbing/background.py): a region's export."""

from coordination.models import Region
from coordination.plumbing.background import offloaded

from . import region_export as exporting


@offloaded
def region_export_document(*, region: int) -> dict:
    """Everything Lantern holds about the region, as the export's JSON document."""
    return exporting.region_export(Region.objects.get(pk=region))
