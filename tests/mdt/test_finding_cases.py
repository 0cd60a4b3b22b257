"""Finding cases: the referral list searches by case code, sorts (newest, waiting longest,
status, age band) and filters (MDT, parish, status, my case team, past a target, open
recommendations), through the API and the page, in cursor pages that walk every row once
in both directions, with a query count that does not grow with the page."""

import datetime
import itertools

import pytest
from django.urls import reverse

from coordination.cases import AgeBand
from mdt import services
from mdt.models import CaseTeamMember, Recommendation, Referral, ReferralStatus
from tests.coordination.factories import ParishFactory
from tests.mdt.factories import ReferralFactory

pytestmark = pytest.mark.django_db
STATUS_ORDER = ReferralStatus.values
BANDS = AgeBand.values


@pytest.fixture
def many(world):
    """Twelve referrals over three days (ties on every sort key), four statuses, four
    age bands, two parishes."""
    member = world.users["mdt_member"]
    second = ParishFactory(name="Second Parish", region=world.home)
    days = [datetime.date(2026, 11, d) for d in (3, 9, 9, 15)]
    made = []
    for n, (day, band) in enumerate(
        zip(itertools.cycle(days), itertools.cycle(["15-17", "0-11", "25-34", "12-14", "unknown"]))
    ):
        if n == 12:
            break
        referral = ReferralFactory(
            mdt=world.mdt,
            parish=second if n % 3 == 0 else world.home_parish,
            received_on=day,
            age_band=band,
        )
        steps = [[], ["review"], ["review", "engage"], ["close"]][n % 4]
        for step in steps:
            referral = services.referral_transition(
                actor=member, referral=referral, transition=step
            )
        made.append(referral)
    world.second_parish = second
    return made


def expected(referrals, sort: str) -> list[int]:
    keys = {
        "newest": lambda r: (-r.received_on.toordinal(), -r.pk),
        "oldest": lambda r: (r.received_on.toordinal(), r.pk),
        "status": lambda r: (STATUS_ORDER.index(r.status), r.received_on.toordinal(), r.pk),
        "age_band": lambda r: (BANDS.index(r.age_band), -r.received_on.toordinal(), -r.pk),
    }
    fresh = list(Referral.objects.filter(pk__in=[r.pk for r in referrals]))
    return [r.pk for r in sorted(fresh, key=keys[sort])]


def walk(client, query: dict) -> tuple[list[int], list[int]]:
    """Every page forward, then every page back from the last one."""
    forward, pages = [], []
    answer = client.get("/api/v1/referrals/", {**query, "page_size": 5}).json()
    while True:
        pages.append(answer)
        forward += [row["id"] for row in answer["results"]]
        if not answer["next"]:
            break
        answer = client.get(answer["next"]).json()
    backward = [row["id"] for row in reversed(pages[-1]["results"])]
    answer = pages[-1]
    while answer["previous"]:
        answer = client.get(answer["previous"]).json()
        backward += [row["id"] for row in reversed(answer["results"])]
    return forward, backward


@pytest.mark.parametrize("sort", ["newest", "oldest", "status", "age_band"])
def test_each_sort_walks_every_referral_once_both_ways(api, many, sort):
    forward, backward = walk(api("mdt_member"), {"sort": sort})
    assert forward == expected(many, sort)
    assert backward == forward[::-1]


def test_search_by_part_of_a_case_code_in_any_case(api, many):
    target = many[5].case_code
    found = api("mdt_member").get("/api/v1/referrals/", {"case_code": target[3:8].lower()})
    assert [row["case_code"] for row in found.json()["results"]] == [target]
    too_long = api("mdt_member").get("/api/v1/referrals/", {"case_code": "X" * 17})
    assert too_long.status_code == 400


