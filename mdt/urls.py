from django.urls import path, re_path

from coordination.urls import LINK_TOKEN

from . import views
from .meetings import views as meetings_views
from .recommendations import views as recommendations_views
from .screening import views as screening_views
from .setup import views as setup_views
from .timeliness import views as timeliness_views

urlpatterns = [
    re_path(rf"^calendar/{LINK_TOKEN}\.ics$", meetings_views.calendar_feed, name="calendar-feed"),
    path("calendar/renew/", meetings_views.calendar_feed_renew, name="calendar-feed-renew"),
    path("mdts/", views.mdt_list, name="mdt-list"),
    path("mdts/new/", setup_views.mdt_new, name="mdt-new"),
    path("mdts/<int:pk>/", views.mdt_detail, name="mdt-detail"),
    path("mdts/<int:pk>/edit/", setup_views.mdt_edit, name="mdt-edit"),
    path("mdts/<int:pk>/timeliness/", timeliness_views.mdt_timeliness, name="mdt-timeliness"),
    path("referrals/action-needed/", timeliness_views.action_needed, name="action-needed"),
    path("mdts/<int:pk>/retire/", setup_views.mdt_retire, name="mdt-retire"),
    path("mdts/<int:pk>/members/", setup_views.member_add, name="mdt-member-add"),
    path(
        "mdts/<int:pk>/members/<int:membership>/remove/",
        setup_views.member_remove,
        name="mdt-member-remove",
    ),
    path("mdts/<int:pk>/meetings/new/", meetings_views.meeting_create, name="meeting-create"),
    path("meetings/<int:pk>/", meetings_views.meeting_detail, name="meeting-detail"),
    path(
        "meetings/<int:pk>/recommendations/new/",
        recommendations_views.recommendation_add,
        name="recommendation-add",
    ),
    path(
        "recommendations/<int:pk>/close/",
        recommendations_views.recommendation_close,
        name="recommendation-close",
    ),
    path("referrals/<int:pk>/edit/", views.referral_edit, name="referral-edit"),
    path("referrals/<int:pk>/share/", views.referral_share, name="referral-share"),
    path("referrals/<int:pk>/alert/", views.referral_alert, name="referral-alert"),
    path("screen/", screening_views.screening_new, name="screening-new"),
    path("screenings/", screening_views.screening_list, name="screening-list"),
    path("screenings/statistics/", screening_views.screening_stats, name="screening-statistics"),
    path("screenings/<int:pk>/", screening_views.screening_detail, name="screening-detail"),
    path("referrals/", views.referral_list, name="referral-list"),
    path("referrals/new/", views.referral_create, name="referral-create"),
    path("referrals/<int:pk>/", views.referral_detail, name="referral-detail"),
    re_path(
        r"^referrals/(?P<pk>\d+)/(?P<transition>review|engage|close|update|join|leave)/$",
        views.referral_transition,
        name="referral-transition",
    ),
]
