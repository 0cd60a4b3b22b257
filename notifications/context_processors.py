from . import selectors


def rota_warnings(request) -> dict:
    """Coordinators (and state admins) are warned on every page when a region's alerts
    would reach nobody, or nobody watching."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"rota_warnings": selectors.rota_warnings(user=user)}
