from django.urls import path
from rest_framework.routers import DefaultRouter

from ..policies.api import EscalationPolicyViewSet
from ..push.api import PushDeviceViewSet
from ..rules.api import AlertSettingsView
from ..schedules.api import RotationViewSet
from . import views
from .insights import AlertInsightsView

router = DefaultRouter()
router.register("alerts", views.AlertViewSet, basename="alert")
router.register("rota", views.RotaViewSet, basename="rota")
router.register("push-devices", PushDeviceViewSet, basename="push-device")
router.register("rotations", RotationViewSet, basename="rotation")
router.register("escalation-policies", EscalationPolicyViewSet, basename="escalation-policy")

urlpatterns = [
    *router.urls,
    path("alert-settings/", AlertSettingsView.as_view(), name="alert-settings"),
    path("alert-insights/", AlertInsightsView.as_view(), name="alert-insights"),
]
