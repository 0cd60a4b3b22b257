"""Screening: scored per band (unknown answers and instrument versions included), a
positive screen walked to a referral on the right MDT's list and, at immediate danger, an
alert on the contact's websocket; who sees what."""

import copy

import pytest
from asgiref.sync import async_to_sync
from django.test import Client

from coordination.learning.instruments import read
from mdt.models import Screening, ScreeningIndicator
from mdt.screening import instrument as scoring
from mdt.screening import services as screening_services
from notifications.models import Alert
from tests.coordination.factories import ParishFactory, UserFactory
from tests.mdt.factories import MDTFactory
from tests.notifications.test_consumers import session_headers, socket
from tests.openapi import assert_matches_schema

DEMO = "mdt/data/screening_instrument_demo.yaml"


@pytest.fixture
def instrument(db):
    return scoring.load_instrument(read(DEMO))


def answers_with(instrument, **chosen):
    codes = ScreeningIndicator.objects.filter(section__instrument=instrument).values_list(
        "code", flat=True
    )
    answers = dict.fromkeys(codes, "no")
    answers.update({code.replace("_", "-"): value for code, value in chosen.items()})
    return answers


def band_of(instrument, **chosen):
    indicators = list(ScreeningIndicator.objects.filter(section__instrument=instrument))
    return scoring.score(indicators, instrument, answers_with(instrument, **chosen))


@pytest.mark.parametrize(
    ("chosen", "band", "score", "drivers"),
    [
        ({}, "no_indicators", 0, []),
        ({"documents_held": "yes"}, "possible", 2, ["documents-held"]),  # 2 = possible_at
        (
            {"exchanged_sex": "yes", "third_party_benefits": "yes"},
            "strong",
            8,
            ["exchanged-sex", "third-party-benefits"],
        ),
        (
            {"not_free_to_leave": "yes", "threats_if_leave": "yes"},
            "strong",
            6,
            ["not-free-to-leave", "threats-if-leave"],
        ),
        ({"immediate_harm": "yes"}, "immediate_danger", 0, ["immediate-harm"]),
        (
            {"immediate_harm": "yes", "documents_held": "yes"},
            "immediate_danger",
            2,
            ["immediate-harm", "documents-held"],
        ),
        # Unknown answers add nothing to the score...
        ({"documents_held": "unknown", "debt_bondage": "unknown"}, "no_indicators", 0, []),
        # ...but with no yes, three of them are too much unknown to rule anything out.
        (
            {"documents_held": "unknown", "debt_bondage": "unknown", "exchanged_sex": "unknown"},
            "possible",
            0,
            ["documents-held", "exchanged-sex", "debt-bondage"],
        ),
        # A yes decides instead: one weak yes among unknowns is weighed on its own.
        (
            {
                "earnings_controlled": "yes",
                "documents_held": "unknown",
                "debt_bondage": "unknown",
                "exchanged_sex": "unknown",
            },
            "possible",
            2,
            ["earnings-controlled"],
        ),
    ],
)
def test_every_band_is_scored_as_the_instrument_says(instrument, chosen, band, score, drivers):
    result = band_of(instrument, **chosen)
    assert (result.band, result.score) == (band, score)
    assert result.drivers == drivers


def test_a_screen_keeps_the_version_it_was_scored_with(instrument, world):
    actor = world.users["no_role"]
    answers = answers_with(instrument, documents_held="yes")
    first = screening_services.screening_submit(
        actor=actor,
        instrument=instrument,
        discipline="education",
        parish=world.home_parish,
        age_band="15-17",
        answers=answers,
    )
    data = copy.deepcopy(read(DEMO))
    data["version"] = 2
    data["bands"]["possible_at"] = 3  # version 2 asks for more before "possible"
    newer = scoring.load_instrument(data)
    assert screening_services.screening_instrument_current() == newer
    second = screening_services.screening_submit(
        actor=actor,
        instrument=newer,
        discipline="education",
        parish=world.home_parish,
        age_band="15-17",
        answers=answers,
    )
    first.refresh_from_db()
    assert (first.instrument.version, first.band) == (1, "possible")
    assert (second.instrument.version, second.band) == (2, "no_indicators")


