"""Translations of an instrument's texts, as data.

An instrument (a screening tool, a collaboration survey, a training's test) is written in
English and scored by its codes, never by its words. A translation is a separate, versioned
record beside it: for one language, each English text and what it reads in that language.
Loading one never touches the instrument (its version, items, weights or answers), so a
score is the same in every language. A text with no translation shows in English, marked
`lang="en"` on the page. A translation not reviewed by a qualified translator says so on the
page (`reviewed`), and its `credit` names who made it.

A translation file (YAML):

    translates: Statewide trafficking screen (demo)   # the instrument's name (or title)
    instrument_version: 1                              # optional: which version it fits
    language: es
    version: 1
    reviewed: false
    credit: "Lantern's draft translation; not yet reviewed by a qualified translator."
    texts:
      "Safety now": "Seguridad ahora"
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.html import format_html
from django.utils.translation import get_language

TRANSLATED_LANGUAGES = (("es", "Spanish"), ("vi", "Vietnamese"))
MAX_TEXTS = 2_000
MAX_TEXT = 2_000


class Translation(models.Model):
    """One language's texts for one instrument; the concrete models add the instrument."""

    language = models.CharField(max_length=8, choices=TRANSLATED_LANGUAGES)
    version = models.PositiveSmallIntegerField(default=1)
    reviewed = models.BooleanField(
        default=False, help_text="Reviewed by a qualified translator; else the page says not."
    )
    credit = models.CharField(max_length=500, blank=True)
    texts = models.JSONField(default=dict, help_text="English text → its translation.")
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["language", "-version"]

    def __str__(self) -> str:
        return f"{self.get_language_display()} translation, version {self.version}"


def read_translation(data: dict, *, guard) -> dict:
    """The fields of a translation file, checked: a language Lantern speaks, a version, a
    credit, and English → translated texts, each translated text through `guard` (the
    privacy guard: these texts are shown at anonymous links). Refusals name where."""
    language = data.get("language")
    if language not in dict(TRANSLATED_LANGUAGES):
        raise ValidationError({"language": "One of: " + ", ".join(dict(TRANSLATED_LANGUAGES))})
    version = data.get("version", 1)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValidationError({"version": "A whole number from 1."})
    reviewed = data.get("reviewed", False)
    if not isinstance(reviewed, bool):
        raise ValidationError({"reviewed": "true or false."})
    texts = data.get("texts")
    if not isinstance(texts, dict) or not texts or len(texts) > MAX_TEXTS:
        raise ValidationError({"texts": f"A mapping of 1 to {MAX_TEXTS} English texts."})
    checked = {}
    for n, (english, translated) in enumerate(texts.items(), start=1):
        where = f"text {n}"
        if not isinstance(english, str) or not isinstance(translated, str):
            raise ValidationError({where: "Both the English and the translation are texts."})
        if not english.strip() or not translated.strip():
            raise ValidationError({where: "Neither may be empty."})
        if len(english) > MAX_TEXT or len(translated) > MAX_TEXT:
            raise ValidationError({where: f"At most {MAX_TEXT} characters each."})
        checked[english.strip()] = guard(translated.strip(), where, language=language)
    credit = data.get("credit", "")
    if not isinstance(credit, str) or len(credit) > 500:
        raise ValidationError({"credit": "A text of at most 500 characters."})
    return {
        "language": language,
        "version": version,
        "reviewed": reviewed,
        "credit": (
            guard(credit.strip(), "credit", credit=True, language=language)
            if credit.strip()
            else ""
        ),
        "texts": checked,
    }


@dataclass
class Translated:
    """An instrument's texts in the active language: `words(english)` gives the
    translation, or the English when there is none (`in_english(english)` says which)."""

    language: str = "en"
    texts: dict = field(default_factory=dict)
    reviewed: bool = True
    credit: str = ""

    def words(self, english: str) -> str:
        return self.texts.get(english, english)

    def shown(self, english: str):
        """The text for a page: the translation, or the English marked as English."""
        if self.in_english(english):
            return format_html('<span lang="en">{}</span>', english)
        return self.words(english)

    def in_english(self, english: str) -> bool:
        return self.language != "en" and english not in self.texts

    @property
    def unreviewed(self) -> bool:
        return self.language != "en" and bool(self.texts) and not self.reviewed


def translated(translations) -> Translated:
    """The newest translation of `translations` (a related manager or queryset of one
    instrument's translations) in the active language, or English."""
    language = (get_language() or "en").split("-")[0]
    if language == "en":
        return Translated()
    newest = translations.filter(language=language).order_by("-version").first()
    if newest is None:
        return Translated(language=language)
    return Translated(language, newest.texts, newest.reviewed, newest.credit)


def translates(data: dict) -> tuple[str, int | None]:
    """The name (or title) of the instrument a translation file translates, and the
    instrument's version if it names one."""
    name = data.get("translates")
    if not isinstance(name, str) or not name.strip():
        raise ValidationError({"translates": "The name of the instrument it translates."})
    version = data.get("instrument_version")
    if version is not None and (not isinstance(version, int) or isinstance(version, bool)):
        raise ValidationError({"instrument_version": "A whole number."})
    return name.strip(), version


def translated_instrument(instruments, data: dict):
    """The versioned instrument (of `instruments`, a queryset) a translation file
    translates: by name, its newest version unless `instrument_version` names one; None
    if there is none."""
    name, version = translates(data)
    found = instruments.filter(name=name)
    if version is not None:
        found = found.filter(version=version)
    return found.order_by("-version").first()


def store_translation(translations, instrument_field: str, instrument, data: dict, *, guard):
    """Check a translation file and store it beside `instrument` (`translations` is the
    concrete model). A language and version loaded before is refused. Nothing of the
    instrument changes."""
    if instrument is None:
        raise ValidationError({"translates": "No instrument of that name is loaded."})
    checked = read_translation(data, guard=guard)
    exists = translations.objects.filter(
        **{instrument_field: instrument},
        language=checked["language"],
        version=checked["version"],
    )
    if exists.exists():
        raise ValidationError({"version": "This language and version are loaded; raise it."})
    return translations.objects.create(**{instrument_field: instrument}, **checked)
