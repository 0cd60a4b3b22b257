"""Input that used to answer 500 answers a clean 4xx (issue 15, finding 2): a malformed
`?cursor=`, a body nested 50,000 deep, and a NUL character (`\\u0000`, which PostgreSQL
cannot store in text) in any field, query parameter or page form. Run on SQLite and on
PostgreSQL (`DATABASE_URL`): the NUL only breaks the latter.
"""

from __future__ import annotations

import base64
from urllib.parse import urlsplit

import pytest
from django.test import Client
from rest_framework.test import APIClient

from tests.test_api_fuzz import build_world
from tests.test_no_echo import PERSONAS, _answer, _operations, _page_forms, _pages, _path

NUL = "\x00"


def _json_error(response, *statuses):
    assert response.status_code in statuses, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert isinstance(body, dict)
    assert body
    return body


# --- cursors -------------------------------------------------------------------------------
def _cursor(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


CURSORS = {
    "not base64": "!!!",
    "not ascii": "é",
    "a word for a position": _cursor("p=abc"),
    "a position past 64 bits": _cursor("p=" + "9" * 30),
    "a negative position past 64 bits": _cursor("p=-" + "9" * 30),
    "5,000 digits": _cursor("p=" + "9" * 5000),
    "an offset of 5,000 digits": _cursor("o=" + "9" * 5000),
    "a reverse flag that is a word": _cursor("r=yes"),
    "a NUL position": _cursor("p=\x00"),
    "a date for an id": _cursor("p=2026-01-01T00:00:00Z"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("cursor", CURSORS.values(), ids=CURSORS.keys())
@pytest.mark.parametrize(
    "path", ["/api/v1/referrals/", "/api/v1/alerts/", "/api/v1/audit-entries/"]
)
def test_a_malformed_cursor_is_a_clean_400(api, path, cursor):
    body = _json_error(api("state_admin").get(path, {"cursor": cursor}), 400)
    assert body == {"cursor": ["Not a cursor this list gave out; start again from its first page."]}


@pytest.mark.django_db
def test_a_cursor_this_list_gave_out_still_works(api, world):
    from tests.mdt.factories import ReferralFactory

    for _ in range(3):
        ReferralFactory(mdt=world.mdt)
    client = api("state_admin")
    first = client.get("/api/v1/referrals/", {"page_size": 2}).json()
    second = client.get(first["next"]).json()
    assert len(first["results"]) == 2
    assert len(second["results"]) == 1
    back = client.get(second["previous"]).json()
    assert back["results"] == first["results"]


# --- deep bodies -------------------------------------------------------------------------
@pytest.mark.django_db
@pytest.mark.parametrize("depth", [50_000, 40])
@pytest.mark.parametrize(
    ("persona", "method", "path"),
    [
        ("anonymous", "post", "/api/v1/auth/token/"),
        ("mdt_member", "post", "/api/v1/referrals/"),
        ("coordinator", "post", "/api/v1/alerts/"),
        ("coordinator", "post", "/api/v1/trainings/"),
        ("state_admin", "put", "/api/v1/regions/{home}/"),
    ],
)
def test_a_body_nested_too_deep_is_a_clean_400(api, world, persona, method, path, depth):
    body = "[" * depth + "]" * depth
    if depth < 1000:  # deep enough to refuse, shallow enough to parse: inside an object
        body = '{"summary": ' + body + "}"
    url = path.format(home=world.home.pk)
    response = getattr(api(persona), method)(url, body, content_type="application/json")
    assert "nests deeper than" in _json_error(response, 400)["detail"]


# --- NUL -----------------------------------------------------------------------------------
NUL_BODIES = {
    "text": "a\x00b",
    "list": ["a\x00b"],
    "object value": {"key": "a\x00b"},
    "object key": {"a\x00b": "yes"},
    "rows": [{"case_code": "A\x001", "text": "a\x00b", "choices": [{"text": "a\x00b"}]}],
}


@pytest.mark.django_db
def test_a_nul_in_any_field_of_any_operation_is_a_clean_400():
    """Every write operation of the schema, every field holding a NUL as text, in a list
    and in an object (key or value): never a 500; refused (400) unless the persona is
    stopped before the body is read (401, 403, 404, 405)."""
    world = build_world()
    answers = []
    for persona in PERSONAS:
        client = APIClient()
        client.force_authenticate(world.users[persona])
        for path, method, operation in _operations():
            if method not in {"post", "put", "patch"}:
                continue
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" not in content:
                continue
            url = _path(path, world.ids)
            fields = sorted(_properties_of(content["application/json"]["schema"]))
            for value in NUL_BODIES.values():
                response = _answer(
                    client, method, url, data=dict.fromkeys(fields, value), format="json"
                )
                answers.append((persona, method, url, response.status_code))
                assert response.status_code < 500, (persona, method, url, response.content)
                if response.status_code == 400:
                    assert response["Content-Type"].startswith("application/json")
    assert sum(status == 400 for *_, status in answers) > 300


def _properties_of(schema_node) -> dict:
    from tests.test_no_echo import _resolve

    return _resolve(schema_node).get("properties", {})


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "method", "path", "body"),
    [
        # Values no serializer field checks as text: they used to reach the database.
        ("mdt_member", "post", "/api/v1/screenings/", {"answers": {"a\x00": "yes"}}),
        ("reporter", "post", "/api/v1/annual-submissions/", {"cases": [{"case_code": "A\x001"}]}),
        ("coordinator", "post", "/api/v1/trainings/", {"title": "T", "questions": [{"text": NUL}]}),
        ("mdt_member", "post", "/api/v1/referrals/", {"notes": "a\x00b"}),
        ("anonymous", "post", "/api/v1/auth/token/", {"username": NUL, "password": NUL}),
    ],
)
def test_a_nul_is_refused_before_the_serializer(api, world, persona, method, path, body):
    response = getattr(api(persona), method)(path, body, format="json")
    assert _json_error(response, 400) == {
        "detail": "Text may not contain the NUL character (\\u0000)."
    }
    # The same as a form.
    response = getattr(api(persona), method)(path, {"notes": "a\x00b"}, format="multipart")
    assert _json_error(response, 400)["detail"].startswith("Text may not contain")


@pytest.mark.django_db
def test_a_nul_in_any_query_parameter_is_a_clean_400():
    world = build_world()
    client = APIClient()
    client.force_authenticate(world.users["state_admin"])
    checked = 0
    for path, method, operation in _operations():
        names = [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"]
        if method != "get" or not names:
            continue
        for name in names:
            response = client.get(_path(path, world.ids), {name: "1\x00"})
            assert _json_error(response, 400) == {
                "detail": "Text may not contain the NUL character (\\u0000)."
            }, (path, name)
            checked += 1
    assert checked > 40


@pytest.mark.django_db
def test_a_nul_in_any_page_form_or_address_is_a_clean_400():
    world = build_world()
    sent = 0
    for persona, urls in _pages(world).items():
        client = Client()
        if world.users.get(persona):
            client.force_login(world.users[persona])
        for url in urls:
            assert client.get(url, {"q": NUL}).status_code == 400
            for form in _page_forms(client, url):
                if not form["fields"]:
                    continue  # a button alone: nothing to carry a NUL
                target = urlsplit(form["action"] or url).path or url
                data = {name: f"1{NUL}" for name, _ in form["fields"]}
                method = "post" if form["method"] == "post" else "get"
                response = _answer(client, method, target, data=data)
                assert response.status_code == 400, (persona, target, response.status_code)
                assert b"NUL" in response.content
                sent += 1
    assert sent > 30


# --- parse errors -------------------------------------------------------------------------
@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        # Django drops a charset it does not know; DRF refuses a codec that is not text.
        ("application/json; charset=bz2_codec", b"{}"),
        ("application/x-www-form-urlencoded; charset=bz2_codec", b"a=b"),
        ("multipart/form-data; boundary=qzmarker71\x01", b"--qzmarker71\r\n"),
        ("multipart/form-data; charset=bz2_codec; boundary=b", b"--b--\r\n"),
        ("application/json", b"\xff\xfeqzmarker71"),
        ("application/json", b'{"a": NaN}'),
    ],
)
def test_an_unreadable_body_is_a_clean_400_that_quotes_nothing(api, content_type, body):
    response = api("state_admin").generic("POST", "/api/v1/regions/", body, content_type)
    detail = _json_error(response, 400)["detail"]
    assert not any(quoted in detail.lower() for quoted in ("qzmarker71", "bz2", "\\x", "0xff"))


