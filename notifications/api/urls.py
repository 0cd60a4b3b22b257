from rest_framework.routers import DefaultRouter

from ..push.api import PushDeviceViewSet
from ..schedules.api import RotationViewSet
from . import views

router = DefaultRouter()
router.register("alerts", views.AlertViewSet, basename="alert")
router.register("rota", views.RotaViewSet, basename="rota")
router.register("push-devices", PushDeviceViewSet, basename="push-device")
router.register("rotations", RotationViewSet, basename="rotation")

urlpatterns = router.urls
