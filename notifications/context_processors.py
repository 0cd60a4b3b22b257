from . import selectors


def rota_warnings(request) -> dict:
    """Coordinators (and state admins) are warned on every page when a region's alerts
    would reach nobody, or nobody watching; whoever is given alerts sees how many wait
    for them (the navigation's badge and the dashboard)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "rota_warnings": selectors.rota_warnings(user=user),
        "waiting_alerts": selectors.waiting_alert_count(user=user),
    }
