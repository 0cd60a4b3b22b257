"""An MDT member records a referral, meets the privacy guard, fixes the notes, saves, and
finds the referral on the next meeting's agenda."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from coordination.models import Role, RoleAssignment
from mdt import services
from mdt.meetings import services as meetings_services
from mdt.models import Referral
from tests.browser.conftest import assert_accessible, go_to, sign_in
from tests.coordination.factories import ParishFactory, RegionFactory, UserFactory
from tests.mdt.factories import MDTFactory

PASSWORD = "Member-passphrase-9"


def test_an_mdt_member_records_a_referral_and_finds_it_on_the_agenda(page, shipped_data):
    region = RegionFactory(name="Region 1 — Greater New Orleans")
    ParishFactory(name="Orleans Test Parish", region=region)
    team = MDTFactory(name="Greater New Orleans MDT", region=region)
    member = UserFactory(username="morgan", password=PASSWORD)
    RoleAssignment.objects.create(user=member, role=Role.MDT_MEMBER, mdt=team)
    start = timezone.localtime() + datetime.timedelta(days=6)
    start = start.replace(hour=9, minute=0, second=0, microsecond=0)
    meeting = meetings_services.meeting_schedule(
        actor=member,
        mdt=team,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        location="CAC conference room",
    )[0]

    sign_in(page, "morgan", PASSWORD)
    go_to(page, "Referrals")
    page.get_by_role("link", name="Record a referral").click()
    assert_accessible(page, "referral intake form")
    page.get_by_label("Received on").fill(timezone.localdate().isoformat())
    page.get_by_label("Age band").select_option("15-17")
    page.get_by_label("Trafficking type").select_option("sex")
    page.get_by_label("Victim status").select_option("prospective")
    page.get_by_label("Referral source").select_option("education")
    page.get_by_label("Parish").select_option(label="Orleans Test Parish Parish")
    page.get_by_label("Safe housing").check()
    page.get_by_label("Notes").fill("Disclosed to a school counselor; aunt's cell is 504-555-0173.")
    page.get_by_role("button", name="Record the referral").click()

    expect(page.get_by_role("alert")).to_contain_text("Please correct the fields marked below")
    # The kind and where (characters 49–60), never the number itself: above the form, as a
    # link to the field, and beside the field, which has the focus.
    refusal = "This text contains a phone number (characters 49–60). Remove it"
    expect(page.get_by_role("alert").get_by_role("link", name=f"Notes: {refusal}")).to_be_visible()
    expect(page.get_by_text(refusal)).to_have_count(2)
    expect(page.get_by_label("Notes")).to_be_focused()
    assert page.get_by_label("Notes").get_attribute("aria-invalid") == "true"
    assert_accessible(page, "intake form with errors")
    assert not Referral.objects.exists()

    page.get_by_label("Notes").fill("Disclosed to a school counselor; aunt is caring for her.")
    page.get_by_role("button", name="Record the referral").click()
    expect(page.get_by_role("status")).to_contain_text("on the agenda of the meeting")
    referral = Referral.objects.get()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Referral {referral.case_code}")
    assert_accessible(page, "referral page")

    page.get_by_role(
        "link",
        name=meeting.starts_at.astimezone(timezone.get_current_timezone()).strftime("%B %-d, %Y"),
    ).first.click()
    expect(page.get_by_role("heading", level=2, name="Agenda")).to_be_visible()
    expect(page.get_by_role("link", name=referral.case_code)).to_be_visible()
    assert_accessible(page, "meeting page")


def test_the_case_team_sees_a_status_change_without_reloading(browser, live_asgi, shipped_data):
    region = RegionFactory(name="Capital Area")
    ParishFactory(name="East Baton Rouge Test", region=region)
    team = MDTFactory(name="Capital Area MDT", region=region)
    people = []
    for name in ["avery", "blake"]:
        person = UserFactory(username=name, password=PASSWORD)
        RoleAssignment.objects.create(user=person, role=Role.MDT_MEMBER, mdt=team)
        people.append(person)
    referral = services.referral_create(
        actor=people[0],
        mdt=team,
        received_on=timezone.localdate(),
        age_band="15-17",
        trafficking_type="sex",
        victim_status="prospective",
        referral_source="education",
        parish=region.parishes.get(),
        needs=[],
        notes="",
    )
    pages = []
    for person in people:
        context = browser.new_context(base_url=live_asgi.url)
        page = context.new_page()
        page.set_default_timeout(15_000)
        sign_in(page, person.username, PASSWORD)
        page.goto(f"/referrals/{referral.pk}/")
        pages.append(page)
    watcher, actor = pages
    watcher.wait_for_timeout(500)  # the socket connects
    actor.get_by_role("button", name="Take it up for review").click()
    expect(watcher.get_by_role("status")).to_contain_text("This referral just changed (review)")
    expect(watcher.locator("#referral-status")).to_have_text("in review")
    assert_accessible(watcher, "referral page after a live change")
    for page in pages:
        page.context.close()


def test_the_forms_of_an_mdt_member_pass_the_accessibility_check(page, shipped_data):
    region = RegionFactory(name="Northshore")
    ParishFactory(name="St. Tammany Test", region=region)
    team = MDTFactory(name="Northshore MDT", region=region)
    MDTFactory(name="Acadiana MDT", region=RegionFactory(name="Acadiana"))
    member = UserFactory(username="casey", password=PASSWORD)
    RoleAssignment.objects.create(user=member, role=Role.MDT_MEMBER, mdt=team)
    referral = services.referral_create(
        actor=member,
        mdt=team,
        received_on=timezone.localdate(),
        age_band="18-24",
        trafficking_type="labor",
        victim_status="confirmed",
        referral_source="law_enforcement",
        parish=region.parishes.get(),
        needs=["legal"],
        notes="",
    )
    sign_in(page, "casey", PASSWORD)
    for path, heading in [
        (f"/mdts/{team.pk}/", "Northshore MDT"),
        (f"/mdts/{team.pk}/meetings/new/", "Schedule a meeting of Northshore MDT"),
        (f"/referrals/{referral.pk}/edit/", f"Edit referral {referral.case_code}"),
        (f"/referrals/{referral.pk}/share/", f"Share referral {referral.case_code}"),
        ("/referrals/", "Referrals"),
    ]:
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(page, path)
    # A meeting moved to another day keeps its hour: the end follows the start (issue 21).
    page.goto(f"/mdts/{team.pk}/meetings/new/")
    page.get_by_label("Starts").fill("2031-03-10T14:30")
    page.get_by_label("Starts").dispatch_event("change")
    expect(page.get_by_label("Ends")).to_have_value("2031-03-10T15:30")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("1 meeting scheduled.")
    page.goto(f"/referrals/{referral.pk}/share/")
    page.get_by_label("Share with the MDT").select_option(label="Acadiana MDT")
    page.get_by_role("button", name="Save").click()
    expect(
        page.get_by_text(
            "Record the person's informed consent (written or verbal) first.", exact=True
        )
    ).to_be_visible()
    assert_accessible(page, "share form with an error")


def test_on_a_phone_each_referral_is_a_card_with_every_column_on_the_screen(phone_page):
    """Issue 21: seven columns do not fit 390 px; on a phone each referral is a card, each
    value after its column's name, so "Past a target" is never off the screen."""
    page = phone_page
    page.set_viewport_size({"width": 390, "height": 844})
    region = RegionFactory(name="Northshore")
    parish = ParishFactory(name="Northshore Test Parish", region=region)
    team = MDTFactory(name="Northshore MDT", region=region)
    member = UserFactory(username="casey", password=PASSWORD)
    RoleAssignment.objects.create(user=member, role=Role.MDT_MEMBER, mdt=team)
    for _ in range(2):
        services.referral_create(
            actor=member,
            mdt=team,
            received_on=timezone.localdate() - datetime.timedelta(days=40),
            age_band="18-24",
            trafficking_type="labor",
            victim_status="confirmed",
            referral_source="law_enforcement",
            parish=parish,
            needs=["legal"],
            notes="",
        )
    sign_in(page, "casey", PASSWORD)
    page.goto("/referrals/")
    first = page.locator("table.rows-as-cards tbody tr").first
    expect(first).to_contain_text("days late")
    said = first.locator("td").evaluate_all(
        "cells => cells.map(cell => getComputedStyle(cell, '::before').content)"
    )
    assert '"Past a target: "' in said, said
    assert '"Parish: "' in said, said
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    for right in first.locator("td").evaluate_all(
        "cells => cells.map(cell => cell.getBoundingClientRect().right)"
    ):
        assert right <= 390
    assert_accessible(page, "the referral list on a phone")
