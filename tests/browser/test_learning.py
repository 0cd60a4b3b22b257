"""A participant takes a module's pre-test and post-test without signing in; the
coordinator sees the gain. The summit's survey and the practices inventory pass axe."""

import datetime

from playwright.sync_api import expect

from coordination.learning import instruments
from coordination.learning import services as learning_services
from coordination.models import Role, RoleAssignment, Summit
from tests.browser.conftest import assert_accessible, go_to, sign_in
from tests.coordination.factories import RegionFactory, UserFactory

PASSWORD = "Coordinator-passphrase-9"


def take_test(page, module, kind: str, right: int):
    page.goto(f"/t/{module.token}/")
    page.get_by_label("Your participant code").fill("RIVER-2024")
    page.get_by_label("Pre-test" if kind == "pre" else "Post-test").check()
    page.get_by_label("Your discipline").select_option("health_care")
    for number, question in enumerate(module.questions.all()):
        choice = question.choices.filter(is_correct=number < right).first()
        page.get_by_role("group", name=f"{number + 1}. {question.text}").get_by_label(
            choice.text
        ).check()
    page.get_by_role("button", name="Send my answers").click()


def test_a_participant_takes_both_tests_and_the_coordinator_sees_the_gain(page):
    region = RegionFactory(name="Acadiana")
    coordinator = UserFactory(username="cora", password=PASSWORD)
    RoleAssignment.objects.create(user=coordinator, role=Role.COORDINATOR, region=region)
    module = instruments.load_training_module(
        instruments.read("coordination/data/training_module_demo.yaml")
    )

    take_test(page, module, "pre", right=2)
    expect(page.get_by_role("status")).to_contain_text("2 of 5 correct (40%)")
    assert_accessible(page, "test result")
    page.goto(f"/t/{module.token}/")
    assert_accessible(page, "knowledge test")
    take_test(page, module, "post", right=5)
    expect(page.get_by_role("status")).to_contain_text("5 of 5 correct (100%)")

    sign_in(page, "cora", PASSWORD)
    go_to(page, "Training")
    page.get_by_role("link", name=module.title).click()
    expect(page.get_by_text("+60.0")).to_be_visible()
    expect(page.get_by_text("40.0% before → 100.0% after")).to_be_visible()
    expect(page.get_by_text("too few for a significance test")).to_be_visible()
    assert_accessible(page, "training outcomes")


def test_the_summit_survey_and_practices_pages_pass_axe(page):
    region = RegionFactory(name="Northshore")
    coordinator = UserFactory(username="cora", password=PASSWORD)
    RoleAssignment.objects.create(user=coordinator, role=Role.COORDINATOR, region=region)
    instrument = instruments.load_survey_instrument(
        instruments.read("coordination/data/collaboration_survey_demo.yaml")
    )
    summit = Summit.objects.create(
        region=region, held_on=datetime.date(2026, 5, 1), place="Library"
    )
    link = learning_services.survey_link_open(
        actor=coordinator, summit=summit, instrument=instrument
    )

    page.goto(f"/s/{link.token}/")
    assert_accessible(page, "anonymous survey")
    first = instrument.categories.first().factors.first().items.first()
    page.get_by_role("group", name=first.text).get_by_label("Agree", exact=True).check()
    page.get_by_role("button", name="Send my answers").click()
    expect(page.get_by_role("status")).to_contain_text("recorded, anonymously")

    sign_in(page, "cora", PASSWORD)
    go_to(page, "Summits")
    page.get_by_role("link", name="May 1, 2026").click()
    expect(page.get_by_text("1 response so far")).to_be_visible()
    expect(page.locator(".bar-chart")).to_have_count(1)
    assert_accessible(page, "summit page with scores")
    go_to(page, "Practices")
    page.get_by_text("Update Northshore's practices").click()
    page.get_by_label("Multidisciplinary teams (MDTs)").check()
    page.get_by_role("button", name="Save Northshore").click()
    expect(page.get_by_role("status")).to_contain_text("Saved Northshore's practices")
    assert_accessible(page, "practices inventory")
