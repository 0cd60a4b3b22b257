"""A person finds their API tokens from the dashboard, revokes one, then all; the page
passes axe on a phone-sized screen."""

from playwright.sync_api import expect

from coordination.models import ApiToken
from coordination.people import services as people_services
from tests.browser.conftest import assert_accessible, sign_in
from tests.coordination.factories import UserFactory

PASSWORD = "Token-holder-passphrase-5"


def test_a_person_revokes_one_token_then_all_from_their_account(phone_page):
    page = phone_page
    holder = UserFactory(username="rosa", password=PASSWORD)
    first, second, _ = (people_services.api_token_issue(actor=holder) for _ in range(3))
    sign_in(page, "rosa", PASSWORD)
    page.get_by_role("link", name="API tokens").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("API tokens")
    expect(page.get_by_role("row")).to_have_count(4)  # the header and three tokens
    assert first.key not in page.content()
    assert_accessible(page, "API tokens")

    page.get_by_role("button", name=f"Revoke token {second.prefix}").click()
    expect(page.get_by_role("status")).to_contain_text(f"{second.prefix}… is revoked")
    expect(page.get_by_role("row")).to_have_count(3)
    assert_accessible(page, "API tokens, one revoked")

    page.get_by_role("button", name="Revoke all my tokens").click()
    expect(page.get_by_role("status")).to_contain_text("2 tokens revoked")
    expect(page.get_by_text("No token of yours works now")).to_be_visible()
    assert not ApiToken.objects.filter(user=holder).exists()
