"""Outcomes of a training module: did knowledge grow between the pre-test and the post-test?

Scores are percent correct. A participant counts once completed, when their code has both
tests; the means, the gain and the statistics are over those pairs. The gain is tested with
a paired t-test (SciPy), its effect size is Cohen's d for paired data (mean gain ÷ the
standard deviation of the gains), and the mean gain carries a 95% confidence interval.
With fewer than MIN_PAIRS pairs the figures are shown but no test is run: too few to say.
"""

from __future__ import annotations

import math
import statistics

from scipy import stats

from .models import Discipline, TestAttempt, TestKind, TrainingModule

MIN_PAIRS = 5


def _r(value: float | None, places: int = 1) -> float | None:
    return None if value is None or math.isnan(value) else round(value, places)


def paired_outcome(pre: list[float], post: list[float]) -> dict:
    """The statistics of paired scores (index i of `pre` and `post` is one participant)."""
    n = len(pre)
    result = {
        "completed": n,
        "mean_pre": _r(statistics.fmean(pre)) if n else None,
        "mean_post": _r(statistics.fmean(post)) if n else None,
        "mean_gain": None,
        "gain_ci95": None,
        "t": None,
        "p_value": None,
        "effect_size_d": None,
        "note": None,
    }
    if not n:
        result["note"] = "Nobody has taken both tests yet."
        return result
    gains = [after - before for before, after in zip(pre, post, strict=True)]
    mean_gain = statistics.fmean(gains)
    result["mean_gain"] = _r(mean_gain)
    if n < MIN_PAIRS:
        result["note"] = (
            f"Only {n} participant{'s' if n != 1 else ''} took both tests: too few for a "
            f"significance test (it needs at least {MIN_PAIRS})."
        )
        return result
    spread = statistics.stdev(gains)
    if spread == 0:
        result["note"] = "Every participant gained the same: no spread to test against."
        return result
    test = stats.ttest_rel(post, pre)
    margin = stats.t.ppf(0.975, n - 1) * spread / math.sqrt(n)
    result.update(
        {
            "gain_ci95": [_r(mean_gain - margin), _r(mean_gain + margin)],
            "t": _r(float(test.statistic), 3),
            "p_value": float(f"{test.pvalue:.4g}"),
            "effect_size_d": _r(mean_gain / spread, 2),
        }
    )
    result["in_words"] = in_words(result)
    return result


def in_words(result: dict) -> str:
    """What the test says, for people who do not read p-values: a clear gain (or loss)
    when p < 0.05, with the range the true gain lies in, 95% sure, and how large it is
    (Cohen's conventional sizes: 0.2 small, 0.5 medium, 0.8 large)."""
    low, high = result["gain_ci95"]
    d = abs(result["effect_size_d"])
    size = (
        "a large"
        if d >= 0.8
        else "a medium"
        if d >= 0.5
        else "a small"
        if d >= 0.2
        else "a very small"
    )
    if result["p_value"] >= 0.05:
        return (
            f"No clear change yet: the difference could be chance. The true gain lies "
            f"between {low} and {high} points, 95% sure."
        )
    direction = "gain" if result["mean_gain"] > 0 else "loss"
    return (
        f"A clear {direction}: 95% sure the true gain is between {low} and {high} points "
        f"— {size} effect."
    )


def training_outcomes(module: TrainingModule) -> dict:
    attempts = TestAttempt.objects.filter(module=module).only(
        "participant_code", "kind", "discipline", "correct", "questions"
    )
    pre, post = {}, {}
    for attempt in attempts:
        (pre if attempt.kind == TestKind.PRE else post)[attempt.participant_code] = attempt
    pairs = sorted(set(pre) & set(post))
    participants = len(set(pre) | set(post))

    def outcome(codes) -> dict:
        return paired_outcome(
            [pre[code].percent for code in codes], [post[code].percent for code in codes]
        )

    by_discipline = []
    labels = dict(Discipline.choices)
    for discipline in sorted({pre[code].discipline for code in pairs}):
        codes = [code for code in pairs if pre[code].discipline == discipline]
        by_discipline.append(
            {"discipline": discipline, "label": labels[discipline], **outcome(codes)}
        )
    return {
        "module": module.pk,
        "title": module.title,
        "participants": participants,
        "pre_tests": len(pre),
        "post_tests": len(post),
        "completion_rate": _r(100 * len(pairs) / participants) if participants else None,
        **outcome(pairs),
        "by_discipline": by_discipline,
        "min_pairs_for_test": MIN_PAIRS,
    }