@pytest.mark.django_db
def test_a_training_question_whose_choices_are_not_objects_is_a_clean_400(api, world):
    questions = [{"text": "Q1", "choices": ["yes", "no"]}]
    response = api("coordinator").post(
        "/api/v1/trainings/", {"title": "T", "questions": questions}, format="json"
    )
    assert "question 1" in str(_json_error(response, 400))


@pytest.mark.django_db
def test_a_username_longer_than_any_account_is_refused_before_the_lockout_counts_it(api, client):
    """django-axes records each failed sign-in with its username (255 characters at most):
    a longer one used to break that insert on PostgreSQL (a 500)."""
    from axes.models import AccessAttempt

    name = "u" * 2_000
    response = client.post("/accounts/login/", {"username": name, "password": "x" * 20})
    assert response.status_code == 200
    assert b"did not match" in response.content
    response = api("anonymous").post(
        "/api/v1/auth/token/", {"username": name, "password": "x"}, format="json"
    )
    assert response.status_code == 400
    assert not AccessAttempt.objects.filter(username=name).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("digits", [20, 5_000])
def test_an_id_too_long_for_any_row_is_refused_like_an_unknown_one(api, world, digits):
    """A list of ids (`?regions=`) is checked before the query; Python refuses to read a
    number of 5,000 digits at all (it raised, a 500)."""
    response = api("state_admin").get("/api/v1/agencies/", {"regions": "9" * digits})
    assert list(_json_error(response, 400)) == ["regions"]


def test_a_multipart_form_with_too_much_text_answers_json_400(api, world):
    """Form fields past Django's DATA_UPLOAD_MAX_MEMORY_SIZE raised RequestDataTooBig,
    which Django answers with an HTML page even under /api/ (the fuzzer found it)."""
    from django.test import override_settings

    with override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1_000):
        response = api("reporter").post(
            "/api/v1/annual-submissions/",
            {"services_offered": "x" * 2_000, "children_served": "1"},
            format="multipart",
        )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "more fields or text" in response.json()["detail"]
