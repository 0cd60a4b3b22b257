from django.urls import path, re_path

from . import views

urlpatterns = [
    path("alerts/", views.alert_console, name="alert-console"),
    path("alerts/new/", views.alert_raise, name="alert-raise"),
    path("alerts/<int:pk>/", views.alert_detail, name="alert-detail-page"),
    re_path(
        r"^alerts/(?P<pk>\d+)/(?P<transition>acknowledge|resolve)/$",
        views.alert_answer,
        name="alert-answer",
    ),
    path("rota/", views.rota, name="rota"),
    path("rota/<int:region_id>/take-over/", views.rota_take_over, name="rota-take-over"),
    path("rota/<int:region_id>/hand-back/", views.rota_hand_back, name="rota-hand-back"),
]
