"""Issue 22 in Chromium: a screener completes the screening tool in Spanish at phone size
and refers; a participant takes a training's pre-test in Vietnamese. Each page says its
language (`<html lang>`) and passes axe."""

from playwright.sync_api import expect

from coordination.learning import instruments
from coordination.learning import services as learning_services
from coordination.models import Parish, TestAttempt
from coordination.people.access import SYSTEM
from mdt.models import Referral
from mdt.screening import instrument as scoring
from mdt.screening import services as screening_services
from tests.browser.conftest import assert_accessible, sign_in
from tests.coordination.factories import RegionFactory, UserFactory
from tests.mdt.factories import MDTFactory

PASSWORD = "Screener-passphrase-9"


def test_a_screener_screens_in_spanish_on_a_phone_and_refers(phone_page):
    page = phone_page
    page.set_viewport_size({"width": 390, "height": 844})
    region = RegionFactory(name="Greater New Orleans")
    orleans = Parish.objects.get(name="Orleans")
    orleans.region = region
    orleans.save()
    team = MDTFactory(name="Orleans MDT", region=region)
    team.parishes.set([orleans])
    tool = screening_services.screening_instrument_load(
        actor=SYSTEM, data=scoring.read("mdt/data/screening_instrument_demo.yaml")
    )
    screening_services.screening_translation_load(
        actor=SYSTEM, data=scoring.read("mdt/data/screening_instrument_demo.es.yaml")
    )
    spanish = tool.translations.get(language="es").texts
    UserFactory(username="enfermera", password=PASSWORD)

    sign_in(page, "enfermera", PASSWORD)
    page.goto("/screen/")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Español").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text("Detección de trata de personas")
    assert_accessible(page, "the screening form in Spanish on a phone")
    page.get_by_label("Su disciplina").select_option(label="Atención de salud")
    page.get_by_label("Parroquia").select_option(value=str(orleans.pk))
    page.get_by_label("Grupo de edad").select_option(label="15–17")
    yes = {"exchanged-sex", "third-party-benefits"}
    for section in tool.sections.prefetch_related("indicators"):
        for indicator in section.indicators.all():
            group = page.get_by_role("group", name=spanish[indicator.text])
            group.get_by_label("Sí" if indicator.code in yes else "No", exact=True).check()
    page.get_by_role("button", name="Ver el resultado").click()

    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text("Resultado: Fuerte: remita ahora")
    exchanged = tool.sections.get(name="Commercial sex").indicators.get(code="exchanged-sex")
    expect(page.get_by_text(spanish[exchanged.text])).to_be_visible()
    assert_accessible(page, "the screening result in Spanish on a phone")
    page.get_by_role("button", name="Remitir a Orleans MDT").click()
    expect(page.get_by_role("status").first).to_contain_text("Remitido a Orleans MDT")
    referral = Referral.objects.get()
    assert (referral.mdt, referral.trafficking_type, referral.age_band) == (team, "sex", "15-17")


def test_a_participant_takes_the_pre_test_in_vietnamese(phone_page):
    page = phone_page
    module = learning_services.training_module_load(
        actor=SYSTEM,
        data=instruments.read("coordination/data/training_module_demo.yaml"),
    )
    learning_services.training_translation_load(
        actor=SYSTEM,
        data=instruments.read("coordination/data/training_module_demo.vi.yaml"),
    )
    vietnamese = module.translations.get(language="vi").texts

    page.goto(f"/t/{module.token}/")
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Tiếng Việt").click()
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", level=1)).to_have_text(vietnamese[module.title])
    assert_accessible(page, "the pre-test in Vietnamese")
    page.get_by_label("Mã người tham gia của bạn").fill("SONG-2024")
    page.get_by_label("Kiểm tra trước (trước khi học)").check()
    page.get_by_label("Ngành nghề của bạn").select_option(label="Giáo dục")
    for number, question in enumerate(module.questions.prefetch_related("choices"), start=1):
        group = page.get_by_role("group", name=f"{number}. {vietnamese[question.text]}")
        right = next(choice for choice in question.choices.all() if choice.is_correct)
        group.get_by_label(vietnamese[right.text], exact=True).check()
    page.get_by_role("button", name="Gửi câu trả lời").click()

    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("status")).to_contain_text("đúng 5 trên 5 câu")
    assert_accessible(page, "the pre-test's score in Vietnamese")
    attempt = TestAttempt.objects.get()
    assert (attempt.participant_code, attempt.kind, attempt.correct) == ("SONG-2024", "pre", 5)
