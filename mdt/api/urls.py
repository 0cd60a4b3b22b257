from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("referrals", views.ReferralViewSet, basename="referral")
router.register("mdts", views.MDTViewSet, basename="mdt")
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register(
    "screening-instruments", views.ScreeningInstrumentViewSet, basename="screening-instrument"
)
router.register("screenings", views.ScreeningViewSet, basename="screening")

urlpatterns = [
    path("me/calendar-feed/", views.CalendarFeedView.as_view(), name="api-calendar-feed"),
    *router.urls,
]
