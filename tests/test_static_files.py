"""Static files with DEBUG off: without `collectstatic` every page would answer 500
("Missing staticfiles manifest entry"), so Lantern refuses to start instead and says
what to run (issue 15)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start_asgi(static_root: Path, **extra: str) -> subprocess.CompletedProcess:
    """Import the ASGI application as uvicorn does, with production settings."""
    env = {key: value for key, value in os.environ.items() if key in {"PATH", "HOME"}}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.base",
        SECRET_KEY="x" * 50,
        SQLITE_PATH=str(static_root.parent / "db.sqlite3"),
        STATIC_ROOT=str(static_root),
        **extra,
    )
    return subprocess.run(
        [sys.executable, "-c", "import config.asgi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_with_debug_off_and_no_manifest_lantern_refuses_to_start(tmp_path):
    started = start_asgi(tmp_path / "staticfiles")
    assert started.returncode != 0
    assert "python manage.py collectstatic --noinput" in started.stderr


def test_with_the_manifest_it_starts(tmp_path):
    static_root = tmp_path / "staticfiles"
    static_root.mkdir()
    (static_root / "staticfiles.json").write_text(json.dumps({"paths": {}, "version": "1.1"}))
    started = start_asgi(static_root)
    assert started.returncode == 0, started.stderr


def test_with_debug_on_static_files_come_from_the_apps(tmp_path):
    started = start_asgi(tmp_path / "staticfiles", DEBUG="true")
    assert started.returncode == 0, started.stderr
