from django.contrib import admin
from django.urls import include, path

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
