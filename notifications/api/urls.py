from rest_framework.routers import DefaultRouter

from ..policies.api import EscalationPolicyViewSet
from ..push.api import PushDeviceViewSet
from ..schedules.api import RotationViewSet
from . import views

router = DefaultRouter()
router.register("alerts", views.AlertViewSet, basename="alert")
router.register("rota", views.RotaViewSet, basename="rota")
router.register("push-devices", PushDeviceViewSet, basename="push-device")
router.register("rotations", RotationViewSet, basename="rotation")
router.register("escalation-policies", EscalationPolicyViewSet, basename="escalation-policy")

urlpatterns = router.urls
