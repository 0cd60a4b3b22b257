"""Lantern's API for coordination's rooms, under /api/v1/."""

from django.urls import path, re_path
from rest_framework.routers import DefaultRouter

from ..learning.api import views as learning_views
from ..people.api import views as people_views
from ..reporting.api import standard as standard_views
from ..reporting.api import views as reporting_views

router = DefaultRouter()
router.register("regions", people_views.RegionViewSet, basename="region")
router.register("parishes", people_views.ParishViewSet, basename="parish")
router.register("agencies", people_views.AgencyViewSet, basename="agency")
router.register("users", people_views.UserViewSet, basename="user")
router.register("auth/tokens", people_views.ApiTokenViewSet, basename="auth-token")
router.register("audit-entries", people_views.AuditEntryViewSet, basename="audit-entry")
router.register("summits", learning_views.SummitViewSet, basename="summit")
router.register("role-assignments", people_views.RoleAssignmentViewSet, basename="role-assignment")
router.register("trainings", learning_views.TrainingModuleViewSet, basename="training")
router.register(
    "reporting-cycles", reporting_views.ReportingCycleViewSet, basename="reporting-cycle"
)
router.register(
    "annual-submissions", reporting_views.AnnualSubmissionViewSet, basename="annual-submission"
)

urlpatterns = [
    path("auth/token/", people_views.TokenView.as_view(), name="api-token"),
    path("auth/sign-out/", people_views.SignOutView.as_view(), name="api-sign-out"),
    path("auth/socket-ticket/", people_views.SocketTicketView.as_view(), name="api-socket-ticket"),
    path("me/", people_views.MeView.as_view(), name="api-me"),
    re_path(
        r"^annual-submissions/template\.(?P<file_format>csv|xlsx)$",
        reporting_views.CaseTemplateView.as_view(),
        name="api-case-template",
    ),
    path("practices/", learning_views.PracticesView.as_view(), name="api-practices"),
    path(
        "reports/annual/<int:year>/",
        reporting_views.AnnualReportView.as_view(),
        name="api-annual-report",
    ),
    re_path(
        r"^reports/annual/(?P<year>\d{4})\.(?P<file_format>csv|pdf)$",
        reporting_views.AnnualReportExportView.as_view(),
        name="api-annual-report-export",
    ),
    path(
        "reports/annual/<int:year>/htcds/",
        standard_views.HTCDSExportView.as_view(),
        name="api-htcds-export",
    ),
    path(
        "reports/annual/<int:year>/measures/",
        standard_views.MeasuresExportView.as_view(),
        name="api-measures-export",
    ),
    path(
        "reporting-cycles/<int:pk>/measures/",
        standard_views.CycleMeasuresExportView.as_view(),
        name="api-cycle-measures-export",
    ),
    *router.urls,
]
