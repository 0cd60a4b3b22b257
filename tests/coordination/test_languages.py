"""Issue 22: the pages the public and frontline professionals use speak Spanish and
Vietnamese (a switcher kept for the visit, Accept-Language, `<html lang>`); staff pages stay
English; instruments' translations are data beside them, with English as the fallback, and
a score is the same in every language."""

import datetime
import gettext
import re
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import translation

from coordination.learning import instruments
from coordination.learning import services as learning_services
from coordination.models import Parish, Summit, TestAttempt
from coordination.people.access import SYSTEM
from mdt.models import Screening
from mdt.screening import instrument as scoring
from mdt.screening import services as screening_services

ROOT = Path(__file__).resolve().parents[2]
COORDINATION_DATA = ROOT / "coordination" / "data"
SCREENING_DATA = ROOT / "mdt" / "data" / "screening_instrument_demo"


def _lang(html: str) -> str:
    return re.search(r'<html lang="([^"]+)"', html).group(1)


@pytest.fixture
def training(world):
    module = learning_services.training_module_load(
        actor=SYSTEM, data=instruments.read(COORDINATION_DATA / "training_module_demo.yaml")
    )
    for language in ("es", "vi"):
        learning_services.training_translation_load(
            actor=SYSTEM,
            data=instruments.read(COORDINATION_DATA / f"training_module_demo.{language}.yaml"),
        )
    return module


@pytest.fixture
def screening_tool(world):
    tool = screening_services.screening_instrument_load(
        actor=SYSTEM, data=scoring.read(SCREENING_DATA.with_suffix(".yaml"))
    )
    screening_services.screening_translation_load(
        actor=SYSTEM, data=scoring.read(SCREENING_DATA.with_suffix(".es.yaml"))
    )
    return tool


# --- choosing the language -------------------------------------------------------------------
@pytest.mark.django_db
def test_the_browser_language_is_respected_and_said(client):
    page = client.get("/public/", HTTP_ACCEPT_LANGUAGE="es-US,es;q=0.9,en;q=0.5")
    html = page.content.decode()
    assert _lang(html) == "es"
    assert page["Content-Language"] == "es"
    assert "Accept-Language" in page["Vary"]
    assert "La trata de personas en Luisiana: las cifras del estado" in html
    assert 'hreflang="vi"' in html  # the switcher, each language named in itself
    assert "Tiếng Việt" in html


@pytest.mark.django_db
def test_the_switcher_works_without_sign_in_and_is_kept_for_the_visit(client):
    chosen = client.get("/public/?lang=vi", HTTP_ACCEPT_LANGUAGE="es")
    assert _lang(chosen.content.decode()) == "vi"
    cookie = chosen.cookies["lantern_language"]
    assert cookie.value == "vi"
    assert not cookie["max-age"]  # for the visit: the cookie ends with the browser
    again = client.get("/public/", HTTP_ACCEPT_LANGUAGE="es")  # the choice wins
    assert _lang(again.content.decode()) == "vi"
    assert "Buôn người ở Louisiana" in again.content.decode()
    back = client.get("/public/?lang=en")
    assert _lang(back.content.decode()) == "en"


@pytest.mark.django_db
def test_an_unknown_language_is_ignored(client):
    page = client.get("/public/?lang=xx%22%3E", HTTP_ACCEPT_LANGUAGE="en")
    assert _lang(page.content.decode()) == "en"
    assert "lantern_language" not in page.cookies


def test_staff_pages_stay_english(world):
    client = Client()
    client.force_login(world.users["coordinator"])
    client.cookies["lantern_language"] = "es"
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="es")
    html = page.content.decode()
    assert _lang(html) == "en"
    assert "Welcome" in html
    assert 'aria-label="Language"' not in html  # no switcher on a staff page
    assert translation.get_language() == "en"  # and nothing leaks to the next request


# --- translations are data -------------------------------------------------------------------
def test_a_translation_changes_nothing_of_the_instrument(world):
    module = learning_services.training_module_load(
        actor=SYSTEM, data=instruments.read(COORDINATION_DATA / "training_module_demo.yaml")
    )

    def snapshot():
        return [
            (q.pk, q.text, q.order, [(c.pk, c.text, c.is_correct) for c in q.choices.all()])
            for q in module.questions.all()
        ]

    before = (module.title, module.description, snapshot())
    learning_services.training_translation_load(
        actor=SYSTEM, data=instruments.read(COORDINATION_DATA / "training_module_demo.es.yaml")
    )
    module.refresh_from_db()
    assert (module.title, module.description, snapshot()) == before
    assert module.translations.get().language == "es"


