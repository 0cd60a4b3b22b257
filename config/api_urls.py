"""The REST API under /api/v1/: each app's routes, token auth, and the OpenAPI schema."""

from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from .api import RegionExportView

urlpatterns = [
    path("", include("coordination.api.urls")),
    path("", include("phases.api.urls")),
    path("", include("mdt.api.urls")),
    path("", include("notifications.api.urls")),
    path("regions/<int:pk>/export/", RegionExportView.as_view(), name="region-export"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves Swagger UI's start-up script as a file, not inline: the
    # content security policy allows scripts from this site only. Swagger UI sets one
    # <style> element of its own, so this page (which shows no data) allows inline styles.
    path(
        "docs/",
        csp_update({"style-src": ["'unsafe-inline'"]})(
            SpectacularSwaggerSplitView.as_view(url_name="api-schema")
        ),
        name="api-docs",
    ),
]
