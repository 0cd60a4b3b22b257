from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("initiatives", views.InitiativeViewSet, basename="initiative")
nested = r"initiatives/(?P<initiative_pk>\d+)"
router.register(f"{nested}/data-requests", views.DataRequestViewSet, basename="data-request")
router.register(f"{nested}/findings", views.FindingViewSet, basename="finding")
router.register(f"{nested}/action-items", views.ActionItemViewSet, basename="action-item")
router.register(
    f"{nested}/outcome-measures", views.OutcomeMeasureViewSet, basename="outcome-measure"
)

urlpatterns = router.urls
