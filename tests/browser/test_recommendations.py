"""Issue 20: a member holds a meeting, records a recommendation for a referral on its
agenda, opens the next meeting and finds it carried forward, marks it done, and sees it
leave the agenda; each page passes axe."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from coordination.models import Role, RoleAssignment
from mdt.meetings import services as meetings_services
from mdt.models import Membership
from tests.browser.conftest import assert_accessible, sign_in
from tests.coordination.factories import AgencyFactory, ParishFactory, RegionFactory, UserFactory
from tests.mdt.factories import MDTFactory, ReferralFactory
from tests.mdt.recommending import at

PASSWORD = "Member-passphrase-9"


def test_a_recommendation_is_carried_to_the_next_meeting_until_it_is_done(page):
    region = RegionFactory(name="Capital")
    parish = ParishFactory(name="Capital Test Parish", region=region)
    agency = AgencyFactory(name="Capital Advocacy Center", regions=[region])
    mdt = MDTFactory(name="Baton Rouge MDT", region=region)
    member = UserFactory(username="cac-lead", password=PASSWORD)
    RoleAssignment.objects.create(user=member, role=Role.MDT_MEMBER, mdt=mdt)
    Membership.objects.create(mdt=mdt, user=member, agency=agency, discipline="advocacy")
    today = timezone.localdate()
    first, second = (
        meetings_services.meeting_schedule(
            actor=member, mdt=mdt, starts_at=at(day, 9), ends_at=at(day, 10)
        )[0]
        for day in (today, today + datetime.timedelta(days=14))
    )
    referral = ReferralFactory(mdt=mdt, parish=parish, received_on=today)
    meetings_services.meeting_set_agenda(
        actor=member, meeting=first, case_codes=[referral.case_code]
    )

    sign_in(page, "cac-lead", PASSWORD)
    page.goto(f"/meetings/{first.pk}/")
    page.get_by_role("button", name="Mark as held").click()
    expect(page.get_by_role("status")).to_contain_text("The meeting is updated")
    page.get_by_label("Referral").select_option(index=1)
    page.get_by_label("Kind").select_option(label="Safety planning")
    page.get_by_label("Owning discipline").select_option(label="Advocacy center")
    due = today + datetime.timedelta(days=7)
    page.get_by_label("Due on").fill(due.isoformat())
    page.get_by_label("Notes").fill("Update the plan with the shelter's curfew.")
    page.get_by_role("button", name="Record the recommendation").click()
    expect(page.get_by_role("status")).to_contain_text(
        f"Recommendation recorded for {referral.case_code}"
    )
    made = page.get_by_role("list", name="Made at this meeting")
    expect(made).to_contain_text("Safety planning")
    assert_accessible(page, "a held meeting with its recommendation")

    # The next meeting, from the MDT's page: the recommendation is carried to it.
    page.goto(f"/mdts/{mdt.pk}/")
    page.get_by_role("listitem").filter(has_text="Next:").get_by_role("link").click()
    expect(page).to_have_url(f"{page.url.split('/meetings/')[0]}/meetings/{second.pk}/")
    carried = page.get_by_role("list", name="Carried forward: still open from earlier meetings")
    expect(carried).to_contain_text(referral.case_code)
    expect(carried).to_contain_text("Safety planning")
    assert_accessible(page, "the next meeting with a recommendation carried forward")

    carried.get_by_role("button", name="Mark done").click()
    expect(page.get_by_role("status")).to_contain_text("it leaves the agenda")
    expect(
        page.get_by_role("list", name="Carried forward: still open from earlier meetings")
    ).to_have_count(0)
    expect(page.locator("main")).to_contain_text("Nothing is carried forward")
