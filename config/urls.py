from django.contrib import admin
from django.http import JsonResponse
from django.urls import include, path
from django.views.defaults import page_not_found
from rest_framework.exceptions import NotFound

from .health import healthz

urlpatterns = [
    path("healthz/", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("config.api_urls")),
    path("", include("coordination.urls")),
    path("", include("phases.urls")),
    path("", include("notifications.urls")),
    path("", include("mdt.urls")),
]


def not_found(request, exception):
    """A URL under /api/ that names nothing (`/api/v1/alerts/x/`: an id that is not a
    number) answers in the API's JSON, like every other API error; elsewhere, a page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
    return page_not_found(request, exception)


handler404 = not_found
