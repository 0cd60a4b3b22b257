"""The privacy guard cannot be made to hang: on every input built to make a backtracking
matcher run for minutes, at the longest text it reads, a whole scan finishes. The scans
run in a separate process with a limit of seconds (a thousand times what a scan of a
note takes), so a hang fails this test instead of stalling the suite. How fast the
guard is on these inputs is measured by `make bench`, not asserted here."""

import os
import subprocess
import sys
from pathlib import Path

from tests.coordination.privacy.guard_attacks import ATTACKS

ROOT = Path(__file__).resolve().parents[3]
# Each scan takes milliseconds; a backtracking matcher took minutes to years on these.
LIMIT_SECONDS = 60

SCRIPT = """
import django, sys
django.setup()
from coordination.privacy import guard_text, scan
from tests.coordination.privacy.guard_attacks import ATTACKS
for name, text in ATTACKS.items():
    print("scanning:", name, flush=True)
    scan(text)
    try:
        guard_text({"notes": text})
    except Exception:
        pass
    print("done:", name, flush=True)
print("all done", flush=True)
"""


def _run(script: str, seconds: int) -> subprocess.CompletedProcess:
    """`script` in a Python process of its own, with the test settings."""
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    environment["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=seconds,
    )


def test_no_input_makes_the_guard_hang():
    try:
        finished = _run(SCRIPT, LIMIT_SECONDS)
    except subprocess.TimeoutExpired as hang:
        output = hang.stdout or b""
        output = output.decode() if isinstance(output, bytes) else output
        last = [line for line in output.splitlines() if line.startswith("scanning:")][-1:]
        raise AssertionError(f"The guard hung on {last} ({LIMIT_SECONDS} s)") from None
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.count("done:") == len(ATTACKS)
    assert "all done" in finished.stdout


def test_every_attack_is_as_long_as_the_guard_reads():
    from coordination.privacy import MAX_TEXT_LENGTH

    assert all(len(text) == MAX_TEXT_LENGTH for text in ATTACKS.values())


DFA_SCRIPT = """
import django
django.setup()
from coordination.privacy import scan
from tests.coordination.privacy.guard_attacks import ATTACKS
from tests.coordination.privacy.test_privacy_corpus import SETS
for text in ATTACKS.values():
    scan(text)
for load in SETS.values():
    for half in load():
        for entry in half:
            scan(entry.text)
print("all done", flush=True)
"""


def test_no_pattern_outgrows_re2s_fast_matcher():
    """RE2 logs "DFA out of memory" and falls back to a slower matcher (still linear) when a
    pattern's automaton outgrows its memory on some text: a sign to split the pattern (it
    happened once, with two long alternations of Unicode classes). Every corpus text and
    every attack, in a process of its own, whose log is read."""
    from tests.coordination.privacy.test_privacy_corpus import SETS

    texts = len(ATTACKS) + sum(len(half) for load in SETS.values() for half in load())
    # A hang guard, not a speed limit: 50 ms for each text (ten times a scan's p50 on a
    # slow machine), so that the limit grows with the corpora (the fixed 300 s it had was
    # outgrown by 22,777 texts on a slow CI machine).
    finished = _run(DFA_SCRIPT, LIMIT_SECONDS + round(texts / 20))
    assert finished.returncode == 0, finished.stderr[-2000:]
    assert "all done" in finished.stdout
    assert "DFA out of memory" not in finished.stderr, finished.stderr[-2000:]
