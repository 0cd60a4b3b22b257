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


def test_no_input_makes_the_guard_hang():
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    environment["PYTHONPATH"] = str(ROOT)
    try:
        finished = subprocess.run(
            [sys.executable, "-c", SCRIPT],
            cwd=ROOT,
            env=environment,
            capture_output=True,
            text=True,
            timeout=LIMIT_SECONDS,
        )
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
