from django.urls import path, re_path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("regions", views.RegionViewSet, basename="region")
router.register("parishes", views.ParishViewSet, basename="parish")
router.register("agencies", views.AgencyViewSet, basename="agency")
router.register("users", views.UserViewSet, basename="user")
router.register("auth/tokens", views.ApiTokenViewSet, basename="auth-token")
router.register("audit-entries", views.AuditEntryViewSet, basename="audit-entry")
router.register("summits", views.SummitViewSet, basename="summit")
router.register("role-assignments", views.RoleAssignmentViewSet, basename="role-assignment")
router.register("trainings", views.TrainingModuleViewSet, basename="training")
router.register("reporting-cycles", views.ReportingCycleViewSet, basename="reporting-cycle")
router.register("annual-submissions", views.AnnualSubmissionViewSet, basename="annual-submission")

urlpatterns = [
    path("auth/token/", views.TokenView.as_view(), name="api-token"),
    path("auth/sign-out/", views.SignOutView.as_view(), name="api-sign-out"),
    path("auth/socket-ticket/", views.SocketTicketView.as_view(), name="api-socket-ticket"),
    path("me/", views.MeView.as_view(), name="api-me"),
    re_path(
        r"^annual-submissions/template\.(?P<file_format>csv|xlsx)$",
        views.CaseTemplateView.as_view(),
        name="api-case-template",
    ),
    path("practices/", views.PracticesView.as_view(), name="api-practices"),
    path("reports/annual/<int:year>/", views.AnnualReportView.as_view(), name="api-annual-report"),
    re_path(
        r"^reports/annual/(?P<year>\d{4})\.(?P<file_format>csv|pdf)$",
        views.AnnualReportExportView.as_view(),
        name="api-annual-report-export",
    ),
    *router.urls,
]
