from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("regions", views.RegionViewSet, basename="region")
router.register("parishes", views.ParishViewSet, basename="parish")
router.register("agencies", views.AgencyViewSet, basename="agency")
router.register("users", views.UserViewSet, basename="user")
router.register("audit-entries", views.AuditEntryViewSet, basename="audit-entry")
router.register("summits", views.SummitViewSet, basename="summit")
router.register("role-assignments", views.RoleAssignmentViewSet, basename="role-assignment")

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="api-token"),
    path("me/", views.MeView.as_view(), name="api-me"),
    *router.urls,
]
