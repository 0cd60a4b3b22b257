"""Screening instruments as data, and scoring a screen.

An instrument file (YAML) names its sections and indicators; each indicator has a code, a
text, a weight, and may be `immediate` (a yes is immediate danger) and of a `kind`
(sex or labor trafficking, which sets a referral's trafficking type). The bands' limits
are on the instrument. Scoring is pure: the same answers and version give the same band.
"""

from __future__ import annotations

from dataclasses import dataclass

import re2
from django.core.exceptions import ValidationError
from django.db import transaction

from coordination.learning.instruments import (
    guarded_text,
    mapping_field,
    read,
    text_field,
    whole_number,
)
from coordination.privacy import guard_text

__all__ = ["load_instrument", "read", "score", "trafficking_type"]

from ..models import (
    Answer,
    IndicatorKind,
    ScreeningBand,
    ScreeningIndicator,
    ScreeningInstrument,
    ScreeningSection,
)


@dataclass(frozen=True)
class Result:
    score: int
    band: str
    drivers: list[str]

    @property
    def referrable(self) -> bool:
        return self.band != ScreeningBand.NO_INDICATORS


def score(indicators: list[ScreeningIndicator], instrument: ScreeningInstrument, answers) -> Result:
    """The band of `answers` (indicator code → yes/no/unknown) and the indicators that
    drove it, strongest first."""
    yes = [i for i in indicators if answers.get(i.code) == Answer.YES]
    unknown = [i for i in indicators if answers.get(i.code) == Answer.UNKNOWN]
    total = sum(indicator.weight for indicator in yes)
    by_weight = [i.code for i in sorted(yes, key=lambda i: (-i.weight, i.order))]
    immediate = [i.code for i in yes if i.immediate]
    if immediate:
        return Result(
            total,
            ScreeningBand.IMMEDIATE_DANGER,
            immediate + [c for c in by_weight if c not in immediate],
        )
    if total >= instrument.strong_at:
        return Result(total, ScreeningBand.STRONG, by_weight)
    if total >= instrument.possible_at:
        return Result(total, ScreeningBand.POSSIBLE, by_weight)
    if not yes and len(unknown) >= instrument.unknown_review_at:
        return Result(total, ScreeningBand.POSSIBLE, [i.code for i in unknown])
    return Result(total, ScreeningBand.NO_INDICATORS, by_weight)


def trafficking_type(indicators: list[ScreeningIndicator], answers) -> str:
    kinds = {i.kind for i in indicators if answers.get(i.code) == Answer.YES}
    sex, labor = IndicatorKind.SEX in kinds, IndicatorKind.LABOR in kinds
    if sex and labor:
        return "sex_and_labor"
    return "sex" if sex else "labor" if labor else "unknown"


CODE = re2.compile(r"[A-Za-z0-9_-]{1,64}")


def _code(value, where: str) -> str:
    """An indicator's code is a code (it names form fields and a screen's drivers), and
    is guarded like text: digits alone could be a phone number."""
    code = text_field(value, where)
    if not CODE.fullmatch(code):
        raise ValidationError(
            {where: ["A code is 1 to 64 letters, digits, dashes or underscores."]}
        )
    guard_text({where: code})
    return code


@transaction.atomic
def load_instrument(data: dict) -> ScreeningInstrument:
    name = guarded_text(data.get("name"), "name")
    version = whole_number(data.get("version", 1), "version", 1)
    if ScreeningInstrument.objects.filter(name=name, version=version).exists():
        raise ValidationError(f"{name} version {version} is already loaded; raise the version.")
    bands = data.get("bands") or {}
    instrument = ScreeningInstrument.objects.create(
        name=name,
        version=version,
        source=guarded_text(data.get("source"), "source", credit=True),
        possible_at=whole_number(bands.get("possible_at"), "bands.possible_at", 1),
        strong_at=whole_number(bands.get("strong_at"), "bands.strong_at", 1),
        unknown_review_at=whole_number(
            bands.get("unknown_review_at", 3), "bands.unknown_review_at", 1
        ),
    )
    if instrument.strong_at <= instrument.possible_at:
        raise ValidationError("bands: strong_at must be above possible_at.")
    codes: set[str] = set()
    order = 0
    for s, section in enumerate(data.get("sections") or [], start=1):
        section = mapping_field(section, f"section {s}")
        stored = ScreeningSection.objects.create(
            instrument=instrument, name=guarded_text(section.get("name"), f"section {s}"), order=s
        )
        for n, indicator in enumerate(section.get("indicators") or [], start=1):
            where = f"section {s}, indicator {n}"
            indicator = mapping_field(indicator, where)
            code = _code(indicator.get("code"), f"{where} code")
            if code in codes:
                raise ValidationError(f"{where}: the code {code} is used twice.")
            codes.add(code)
            kind = indicator.get("kind", IndicatorKind.GENERAL)
            if kind not in IndicatorKind.values:
                raise ValidationError(f"{where}: kind is one of {', '.join(IndicatorKind.values)}.")
            order += 1
            ScreeningIndicator.objects.create(
                section=stored,
                code=code,
                text=guarded_text(indicator.get("text"), where),
                weight=whole_number(indicator.get("weight", 1), f"{where} weight"),
                immediate=indicator.get("immediate") is True,
                kind=kind,
                order=order,
            )
    if not codes:
        raise ValidationError("An instrument needs at least one indicator.")
    return instrument