@pytest.fixture
def mdts(world):
    """The home MDT covers the home parish; a second MDT of the region covers another."""
    world.mdt.parishes.set([world.home_parish])
    other = MDTFactory(name="Other MDT", region=world.home)
    other.parishes.set([ParishFactory(name="Other Parish", region=world.home)])
    screener = UserFactory(username="teacher")  # a professional with no role in Lantern
    return world.mdt, other, screener


def screen_via_api(client, world, instrument, **chosen):
    body = {
        "discipline": "education",
        "parish": world.home_parish.pk,
        "age_band": "12-14",
        "answers": answers_with(instrument, **chosen),
    }
    return client.post("/api/v1/screenings/", body, format="json")


def test_a_positive_screen_becomes_a_referral_on_the_right_mdts_list(api, world, instrument, mdts):
    home_mdt, other_mdt, screener = mdts
    client = api("anonymous")
    client.force_authenticate(screener)
    created = screen_via_api(
        client, world, instrument, exchanged_sex="yes", third_party_benefits="yes"
    )
    assert created.status_code == 201, created.content
    assert created.json()["band"] == "strong"
    referred = client.post(
        f"/api/v1/screenings/{created.json()['id']}/refer/", {"confirmed": True}, format="json"
    )
    assert referred.status_code == 200
    assert referred.json()["mdt"] == "Home MDT"
    case_code = referred.json()["referral"]
    listed = api("mdt_member").get("/api/v1/referrals/").json()["results"]
    [row] = [row for row in listed if row["case_code"] == case_code]
    assert (
        row["victim_status"],
        row["trafficking_type"],
        row["referral_source"],
        row["age_band"],
    ) == ("confirmed", "sex", "education", "12-14")
    assert row["notes"] == ""
    # MDT members see the referral, never who screened.
    assert "teacher" not in str(api("mdt_member").get(f"/api/v1/referrals/{row['id']}/").json())
    member_page = Client()
    member_page.force_login(world.users["mdt_member"])
    assert "teacher" not in member_page.get(f"/referrals/{row['id']}/").content.decode()
    assert not Alert.objects.exists()  # strong, not immediate danger: no alert
    again = client.post(f"/api/v1/screenings/{created.json()['id']}/refer/", {}, format="json")
    assert again.status_code == 409


@pytest.mark.django_db(transaction=True)
def test_immediate_danger_reaches_the_contact_s_websocket(world, instrument, mdts):
    _, _, screener = mdts
    headers = session_headers(world.users["responder"])

    def screen_and_refer():
        screening = screening_services.screening_submit(
            actor=screener,
            instrument=instrument,
            discipline="health_care",
            parish=world.home_parish,
            age_band="15-17",
            answers=answers_with(instrument, immediate_harm="yes"),
        )
        return screening_services.screening_refer(actor=screener, screening=screening)

    async def scenario():
        from channels.db import database_sync_to_async

        contact = socket(headers)
        try:
            assert (await contact.connect())[0]
            screening = await database_sync_to_async(screen_and_refer)()
            event = await contact.receive_json_from()
            assert event["type"] == "alert"
            assert event["alert"]["severity"] == "critical"
            assert event["alert"]["referral"] == screening.referral_id
            assert "immediate danger" in event["alert"]["summary"]
        finally:
            await contact.disconnect()

    async_to_sync(scenario)()
    screening = Screening.objects.get()
    assert screening.alert.assigned_to == world.users["responder"]
    assert screening.referral.mdt == world.mdt


def test_a_screener_sees_their_own_screens_only(api, world, instrument, mdts):
    _, _, screener = mdts
    mine = api("anonymous")
    mine.force_authenticate(screener)
    created = screen_via_api(mine, world, instrument, documents_held="yes").json()
    for persona in ("state_admin", "mdt_member", "coordinator"):
        assert api(persona).get(f"/api/v1/screenings/{created['id']}/").status_code == 404
        assert api(persona).get("/api/v1/screenings/").json()["results"] == []
        assert api(persona).post(f"/api/v1/screenings/{created['id']}/refer/").status_code == 404
    assert len(mine.get("/api/v1/screenings/").json()["results"]) == 1
    assert api("anonymous").post("/api/v1/screenings/", {}, format="json").status_code == 401