def test_filters_narrow_the_list(api, world, many):
    client = api("mdt_member")
    member = world.users["mdt_member"]

    def codes(**query):
        answer = client.get("/api/v1/referrals/", {**query, "page_size": 50})
        assert answer.status_code == 200, answer.json()
        return {row["id"] for row in answer.json()["results"]}

    assert codes(parish=world.second_parish.pk) == {
        r.pk for r in many if r.parish_id == world.second_parish.pk
    }
    for referral in many[:2]:
        CaseTeamMember.objects.create(referral=referral, user=member, discipline="advocacy")
    assert codes(my_case_team="true") == {many[0].pk, many[1].pk}
    Recommendation.objects.create(
        referral=many[4],
        kind="housing",
        owner_discipline="advocacy",
        due_on=datetime.date(2026, 12, 1),
        created_by=member,
    )
    assert codes(open_recommendations="true") == {many[4].pk}
    in_review = codes(status="in_review")
    assert in_review == {r.pk for r in Referral.objects.filter(status="in_review")}
    assert codes(status="in_review", my_case_team="true") == in_review & {many[0].pk, many[1].pk}
    # Someone else's case team is not "mine".
    assert (
        api("state_admin").get("/api/v1/referrals/", {"my_case_team": "true"}).json()["results"]
        == []
    )


def test_a_cursor_belongs_to_its_sort(api, many):
    client = api("mdt_member")
    first = client.get("/api/v1/referrals/", {"sort": "status", "page_size": 2}).json()
    cursor = first["next"].split("cursor=")[1].split("&")[0]
    mixed = client.get("/api/v1/referrals/", {"sort": "oldest", "cursor": cursor})
    assert mixed.status_code == 400
    assert "cursor" in mixed.json()
    assert client.get("/api/v1/referrals/", {"sort": "shoe_size"}).status_code == 400


def test_the_query_count_does_not_grow_with_the_page(
    api, world, many, django_assert_max_num_queries
):
    client = api("mdt_member")
    query = {"sort": "status", "overdue": "false", "open_recommendations": "false"}
    with django_assert_max_num_queries(9) as small:
        assert (
            len(client.get("/api/v1/referrals/", {**query, "page_size": 2}).json()["results"]) == 2
        )
    with django_assert_max_num_queries(9) as large:
        assert (
            len(client.get("/api/v1/referrals/", {**query, "page_size": 12}).json()["results"])
            == 12
        )
    assert len(small.captured_queries) == len(large.captured_queries)


def test_the_page_searches_sorts_filters_and_pages(client, world, many):
    client.force_login(world.users["mdt_member"])
    target = many[7]
    found = client.get(reverse("referral-list"), {"case_code": target.case_code[2:7].lower()})
    body = found.content.decode()
    assert target.case_code in body
    assert many[6].case_code not in body
    seen, link = [], reverse("referral-list") + "?sort=oldest&parish=" + str(world.home_parish.pk)
    for _ in range(5):  # 8 rows in the home parish: one page of 50
        page = client.get(link)
        assert page.status_code == 200
        seen += [r.pk for r, _ in page.context["rows"]]
        link = page.context["next_link"]
        if not link:
            break
        link = reverse("referral-list") + link
    home = [r for r in many if r.parish_id == world.home_parish.pk]
    assert seen == expected(home, "oldest")
    stale = client.get(reverse("referral-list"), {"cursor": "not-a-cursor"})
    assert stale.status_code == 200
    assert "out of date" in stale.content.decode()


def test_the_page_queries_stay_flat(client, world, many, django_assert_max_num_queries):
    client.force_login(world.users["mdt_member"])
    with django_assert_max_num_queries(25) as first:
        client.get(reverse("referral-list"), {"sort": "age_band"})
    for _ in range(40):
        ReferralFactory(mdt=world.mdt, parish=world.home_parish)
    with django_assert_max_num_queries(25) as second:
        client.get(reverse("referral-list"), {"sort": "age_band"})
    assert len(first.captured_queries) == len(second.captured_queries)
