"""On a phone-sized screen, a professional completes a screen with the keyboard alone and
refers it to the MDT that covers the parish."""

from playwright.sync_api import expect

from coordination.learning.instruments import read
from coordination.models import Parish
from mdt.models import Referral, ScreeningIndicator
from mdt.screening import instrument as scoring
from tests.browser.conftest import assert_accessible, sign_in
from tests.coordination.factories import RegionFactory, UserFactory
from tests.mdt.factories import MDTFactory

PASSWORD = "Screener-passphrase-9"


def tab_to(page, element_id: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
    raise AssertionError(f"Tab never reached #{element_id}")


def test_a_screener_screens_and_refers_with_the_keyboard_alone(phone_page):
    page = phone_page
    region = RegionFactory(name="Greater New Orleans")
    orleans = Parish.objects.get(name="Orleans")
    orleans.region = region
    orleans.save()
    team = MDTFactory(name="Orleans MDT", region=region)
    team.parishes.set([orleans])
    instrument = scoring.load_instrument(read("mdt/data/screening_instrument_demo.yaml"))
    UserFactory(username="nurse", password=PASSWORD)
    yes = {"exchanged-sex", "third-party-benefits"}

    sign_in(page, "nurse", PASSWORD)
    page.goto("/screen/")
    assert_accessible(page, "screening form on a phone")
    tab_to(page, "id_discipline")
    page.keyboard.type("Health")
    page.keyboard.press("Tab")
    page.keyboard.type("Orleans")
    page.keyboard.press("Tab")
    page.keyboard.type("15")
    for indicator in ScreeningIndicator.objects.filter(section__instrument=instrument).order_by(
        "order"
    ):
        page.keyboard.press("Tab")  # into the next question's group, on "Yes"
        page.keyboard.press("Space" if indicator.code in yes else "ArrowRight")  # Yes, or No
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "See the result"
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Result: Strong: refer now")
    expect(page.get_by_text("Has the person exchanged sex for money")).to_be_visible()
    assert_accessible(page, "screening result on a phone")
    tab_to(page, "refer-button")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status").first).to_contain_text("Referred to Orleans MDT")
    referral = Referral.objects.get()
    assert (referral.mdt, referral.trafficking_type, referral.age_band) == (team, "sex", "15-17")
