from django.urls import path
from rest_framework.routers import DefaultRouter

from ..growth import api as growth_api
from ..recommendations import api as recommendations_api
from ..timeliness import api as timeliness_api
from . import views

router = DefaultRouter()
router.register("referrals", views.ReferralViewSet, basename="referral")
router.register("mdts", views.MDTViewSet, basename="mdt")
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register(
    "screening-instruments", views.ScreeningInstrumentViewSet, basename="screening-instrument"
)
router.register("screenings", views.ScreeningViewSet, basename="screening")
router.register(
    "recommendations", recommendations_api.RecommendationViewSet, basename="recommendation"
)

urlpatterns = [
    path("me/calendar-feed/", views.CalendarFeedView.as_view(), name="api-calendar-feed"),
    path(
        "mdts/<int:pk>/recommendation-counts/",
        recommendations_api.RecommendationCountsView.as_view(),
        name="api-mdt-recommendation-counts",
    ),
    path(
        "mdts/<int:pk>/timeliness/",
        timeliness_api.MDTTimelinessView.as_view(),
        name="api-mdt-timeliness",
    ),
    path(
        "regions/<int:pk>/mdt-growth/",
        growth_api.MDTGrowthView.as_view(),
        name="api-region-mdt-growth",
    ),
    *router.urls,
]
