from django.urls import path, re_path

from . import views

urlpatterns = [
    path("initiatives/", views.initiative_board, name="initiative-board"),
    path("initiatives/new/", views.initiative_create, name="initiative-create"),
    path("initiatives/<int:pk>/", views.initiative_detail, name="initiative-detail"),
    path("initiatives/<int:pk>/edit/", views.initiative_edit, name="initiative-edit"),
    re_path(
        r"^initiatives/(?P<pk>\d+)/(?P<transition>advance|return|close|abandon)/$",
        views.initiative_transition,
        name="initiative-transition",
    ),
    path("initiatives/<int:pk>/summits/new/", views.summit_create, name="initiative-summit-create"),
    path("initiatives/<int:pk>/records/<str:kind>/new/", views.record_form, name="record-create"),
    path(
        "initiatives/<int:pk>/records/<str:kind>/<int:record_pk>/",
        views.record_form,
        name="record-edit",
    ),
]