def test_a_translation_with_personal_information_is_refused_and_nothing_stored(world):
    data = instruments.read(COORDINATION_DATA / "training_module_demo.es.yaml")
    learning_services.training_module_load(
        actor=SYSTEM, data=instruments.read(COORDINATION_DATA / "training_module_demo.yaml")
    )
    first = next(iter(data["texts"]))
    data["texts"][first] = "Llame a la señora Rosa Elena Cruz al 504-555-0142."
    with pytest.raises(ValidationError) as refused:
        learning_services.training_translation_load(actor=SYSTEM, data=data)
    assert "0142" not in str(refused.value)
    assert not learning_services.TrainingTranslation.objects.exists()


def test_only_those_who_load_instruments_load_their_translations(world):
    data = instruments.read(SCREENING_DATA.with_suffix(".es.yaml"))
    screening_services.screening_instrument_load(
        actor=SYSTEM, data=scoring.read(SCREENING_DATA.with_suffix(".yaml"))
    )
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        screening_services.screening_translation_load(actor=world.users["coordinator"], data=data)


def test_a_missing_translation_falls_back_to_english(world):
    module = learning_services.training_module_load(
        actor=SYSTEM, data=instruments.read(COORDINATION_DATA / "training_module_demo.yaml")
    )  # no translation loaded
    html = Client().get(f"/t/{module.token}/?lang=vi").content.decode()
    assert _lang(html) == "vi"
    assert "Gửi câu trả lời" in html  # the interface is Vietnamese …
    question = module.questions.first().text.replace("'", "&#x27;")
    assert f'<span lang="en">{question}</span>' in html  # … the question English, marked
    assert "chưa có bản dịch" in html  # and the page says so


def test_one_missing_text_falls_back_alone(training):
    spanish = training.translations.get(language="es")
    question = training.questions.first()
    del spanish.texts[question.text]
    spanish.save()
    html = Client().get(f"/t/{training.token}/?lang=es").content.decode()
    escaped = question.text.replace("'", "&#x27;")
    assert f'<span lang="en">{escaped}</span>' in html
    second = training.questions.all()[1]
    assert spanish.texts[second.text] in html.replace("&#x27;", "'")
    assert "todavía no ha sido revisada por un traductor calificado" in html


# --- the same score in every language -------------------------------------------------------
def test_a_training_score_is_the_same_in_every_language(training):
    questions = list(training.questions.prefetch_related("choices"))
    picks = {q.pk: list(q.choices.all())[n % 2].pk for n, q in enumerate(questions)}
    scores = {}
    for number, language in enumerate(("en", "es", "vi")):
        form = {"participant_code": f"RIVER-{100 + number}", "kind": "pre"}
        form["discipline"] = "education"
        form.update({f"question_{pk}": str(choice) for pk, choice in picks.items()})
        page = Client().post(f"/t/{training.token}/?lang={language}", form)
        assert page.status_code == 200
        attempt = TestAttempt.objects.get(participant_code=f"RIVER-{100 + number}")
        scores[language] = (attempt.correct, attempt.questions)
    assert scores["en"] == scores["es"] == scores["vi"]
    assert 0 < scores["en"][0] < scores["en"][1]


def test_a_screen_scores_the_same_in_every_language(world, screening_tool):
    parish = Parish.objects.get(name="Home Parish")
    member = world.users["mdt_member"]
    codes = list(screening_tool.sections.values_list("indicators__code", flat=True))
    answers = {f"indicator_{code}": ("yes" if n % 3 == 0 else "no") for n, code in enumerate(codes)}
    answers["indicator_immediate-harm"] = "no"
    for language in ("en", "es", "vi"):
        client = Client()
        client.force_login(member)
        form = {"discipline": "education", "parish": parish.pk, "age_band": "15-17", **answers}
        page = client.post(f"/screen/?lang={language}", form)
        assert page.status_code == 302
        assert f"lang={language}" in page["Location"]  # the result in the same language
    results = {(s.score, s.band, tuple(s.drivers)) for s in Screening.objects.all()}
    assert Screening.objects.count() == 3
    assert len(results) == 1  # identical


