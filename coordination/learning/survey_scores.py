"""Collaboration scores of a summit's survey, computed in the database.

A factor's score is the mean of its items' answers over every response (a reverse-scored
item counts as 6 − the answer; an unanswered item is left out, never counted as zero);
`n` is how many responses answered at least one of its items. A category's score is the
mean of its factors' scores. Scores are rounded to one decimal and banded on that value,
so the band always matches the figure shown: 4.0 and up a strength, 3.0–3.9 borderline,
under 3.0 a concern.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Case, Count, F, FloatField, When

from .models import Summit, SurveyAnswer, SurveyFactor, SurveyInstrument, SurveyLink

STRENGTH, BORDERLINE, CONCERN = "strength", "borderline", "concern"


def rounded(value: float | None) -> float | None:
    if value is None:
        return None
    return float(Decimal(str(value)).quantize(Decimal("0.1"), ROUND_HALF_UP))


def band(score: float | None) -> str | None:
    if score is None:
        return None
    if score >= 4.0:
        return STRENGTH
    return BORDERLINE if score >= 3.0 else CONCERN


@dataclass
class Score:
    name: str
    score: float | None
    n: int

    @property
    def band(self) -> str | None:
        return band(self.score)

    def as_dict(self) -> dict:
        return {"name": self.name, "score": self.score, "n": self.n, "band": self.band}


@dataclass
class CategoryScores(Score):
    factors: list[Score]

    def as_dict(self) -> dict:
        return {**super().as_dict(), "factors": [factor.as_dict() for factor in self.factors]}


def instrument_of(summit: Summit) -> SurveyInstrument | None:
    link = SurveyLink.objects.filter(summit=summit).select_related("instrument").first()
    return link.instrument if link else None


def collaboration_scores(summit: Summit, instrument: SurveyInstrument | None = None) -> dict:
    """Scores per factor and per category for the summit's responses."""
    instrument = instrument or instrument_of(summit)
    if instrument is None:
        return {"summit": summit.pk, "instrument": None, "responses": 0, "categories": []}
    answers = SurveyAnswer.objects.filter(
        response__link__summit=summit, item__factor__category__instrument=instrument
    )
    scored = Case(
        When(item__reverse_scored=True, then=6 - F("value")),
        default=F("value"),
        output_field=FloatField(),
    )
    by_factor = {
        row["item__factor"]: row
        for row in answers.values("item__factor")
        .annotate(mean=Avg(scored), n=Count("response", distinct=True))
        .order_by()
    }
    by_category = {
        row["item__factor__category"]: row["n"]
        for row in answers.values("item__factor__category")
        .annotate(n=Count("response", distinct=True))
        .order_by()
    }
    grouped: dict[int, list[tuple[SurveyFactor, float | None, int]]] = {}
    factors = SurveyFactor.objects.filter(category__instrument=instrument).select_related(
        "category"
    )
    for factor in factors:
        row = by_factor.get(factor.pk) or {"mean": None, "n": 0}
        grouped.setdefault(factor.category_id, []).append((factor, row["mean"], row["n"]))
    categories = []
    for category_id, rows in grouped.items():
        means = [mean for _, mean, _ in rows if mean is not None]
        categories.append(
            CategoryScores(
                rows[0][0].category.name,
                rounded(sum(means) / len(means)) if means else None,
                by_category.get(category_id, 0),
                [Score(factor.name, rounded(mean), n) for factor, mean, n in rows],
            )
        )
    return {
        "summit": summit.pk,
        "instrument": {"id": instrument.pk, "name": instrument.name, "source": instrument.source},
        "responses": summit.survey_links.aggregate(n=Count("responses"))["n"],
        "categories": [category.as_dict() for category in categories],
    }


def compare(first: dict, second: dict) -> list[dict]:
    """Factor by factor: the two scores and the change from the first to the second."""
    earlier = {
        factor["name"]: factor["score"]
        for category in first["categories"]
        for factor in category["factors"]
    }
    rows = []
    for category in second["categories"]:
        for factor in category["factors"]:
            before, after = earlier.get(factor["name"]), factor["score"]
            change = rounded(after - before) if before is not None and after is not None else None
            rows.append(
                {"factor": factor["name"], "before": before, "after": after, "change": change}
            )
    return rows
