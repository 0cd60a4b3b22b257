from django.urls import path, re_path

from . import views
from .phone import views as phone_views
from .policies import views as policy_views
from .push import views as push_views
from .schedules import views as schedule_views

urlpatterns = [
    path("alerts/", views.alert_console, name="alert-console"),
    path("alerts/new/", views.alert_raise, name="alert-raise"),
    path("alerts/<int:pk>/", views.alert_detail, name="alert-detail-page"),
    re_path(
        r"^alerts/(?P<pk>\d+)/(?P<transition>acknowledge|resolve)/$",
        views.alert_answer,
        name="alert-answer",
    ),
    path("alerts/insights/", views.alert_insights, name="alert-insights"),
    path("alerts/settings/", push_views.alert_settings, name="alert-settings"),
    path("alerts/settings/devices/", push_views.device_subscribe, name="alert-device-subscribe"),
    path(
        "alerts/settings/devices/<int:pk>/remove/",
        push_views.device_remove,
        name="alert-device-remove",
    ),
    path("alerts/settings/test/", push_views.test_alert, name="alert-test"),
    path("alerts/settings/rules/", push_views.rules_save, name="alert-rules"),
    path("alerts/push-acknowledge/", push_views.push_acknowledge, name="alert-push-acknowledge"),
    path("service-worker.js", push_views.service_worker, name="service-worker"),
    path("twilio/sms/", phone_views.sms_reply, name="twilio-sms"),
    path("twilio/voice/", phone_views.voice_key, name="twilio-voice"),
    path("twilio/status/", phone_views.delivery_status, name="twilio-status"),
    path("manifest.webmanifest", push_views.manifest, name="manifest"),
    path("rota/", views.rota, name="rota"),
    path("rota/<int:region_id>/take-over/", views.rota_take_over, name="rota-take-over"),
    path("rota/<int:region_id>/hand-back/", views.rota_hand_back, name="rota-hand-back"),
    path("rota/<int:region_id>/rotations/new/", schedule_views.rotation_new, name="rotation-new"),
    path("rota/<int:region_id>/swap/", schedule_views.shift_swap, name="rota-swap"),
    path(
        "rota/<int:region_id>/escalation/",
        policy_views.escalation_policy,
        name="escalation-policy",
    ),
]
