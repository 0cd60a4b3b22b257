"""Links whose token is the only key — a summit's survey (`/s/…/`), a training's tests
(`/t/…/`), a member's calendar feed (`/calendar/….ics`) — answer a token that cannot be one
(a NUL byte, which PostgreSQL refuses to compare, bytes that are not UTF-8, a slash, 10,000
characters) with 404 before any query, never 500; a real token still opens its link."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coordination.learning import instruments
from coordination.learning import services as learning_services
from mdt.meetings import services as meetings_services
from tests.coordination.factories import UserFactory

SURVEY = {
    "name": "Links survey",
    "source": "Made up for the test.",
    "categories": [
        {"name": "Communication", "factors": [{"name": "Talk", "items": [{"text": "We talk."}]}]}
    ],
}
QUESTIONS = [{"text": "Q1", "choices": [{"text": "yes", "correct": True}, {"text": "no"}]}]
LINKS = {"survey": "/s/{}/", "training": "/t/{}/", "calendar": "/calendar/{}.ics"}
TABLES = ("surveylink", "trainingmodule", "calendarfeed")
BAD_TOKENS = {
    "a NUL byte": "%00abc",
    "a NUL byte inside": "abc%00def",
    "bytes that are not UTF-8": "%ff%fe",
    "an encoded slash": "abc%2Fdef",
    "a space": "abc%20def",
    "10,000 characters": "a" * 10_000,
}


@pytest.mark.django_db
@pytest.mark.parametrize("kind", list(LINKS))
@pytest.mark.parametrize("token", list(BAD_TOKENS))
def test_a_token_that_cannot_be_one_answers_404_without_a_query(client, kind, token):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(LINKS[kind].format(BAD_TOKENS[token]))
    assert response.status_code == 404
    assert not [query for query in queries if any(t in query["sql"] for t in TABLES)]


@pytest.mark.django_db
def test_real_tokens_still_open_their_links(world, client):
    coordinator, admin = world.users["coordinator"], world.users["state_admin"]
    summit = learning_services.summit_create(
        actor=coordinator, region=world.home, held_on="2017-10-05", place="Civic Center"
    )
    link = learning_services.survey_link_open(
        actor=coordinator, summit=summit, instrument=instruments.load_survey_instrument(SURVEY)
    )
    training = learning_services.training_module_create(
        actor=admin, title="Basics", questions=QUESTIONS
    )
    feed = meetings_services.calendar_feed_for(actor=UserFactory(username="member"))
    for url in (
        LINKS["survey"].format(link.token),
        LINKS["training"].format(training.token),
        LINKS["calendar"].format(feed.token),
    ):
        assert client.get(url).status_code == 200, url
