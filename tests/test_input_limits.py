"""Every input has a size limit: each text field of every model, each string and list the
API accepts (read off the OpenAPI schema Lantern serves), each text field of every page
form. A text over its limit is refused with a 400 and nothing is stored."""

import importlib
import inspect

import pytest
from django import forms
from django.apps import apps
from django.core.validators import MaxLengthValidator
from django.db import models
from rest_framework.test import APIClient

from mdt.models import Meeting
from phases.models import Initiative

LANTERN_APPS = ["coordination", "phases", "mdt", "notifications"]


def _schema() -> dict:
    return APIClient().get("/api/v1/schema/", {"format": "json"}).json()


def test_every_model_text_field_has_a_limit_that_validation_enforces():
    unbounded = []
    for label in LANTERN_APPS:
        for model in apps.get_app_config(label).get_models():
            for field in model._meta.get_fields():
                if not isinstance(field, (models.CharField, models.TextField)):
                    continue
                if field.max_length is None:
                    unbounded.append(f"{model.__name__}.{field.name}")
                elif isinstance(field, models.TextField) and not any(
                    isinstance(v, MaxLengthValidator) for v in field.validators
                ):
                    unbounded.append(f"{model.__name__}.{field.name} (not validated)")
    assert unbounded == []


def _request_properties(schema):
    """(component, property, definition) of every field a request body may carry."""
    for name, component in schema["components"]["schemas"].items():
        if not name.endswith("Request"):
            continue
        for prop, definition in component.get("properties", {}).items():
            if definition.get("readOnly"):
                continue
            yield name, prop, definition


@pytest.mark.django_db
def test_every_string_the_api_accepts_has_a_max_length():
    unbounded = []
    for component, prop, definition in _request_properties(_schema()):
        if definition.get("type") != "string":
            continue
        if definition.get("enum") or definition.get("format") in {
            "date",
            "date-time",
            "binary",
            "email",
            "uri",
            "decimal",  # bounded by its pattern
        }:
            continue
        if "maxLength" not in definition:
            unbounded.append(f"{component}.{prop}")
    assert unbounded == []


@pytest.mark.django_db
def test_every_list_of_values_the_api_accepts_has_a_max_length():
    """Lists of related ids are bounded by the strict input mixin (MAX_LIST_ITEMS) before
    any id is looked up; see the next test."""
    unbounded = []
    for component, prop, definition in _request_properties(_schema()):
        if definition.get("type") != "array":
            continue
        items = definition.get("items", {})
        related_ids = items.get("type") == "integer" and "maxItems" not in definition
        if "maxItems" not in definition and not related_ids:
            unbounded.append(f"{component}.{prop}")
    assert unbounded == []


def test_a_list_of_related_ids_longer_than_allowed_is_refused_before_any_lookup(
    api, world, django_assert_max_num_queries
):
    body = {
        "region": world.home.pk,
        "title": "Count the cases",
        "partner_agencies": list(range(1, 10_001)),
    }
    with django_assert_max_num_queries(8):  # the user and roles, not one per id
        response = api("coordinator").post("/api/v1/initiatives/", body, format="json")
    assert response.status_code == 400
    assert "At most 500 items" in response.json()["partner_agencies"][0]


def _form_classes():
    for label in LANTERN_APPS:
        try:
            module = importlib.import_module(f"{label}.forms")
        except ModuleNotFoundError:
            continue
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, forms.BaseForm) and value.__module__ == module.__name__:
                yield value


def test_every_page_form_text_field_has_a_limit():
    unbounded = []
    for form in _form_classes():
        for name, field in form.base_fields.items():
            if isinstance(field, forms.CharField) and field.max_length is None:
                unbounded.append(f"{form.__name__}.{name}")
    assert unbounded == []


# --- The probe's own inputs ------------------------------------------------------------
def test_a_need_statement_over_its_limit_is_refused_and_nothing_stored(api, world):
    response = api("coordinator").post(
        "/api/v1/initiatives/",
        {"region": world.home.pk, "title": "Count", "need_statement": "a." * 1_000 + "!"},
        format="json",
    )
    assert response.status_code == 400
    assert "2000" in response.json()["need_statement"][0].replace(",", "")
    assert not Initiative.objects.exists()


def test_minutes_over_their_limit_are_refused_and_the_old_ones_kept(api, world):
    meeting = Meeting.objects.create(
        mdt=world.mdt,
        starts_at="2026-12-01T15:00:00Z",
        ends_at="2026-12-01T16:00:00Z",
        minutes="4 referrals reviewed.",
    )
    response = api("mdt_member").put(
        f"/api/v1/meetings/{meeting.pk}/minutes/", {"minutes": "1:" * 5_001}, format="json"
    )
    assert response.status_code == 400
    meeting.refresh_from_db()
    assert meeting.minutes == "4 referrals reviewed."


# --- Dates from Lantern's era only ------------------------------------------------------
@pytest.mark.parametrize("day", ["0001-01-01", "1899-12-31", "9999-12-31", "2999-01-01"])
def test_an_implausible_date_is_refused_and_nothing_stored(api, world, day):
    from mdt.models import Referral

    response = api("mdt_member").post(
        "/api/v1/referrals/",
        {
            "mdt": world.mdt.pk,
            "received_on": day,
            "age_band": "15-17",
            "trafficking_type": "sex",
            "victim_status": "prospective",
            "referral_source": "education",
            "parish": world.home_parish.pk,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "between 1990" in response.json()["received_on"][0]
    assert not Referral.objects.exists()


@pytest.mark.parametrize("moment", ["0001-01-01T10:00:00Z", "9999-12-31T10:00:00Z"])
def test_a_meeting_in_an_implausible_year_is_refused(api, world, moment):
    response = api("mdt_member").post(
        "/api/v1/meetings/",
        {
            "mdt": world.mdt.pk,
            "starts_at": moment,
            "ends_at": moment.replace("T10", "T11"),
            "location": "Room 2",
        },
        format="json",
    )
    assert response.status_code == 400
    assert "between 1990" in str(response.json())
    assert not Meeting.objects.exists()


def test_a_summit_in_an_implausible_year_is_refused(api, world):
    response = api("coordinator").post(
        "/api/v1/summits/",
        {"region": world.home.pk, "held_on": "9999-12-31", "place": "Hall"},
        format="json",
    )
    assert response.status_code == 400
    assert "between 1990" in response.json()["held_on"][0]
