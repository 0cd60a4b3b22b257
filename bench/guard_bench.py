"""The privacy guard's speed and memory, for `make bench` (figures 8 and 10) or on its own:

    DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python bench/guard_bench.py

Each input of tests/coordination/privacy/guard_attacks.py (built to make a backtracking matcher
run for minutes, at the 10,000 characters the guard reads) is scanned REPEAT times; the
p50 and p99 of those scans are set against the same figures for ordinary notes (the
false-positive corpus, tests/coordination/privacy/pii_free_notes.txt) in the same run.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
REPEAT = 5


def _quantiles(values: list[float]) -> tuple[float, float]:
    ordered = sorted(values)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return statistics.median(ordered), p99


def _timed(scan, text: str) -> float:
    started = time.perf_counter()
    scan(text)
    return (time.perf_counter() - started) * 1000


def measure() -> dict:
    """Figure 8: the guard on backtracking bait against the guard on ordinary notes."""
    from coordination.privacy import scan, warm_up
    from tests.coordination.privacy.guard_attacks import ATTACKS

    notes = [
        line.strip()
        for line in (REPO / "tests/coordination/privacy/pii_free_notes.txt")
        .read_text()
        .splitlines()
        if line.strip() and not line.startswith("#")
    ]
    warm_up()  # as a web process does at start-up (config.asgi)
    scan("warm up: 504-555-0100, 1 Main St, born 1/1/1990")
    ordinary = [_timed(scan, note) for _ in range(REPEAT) for note in notes]
    per_attack = {
        name: [_timed(scan, text) for _ in range(REPEAT)] for name, text in ATTACKS.items()
    }
    attacks = [ms for times in per_attack.values() for ms in times]
    ordinary_p50, ordinary_p99 = _quantiles(ordinary)
    attack_p50, attack_p99 = _quantiles(attacks)
    slowest = max(per_attack, key=lambda name: max(per_attack[name]))
    return {
        "attack_inputs": len(ATTACKS),
        "attack_length": max(len(text) for text in ATTACKS.values()),
        "attack_p50_ms": round(attack_p50, 2),
        "attack_p99_ms": round(attack_p99, 2),
        "slowest_attack": slowest,
        "slowest_attack_ms": round(max(per_attack[slowest]), 2),
        "ordinary_notes": len(notes),
        "ordinary_p50_ms": round(ordinary_p50, 3),
        "ordinary_p99_ms": round(ordinary_p99, 3),
        "ratio_p99": round(attack_p99 / ordinary_p99, 1),
        "per_attack_max_ms": {name: round(max(times), 2) for name, times in per_attack.items()},
    }


def _corpus_notes() -> list[str]:
    """Every note of the labelled corpora, identifying or clean: what people type."""
    from tests.coordination.privacy import (
        privacy_corpus,
        privacy_corpus_extra,
        privacy_corpus_third,
    )

    notes = []
    for half in ("dev", "heldout"):
        notes += [s.text for s in privacy_corpus.identifying(half)]
        notes += [n.text for n in privacy_corpus.clean(half)]
    for corpus in (privacy_corpus_extra, privacy_corpus_third):
        notes += [s.text for s in corpus.identifying()] + [n.text for n in corpus.clean()]
    return notes


def _notes_in_other_languages() -> list[str]:
    """Every note of the Spanish and Vietnamese corpora (issue 22)."""
    from tests.coordination.privacy import privacy_corpus_spanish, privacy_corpus_vietnamese

    notes = []
    for corpus in (privacy_corpus_spanish, privacy_corpus_vietnamese):
        notes += [s.text for s in corpus.identifying()] + [n.text for n in corpus.clean()]
    return notes


def _full_and_patterns(scan, notes: list[str]) -> tuple[list[float], list[float]]:
    full, patterns = [], []
    for _ in range(REPEAT):
        for note in notes:
            full.append(_timed(scan, note))
            patterns.append(_timed(lambda text: scan(text, names_too=False), note))
    return full, patterns


# Run in a fresh interpreter: the resident memory of Django alone, after a scan without
# names (the patterns, which read the word lists too: "is this a word?"), then after a scan
# with names (the named-entity model).
_RSS_PROBE = """
import os, resource, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
django.setup()
from coordination import privacy
def rss_kib():
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
before = rss_kib()
privacy.scan("warm up: 504-555-0100, 1 Main St, born 1/1/1990", names_too=False)
patterns = rss_kib()
privacy.scan("Maria Gonzalez, 16, disclosed exchange of sex for housing.")
privacy.scan("The Tyler, Longview and Houma crews.")  # every U.S. town, for a list of places
names = rss_kib()
privacy.scan("La joven dice que se llama Rosa y que vive con su tía en Houma.")
privacy.scan("Em nhỏ khai tên là Nguyễn Thị Hoa, 15 tuổi, đến từ Houma cùng với mẹ.")
print(before, patterns, names, rss_kib())
"""


def measure_names() -> dict:
    """Figure 10: the whole guard (names included) per note against the patterns alone
    (`names_too=False`, the guard before issue 16) on the same notes in the same run; and
    the extra resident memory of the word lists and the model, in a fresh process; then the
    same for the Spanish and Vietnamese notes, and the memory their word lists add."""
    import subprocess

    from coordination.privacy import scan

    notes, other = _corpus_notes(), _notes_in_other_languages()
    scan("warm up: Maria Gonzalez, 504-555-0100, 1 Main St, born 1/1/1990")
    scan(other[0])  # the Spanish and Vietnamese word lists build on first use
    scan(other[-1])
    full, patterns = _full_and_patterns(scan, notes)
    full_p50, full_p99 = _quantiles(full)
    patterns_p50, patterns_p99 = _quantiles(patterns)
    other_full, other_patterns = _full_and_patterns(scan, other)
    other_p50, other_p99 = _quantiles(other_full)
    other_patterns_p50, other_patterns_p99 = _quantiles(other_patterns)
    probe = subprocess.run(  # noqa: S603 (this interpreter, this module's own probe)
        [sys.executable, "-c", _RSS_PROBE],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"},
    )
    before, with_patterns, with_names, with_languages = (int(v) for v in probe.stdout.split()[-4:])
    return {
        "notes": len(notes),
        "scans_each": REPEAT,
        "full_p50_ms": round(full_p50, 2),
        "full_p99_ms": round(full_p99, 2),
        "patterns_p50_ms": round(patterns_p50, 3),
        "patterns_p99_ms": round(patterns_p99, 3),
        "ratio_p99": round(full_p99 / patterns_p99, 1),
        "rss_django_kib": before,
        "rss_extra_patterns_kib": with_patterns - before,
        "rss_extra_names_kib": with_names - with_patterns,
        "other_languages_notes": len(other),
        "other_languages_full_p50_ms": round(other_p50, 2),
        "other_languages_full_p99_ms": round(other_p99, 2),
        "other_languages_patterns_p50_ms": round(other_patterns_p50, 3),
        "other_languages_patterns_p99_ms": round(other_patterns_p99, 3),
        "rss_extra_languages_kib": with_languages - with_names,
    }


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    print(json.dumps({"8": measure(), "10": measure_names()}, indent=2))
