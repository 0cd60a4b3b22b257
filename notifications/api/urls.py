from rest_framework.routers import DefaultRouter

from ..push.api import PushDeviceViewSet
from . import views

router = DefaultRouter()
router.register("alerts", views.AlertViewSet, basename="alert")
router.register("rota", views.RotaViewSet, basename="rota")
router.register("push-devices", PushDeviceViewSet, basename="push-device")

urlpatterns = router.urls
