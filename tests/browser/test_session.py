"""Issue 21: a form sent with a refused value keeps the typed text; a form sent after the
session ended goes to sign-in and, once signed in again, the person is back on the page
with what they typed; before the session ends a warning says when, and renews it."""

import datetime
import re

from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from coordination.models import Role, RoleAssignment
from mdt.models import StatusUpdate
from tests.browser.conftest import assert_accessible, sign_in
from tests.coordination.factories import ParishFactory, RegionFactory, UserFactory
from tests.mdt.factories import MDTFactory, ReferralFactory

PASSWORD = "Member-passphrase-9"
NOTE = "Met with the family advocate about school enrolment."


def member_with_a_referral():
    region = RegionFactory(name="Capital")
    mdt = MDTFactory(name="Baton Rouge MDT", region=region)
    member = UserFactory(username="cac-lead", password=PASSWORD)
    RoleAssignment.objects.create(user=member, role=Role.MDT_MEMBER, mdt=mdt)
    parish = ParishFactory(name="Capital Test Parish", region=region)
    return ReferralFactory(mdt=mdt, parish=parish)


def test_typed_text_survives_a_refusal_and_an_ended_session(page):
    referral = member_with_a_referral()
    sign_in(page, "cac-lead", PASSWORD)
    page.goto(f"/referrals/{referral.pk}/")
    box = page.get_by_label("Status update")
    box.fill("Maria Gonzalez called the advocate.")
    page.get_by_role("button", name="Add the update").click()
    expect(page.get_by_label("Status update")).to_have_value("Maria Gonzalez called the advocate.")

    page.get_by_label("Status update").fill(NOTE)
    Session.objects.all().delete()  # the session ends (a shift is over, or it was cut)
    page.get_by_role("button", name="Add the update").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=%2Freferrals%2F"))
    expect(page.get_by_role("status")).to_contain_text("Your sign-in had ended")
    assert not StatusUpdate.objects.filter(note=NOTE).exists()
    page.get_by_label("Username").fill("cac-lead")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(rf"/referrals/{referral.pk}/$"))
    expect(page.get_by_label("Status update")).to_have_value(NOTE)
    expect(page.locator("main")).to_contain_text("What you typed before signing in again is back")
    assert_accessible(page, "the page with the typed text back")
    page.get_by_role("button", name="Add the update").click()
    expect(page.locator("main")).to_contain_text(NOTE)
    assert StatusUpdate.objects.filter(note=NOTE).exists()
    page.reload()  # saved: the draft is forgotten
    expect(page.get_by_label("Status update")).to_have_value("")


def test_a_warning_before_the_session_ends_renews_it(page):
    member_with_a_referral()
    page.clock.install()
    sign_in(page, "cac-lead", PASSWORD)
    ends = page.evaluate("document.documentElement.dataset.sessionEnds")
    assert ends
    page.clock.fast_forward(int(datetime.timedelta(hours=11, minutes=56).total_seconds() * 1000))
    warning = page.get_by_role("alert")
    expect(warning).to_contain_text("Your sign-in ends at")
    assert_accessible(page, "the warning before the session ends")
    # Far down a long page, the warning is still in view (issue 21).
    page.evaluate("document.getElementById('main').style.minHeight = '5000px'; scrollTo(0, 3000)")
    expect(warning).to_be_in_viewport()
    with page.expect_response("**/accounts/stay-signed-in/") as renewal:
        warning.get_by_role("button", name="Stay signed in").click()
    assert renewal.value.status == 200
    assert renewal.value.json()["ends"] > ends  # renewed: it ends later than it did


def test_no_early_warning_when_another_tab_renewed_the_session(page):
    """The warning asks the server first: renewed elsewhere (another tab's "Stay signed
    in"), the session ends later than this page was told, and the warning waits."""
    from django.contrib.sessions.backends.db import SessionStore

    from coordination.people.sessions import RENEWED

    member_with_a_referral()
    page.clock.install()
    sign_in(page, "cac-lead", PASSWORD)
    key = next(c["value"] for c in page.context.cookies() if c["name"] == "sessionid")
    store = SessionStore(session_key=key)
    store[RENEWED] = store[RENEWED] + 3600  # renewed an hour later, in another tab
    store.save()
    with page.expect_response("**/accounts/stay-signed-in/") as asked:
        page.clock.fast_forward(
            int(datetime.timedelta(hours=11, minutes=56).total_seconds() * 1000)
        )
    assert asked.value.request.method == "GET"  # asked, not renewed
    page.wait_for_timeout(300)
    expect(page.get_by_role("alert")).to_have_count(0)
    page.clock.fast_forward(int(datetime.timedelta(hours=1).total_seconds() * 1000))
    expect(page.get_by_role("alert")).to_contain_text("Your sign-in ends at")
