"""The privacy guard's speed, for `make bench` (figure 8) or on its own:

    DJANGO_SETTINGS_MODULE=config.settings.test .venv/bin/python bench/guard_bench.py

Each input of tests/coordination/guard_attacks.py (built to make a backtracking matcher
run for minutes, at the 10,000 characters the guard reads) is scanned REPEAT times; the
p50 and p99 of those scans are set against the same figures for ordinary notes (the
false-positive corpus, tests/coordination/pii_free_notes.txt) in the same run.
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
    from coordination.privacy import scan
    from tests.coordination.guard_attacks import ATTACKS

    notes = [
        line.strip()
        for line in (REPO / "tests/coordination/pii_free_notes.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
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


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    import django

    django.setup()
    print(json.dumps(measure(), indent=2))