def test_a_screen_not_yet_referred_answers_as_the_schema_says(api, world, instrument, mdts):
    """Found by the API fuzzer: `referral` is null until the screen is referred; the
    schema said text."""
    _, _, screener = mdts
    client = api("anonymous")
    client.force_authenticate(screener)
    created = screen_via_api(client, world, instrument, documents_held="yes")
    assert created.json()["referral"] is None
    assert_matches_schema(created, method="POST", path="/api/v1/screenings/")
    shown = client.get(f"/api/v1/screenings/{created.json()['id']}/")
    assert_matches_schema(shown, method="GET", path="/api/v1/screenings/{id}/")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"answers": {"documents-held": "yes"}}, "answers"),  # the others unanswered
        ({"answers": {"documents-held": "maybe"}}, "answers"),
        ({"name": "Jane Doe"}, "non_field_errors"),
        ({"date_of_birth": "2010-01-01"}, "non_field_errors"),
        ({"age_band": "sixteen"}, "age_band"),
    ],
)
def test_bad_screens_are_refused_and_nothing_is_stored(api, world, instrument, change, field):
    body = {
        "discipline": "education",
        "parish": world.home_parish.pk,
        "age_band": "12-14",
        "answers": answers_with(instrument),
    }
    body.update(change)
    response = api("no_role").post("/api/v1/screenings/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Screening.objects.exists()


def test_a_screen_without_indicators_is_not_referred(api, world, instrument, mdts):
    created = screen_via_api(api("no_role"), world, instrument).json()
    assert created["band"] == "no_indicators"
    assert api("no_role").post(f"/api/v1/screenings/{created['id']}/refer/").status_code == 409


def test_statistics_are_suppressed_for_everyone_but_state_admins(api, world, instrument):
    for _ in range(3):
        screen_via_api(api("no_role"), world, instrument, documents_held="yes")
    for _ in range(12):
        screen_via_api(api("no_role"), world, instrument)
    published = api("coordinator").get("/api/v1/screenings/statistics/").json()
    education = next(row for row in published["tables"][0]["rows"] if row["code"] == "education")
    assert education["possible"] == "<5"
    assert education["no_indicators"] == "*"  # would give the 3 away with the total
    assert education["total"] == 15
    full = api("state_admin").get("/api/v1/screenings/statistics/").json()
    education = next(row for row in full["tables"][0]["rows"] if row["code"] == "education")
    assert (education["possible"], education["no_indicators"]) == (3, 12)


def test_the_screening_instruments_are_listed_with_their_indicators(api, instrument):
    body = api("no_role").get("/api/v1/screening-instruments/").json()
    [listed] = body.get("results", body)
    assert listed["version"] == 1
    assert any(row["immediate"] for row in listed["indicators"])
    assert "Vera Institute" in listed["source"]


def test_an_immediate_danger_alert_tells_the_contact_no_case_code(world, instrument, mdts):
    """Issue 15, finding 6: the alert's summary named the referral's case code, and the
    contact who receives it (a responder, not an MDT member) saw it on every surface."""
    import json

    from notifications.events import alert_event

    _, _, screener = mdts
    screening = screening_services.screening_submit(
        actor=screener,
        instrument=instrument,
        discipline="health_care",
        parish=world.home_parish,
        age_band="15-17",
        answers=answers_with(instrument, immediate_harm="yes"),
    )
    screening = screening_services.screening_refer(actor=screener, screening=screening)
    code, alert = screening.referral.case_code, screening.alert
    assert "immediate danger" in alert.summary
    assert code not in alert.summary
    assert code not in json.dumps(alert_event(alert))
    responder = Client()
    responder.force_login(world.users["responder"])
    for path in ("/alerts/", f"/alerts/{alert.pk}/", f"/api/v1/alerts/{alert.pk}/"):
        response = responder.get(path)
        assert response.status_code == 200
        assert code not in response.content.decode()
    admin = Client()
    admin.force_login(world.users["state_admin"])
    assert code in admin.get(f"/alerts/{alert.pk}/").content.decode()
