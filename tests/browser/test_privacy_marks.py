"""An MDT member types a status update with a person's name in it: the page keeps their
text, says what kind of information it found and where, selects the name in the box, and
the member types a role over it and saves."""

from playwright.sync_api import expect

from coordination.models import Role, RoleAssignment
from mdt.models import StatusUpdate
from tests.browser.conftest import assert_accessible, sign_in
from tests.coordination.factories import ParishFactory, RegionFactory, UserFactory
from tests.mdt.factories import MDTFactory, ReferralFactory

PASSWORD = "Member-passphrase-9"
NOTE = "Maria Gonzalez, 16, disclosed exchange of sex for housing."


def test_a_name_in_an_update_is_marked_in_the_kept_text_and_replaced_by_a_role(page, shipped_data):
    region = RegionFactory(name="Region 1 — Greater New Orleans")
    team = MDTFactory(name="Greater New Orleans MDT", region=region)
    member = UserFactory(username="morgan", password=PASSWORD)
    RoleAssignment.objects.create(user=member, role=Role.MDT_MEMBER, mdt=team)
    referral = ReferralFactory(mdt=team, parish=ParishFactory(region=region), notes="")

    sign_in(page, "morgan", PASSWORD)
    page.goto(f"/referrals/{referral.pk}/")
    box = page.get_by_label("Status update")
    box.fill(NOTE)
    page.get_by_role("button", name="Add the update").click()

    # The refusal: the kind and where, in words, and never the name itself.
    error = page.locator("#update-error")
    expect(error).to_contain_text("a person's name (characters 1–14)")
    expect(error).to_contain_text("the youth")
    assert "Maria" not in error.inner_text()
    # The text is kept, the box marked invalid, and the name selected in it.
    box = page.get_by_label("Status update")
    expect(box).to_have_value(NOTE)
    assert box.get_attribute("aria-invalid") == "true"
    selected = box.evaluate("el => el.value.slice(el.selectionStart, el.selectionEnd)")
    assert selected == "Maria Gonzalez"
    assert_accessible(page, "referral page with a refused update")
    assert not StatusUpdate.objects.filter(note__contains="Maria").exists()

    # Typing replaces the selected name.
    page.keyboard.type("The youth")
    expect(box).to_have_value("The youth, 16, disclosed exchange of sex for housing.")
    page.get_by_role("button", name="Add the update").click()
    expect(page.get_by_role("status")).to_contain_text("Saved.")
    assert StatusUpdate.objects.filter(
        note="The youth, 16, disclosed exchange of sex for housing."
    ).exists()
