from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("alerts", views.AlertViewSet, basename="alert")
router.register("rota", views.RotaViewSet, basename="rota")

urlpatterns = router.urls
