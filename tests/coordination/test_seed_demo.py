import pytest
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from coordination.models import Agency, Parish, Region, Role
from coordination.people.access import access_for
from mdt.models import MDT

# django-axes watches every sign-in, so each comes with its request.
SIGN_IN = RequestFactory().post("/accounts/login/")


def run_seed(*args) -> str:
    from io import StringIO

    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def credentials(output: str) -> dict[str, str]:
    found = {}
    for line in output.splitlines():
        if "password:" in line:
            username, rest = line.split("password:")
            found[username.strip()] = rest.split()[0]
    return found


def test_the_demo_state_is_believable_and_every_printed_login_works(db):
    output = run_seed()
    assert Region.objects.count() == 9
    assert not Parish.objects.filter(region__isnull=True).exists()
    assert Agency.objects.filter(is_service_provider=True).count() >= 4
    assert MDT.objects.count() == 3
    from phases.models import PHASE_NUMBER, Initiative

    phases = set(Initiative.objects.values_list("phase", flat=True))
    assert set(PHASE_NUMBER) | {"closed"} <= phases
    from mdt.models import Membership, Referral

    assert Referral.objects.count() >= 200
    assert Referral.objects.values("mdt").distinct().count() == 3
    assert Membership.objects.filter(user__username="demo-mdt").exists()
    from notifications.models import Alert

    assert sorted(Alert.objects.values_list("status", flat=True)) == ["acknowledged", "resolved"]
    from coordination.models import ReportingCycle, SurveyResponse, TestAttempt

    assert SurveyResponse.objects.count() == 28
    from mdt.models import Screening

    assert Screening.objects.count() == 40
    assert TestAttempt.objects.count() == 30

    assert list(ReportingCycle.objects.values_list("year", "status")) == [
        (2025, "open"),
        (2024, "closed"),
        (2023, "closed"),
    ]
    logins = credentials(output)
    roles = set()
    for username, password in logins.items():
        user = authenticate(SIGN_IN, username=username, password=password)
        assert user is not None, username
        roles |= access_for(user).roles
    assert roles == set(Role)


def test_seeding_twice_adds_nothing_and_resets_the_passwords(db):
    first = credentials(run_seed())
    from notifications.models import Alert

    def counts():
        return [model.objects.count() for model in (Region, Agency, MDT, Alert)]

    before = counts()
    second = credentials(run_seed())
    assert counts() == before
    assert first.keys() == second.keys()
    assert first != second
    assert all(authenticate(SIGN_IN, username=u, password=p) for u, p in second.items())


def test_a_weak_demo_password_is_refused_and_nothing_is_stored(db):
    with pytest.raises(CommandError, match="too short"):
        run_seed("--password", "x")
    assert Region.objects.count() == 0


def test_the_seed_runs_under_the_production_rate_limits(db, settings):
    """The seed screens and raises alerts for many people at once; `make run` failed with
    "Too many screens in a short time" once screening had a rate limit of its own."""
    from django.core.cache import cache

    cache.clear()
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            "token": "10/min",
            "alert-raise": "30/min",
            "screening": "30/min",
        },
    }
    run_seed("--referrals", "12")
    from mdt.models import Screening

    assert Screening.objects.count() > 30
