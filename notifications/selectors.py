from django.db.models import Q, QuerySet

from coordination.access import access_for

from .models import Alert


def alert_list(*, user) -> QuerySet[Alert]:
    """State admins: every alert. Contacts: alerts of their regions. Coordinators: their
    regions' alerts. Others: none."""
    access = access_for(user)
    alerts = Alert.objects.select_related("region", "assigned_to")
    if access.is_state_admin:
        return alerts
    if not access.is_authenticated:
        return alerts.none()
    regions = access.responder_region_ids | access.coordinator_region_ids
    return alerts.filter(Q(region__in=regions) | Q(raised_by=user))
