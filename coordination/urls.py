from django.urls import path, re_path

from .learning import views as learning_views
from .people import views as people_views
from .reporting import public as public_views
from .reporting import views as reporting_views

# The token of a link that is its only key (secrets.token_urlsafe: letters, digits, - and _;
# the column holds 64). Anything else — a NUL byte PostgreSQL refuses to compare, bytes
# that are not UTF-8, 10,000 characters — matches no route: 404 before any query.
LINK_TOKEN = r"(?P<token>[A-Za-z0-9_-]{1,64})"  # noqa: S105 - a pattern, not a secret

urlpatterns = [
    path("", people_views.dashboard, name="dashboard"),
    path("accounts/login/", people_views.SignInView.as_view(), name="login"),
    path("accounts/logout/", people_views.SignOutView.as_view(), name="logout"),
    path("accounts/two-factor/", people_views.two_factor, name="two-factor"),
    path("accounts/stay-signed-in/", people_views.stay_signed_in, name="stay-signed-in"),
    path("accounts/api-tokens/", people_views.api_tokens, name="api-tokens"),
    path(
        "accounts/api-tokens/<int:pk>/revoke/",
        people_views.api_token_revoke,
        name="api-token-revoke",
    ),
    path(
        "accounts/api-tokens/revoke-all/",
        people_views.api_tokens_revoke_all,
        name="api-tokens-revoke-all",
    ),
    path("regions/", people_views.region_list, name="region-list"),
    path("regions/<int:pk>/", people_views.region_detail, name="region-detail"),
    path("agencies/", people_views.agency_list, name="agency-list"),
    path("agencies/<int:pk>/", people_views.agency_detail, name="agency-detail"),
    path("summits/", learning_views.summit_list, name="summit-list"),
    path("summits/new/", learning_views.summit_create, name="summit-create"),
    path("summits/<int:pk>/", learning_views.summit_detail, name="summit-detail"),
    re_path(rf"^s/{LINK_TOKEN}/$", learning_views.survey_take, name="survey-take"),
    path("trainings/", learning_views.training_list, name="training-list"),
    path("trainings/<int:pk>/", learning_views.training_detail, name="training-detail"),
    re_path(rf"^t/{LINK_TOKEN}/$", learning_views.training_take, name="training-take"),
    path("practices/", learning_views.practices, name="practices"),
    path("reports/", reporting_views.report_list, name="report-list"),
    path("reports/<int:year>/", reporting_views.report_detail, name="report-detail"),
    path("reporting/", reporting_views.reporting, name="reporting"),
    path("reporting/<int:pk>/close/", reporting_views.reporting_close, name="reporting-close"),
    path(
        "reporting/<int:pk>/tracker/", reporting_views.reporting_tracker, name="reporting-tracker"
    ),
    path(
        "reporting/<int:pk>/publish/", reporting_views.reporting_publish, name="reporting-publish"
    ),
    path(
        "reporting/<int:cycle_pk>/<int:agency_pk>/respond/",
        reporting_views.submission_respond,
        name="submission-respond",
    ),
    path(
        "reporting/<int:cycle_pk>/<int:agency_pk>/",
        reporting_views.submission_form,
        name="submission-form",
    ),
    re_path(
        r"^reporting/(?P<cycle_pk>\d+)/(?P<agency_pk>\d+)/versions/(?P<number>\d+)/"
        r"receipt\.(?P<file_format>json|pdf)$",
        reporting_views.submission_receipt,
        name="submission-receipt",
    ),
    path("receipts/verify/", reporting_views.receipt_verify, name="receipt-verify"),
    path("public/", public_views.public_dashboard, name="public-dashboard"),
    path(
        "public/participation.csv",
        public_views.public_participation_csv,
        name="public-participation-csv",
    ),
    path("public/<int:year>/", public_views.public_year, name="public-year"),
    path("public/<int:year>.csv", public_views.public_year_csv, name="public-year-csv"),
    path(
        "reporting/<int:cycle_pk>/<int:agency_pk>/versions/<int:number>/rows.csv",
        reporting_views.submission_rows,
        name="submission-rows",
    ),
]