def test_the_screening_result_reads_in_spanish(world, screening_tool):
    parish = Parish.objects.get(name="Home Parish")
    client = Client()
    client.force_login(world.users["mdt_member"])
    codes = list(screening_tool.sections.values_list("indicators__code", flat=True))
    form = {"discipline": "education", "parish": parish.pk, "age_band": "15-17"}
    form.update({f"indicator_{code}": "no" for code in codes})
    form["indicator_exchanged-sex"] = "yes"
    form["indicator_third-party-benefits"] = "yes"
    result = client.post("/screen/?lang=es", form, follow=True).content.decode()
    assert _lang(result) == "es"
    assert "Resultado: Fuerte: remita ahora" in result
    spanish = screening_tool.translations.get(language="es").texts
    exchanged = screening_tool.sections.get(name="Commercial sex").indicators.first().text
    assert spanish[exchanged] in result.replace("&#x27;", "'")


# --- catalogues ---------------------------------------------------------------------------------
def _entries(po: Path):
    """(msgid, msgstr, flags) of a .po file, the header left out."""
    entries, flags, field, current = [], [], None, None
    for line in po.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith("#,"):
            flags = [flag.strip() for flag in line[2:].split(",")]
        elif line.startswith("msgid "):
            current = {"msgid": eval(line[6:]), "msgstr": "", "flags": flags}  # noqa: S307
            field = "msgid"
        elif line.startswith("msgstr "):
            current["msgstr"] = eval(line[7:])  # noqa: S307
            field = "msgstr"
        elif line.startswith('"') and current is not None:
            current[field] += eval(line)  # noqa: S307
        elif not line.strip() and current is not None:
            entries.append(current)
            current, flags, field = None, [], None
    return [e for e in entries if e["msgid"]]


@pytest.mark.parametrize("language", ["es", "vi"])
def test_each_catalogue_is_whole_compiled_and_never_fuzzy(language):
    folder = ROOT / "locale" / language / "LC_MESSAGES"
    entries = _entries(folder / "django.po")
    assert len(entries) > 100
    assert "fuzzy" not in (folder / "django.po").read_text(encoding="utf-8")
    assert all(entry["msgstr"].strip() for entry in entries)
    compiled = gettext.GNUTranslations((folder / "django.mo").open("rb"))
    for entry in entries:  # the compiled catalogue is this one
        assert compiled.gettext(entry["msgid"]) == entry["msgstr"]


def test_every_summit_survey_text_has_both_translations(world):
    """The demo survey's translations cover every text the page shows."""
    instrument = learning_services.survey_instrument_load(
        actor=SYSTEM, data=instruments.read(COORDINATION_DATA / "collaboration_survey_demo.yaml")
    )
    shown = {instrument.source}
    for category in instrument.categories.prefetch_related("factors__items"):
        shown.add(category.name)
        for factor in category.factors.all():
            shown |= {item.text for item in factor.items.all()}
    for language in ("es", "vi"):
        learning_services.survey_translation_load(
            actor=SYSTEM,
            data=instruments.read(COORDINATION_DATA / f"collaboration_survey_demo.{language}.yaml"),
        )
        texts = instrument.translations.get(language=language).texts
        assert shown <= set(texts)
    summit = Summit.objects.create(
        region=world.home, held_on=datetime.date(2026, 3, 5), place="Hall"
    )
    link = learning_services.survey_link_open(
        actor=world.users["coordinator"], summit=summit, instrument=instrument
    )
    html = Client().get(f"/s/{link.token}/?lang=es").content.decode()
    assert '<span lang="en">' not in html.split("<main", 1)[1]  # nothing left in English
    assert "Muy de acuerdo" in html


def test_a_published_year_reads_in_spanish_its_names_marked_english(world):
    from coordination.models import Role, RoleAssignment
    from coordination.reporting import services as reporting_services
    from tests.coordination.factories import UserFactory
    from tests.coordination.reporting import case_rows, open_year, providers, submit

    admin = UserFactory(username="ada")
    RoleAssignment.objects.create(user=admin, role=Role.STATE_ADMIN)
    asked = providers(2, prefix="Provider")
    cycle = open_year(admin, 2017, asked)
    parish = Parish.objects.get(name="Home Parish")
    submit(asked[0], cycle, case_rows([(12, "sex", "confirmed", True)], parish), [parish])
    reporting_services.reporting_cycle_close(actor=admin, cycle=cycle)
    reporting_services.reporting_cycle_publish(actor=admin, cycle=cycle, published=True)
    html = Client().get("/public/2017/?lang=es").content.decode()
    assert _lang(html) == "es"
    assert "Por tipo de trata" in html
    assert "Trata con fines sexuales" in html
    assert "Los menores son los grupos de edad" in html
    assert '<span lang="en">Home Region</span>' in html  # a name stays as written, marked
    english = Client().get("/public/2017/?lang=en").content.decode()
    assert "By trafficking type" in english
    assert '<span lang="en">' not in english
