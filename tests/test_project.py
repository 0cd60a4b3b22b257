"""The shape of the project: layers, deployment files, settings from the environment."""

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent

# style.md: mdt → notifications → coordination; mdt → coordination; phases → coordination.
MAY_IMPORT = {
    "coordination": set(),
    "phases": {"coordination"},
    "notifications": {"coordination"},
    "mdt": {"coordination", "notifications"},
}


def imported_apps(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found & set(MAY_IMPORT)


@pytest.mark.parametrize("app", sorted(MAY_IMPORT))
def test_no_app_imports_up_the_layers(app):
    offenders = {}
    for path in (ROOT / app).rglob("*.py"):
        upward = imported_apps(path) - MAY_IMPORT[app] - {app}
        if upward:
            offenders[str(path.relative_to(ROOT))] = sorted(upward)
    assert offenders == {}


# The two references that point up the layers, each seen here with the reason it exists.
# Any other foreign key or migration dependency up the layers fails the tests below.
SEEN_UPWARD_KEYS = {
    # An MDT member's access is scoped to their MDT. The role row is written only with the
    # membership (mdt.services.membership_add / membership_remove), never on its own.
    ("coordination", "RoleAssignment", "mdt"): "mdt",
    # An alert may name the referral it is about; notifications reads it only through the
    # access policy (`Access.may_read_referral`), never through mdt's code.
    ("notifications", "Alert", "referral"): "mdt",
}
SEEN_UPWARD_MIGRATIONS = {
    ("coordination", "0002_initial", "mdt"),  # RoleAssignment.mdt
    ("notifications", "0001_initial", "mdt"),  # Alert.referral
}


def _below(app: str) -> set[str]:
    return MAY_IMPORT[app] | {app}


def test_no_foreign_key_points_up_the_layers_unseen():
    from django.apps import apps

    upward = {}
    for model in apps.get_models():
        app = model._meta.app_label
        if app not in MAY_IMPORT:
            continue
        for field in model._meta.get_fields():
            if not (field.is_relation and field.concrete and field.related_model):
                continue
            target = field.related_model._meta.app_label
            if target in MAY_IMPORT and target not in _below(app):
                upward[(app, model.__name__, field.name)] = target
    assert upward == SEEN_UPWARD_KEYS


def test_no_migration_depends_up_the_layers_unseen():
    from django.db.migrations.loader import MigrationLoader

    loader = MigrationLoader(None, ignore_no_migrations=True)
    upward = {
        (app, name, dependency[0])
        for (app, name), migration in loader.disk_migrations.items()
        if app in MAY_IMPORT
        for dependency in migration.dependencies
        if dependency[0] in MAY_IMPORT and dependency[0] not in _below(app)
    }
    assert upward == SEEN_UPWARD_MIGRATIONS


# Demo seeders tell a long story in one place; they are the exception the issue allows.
LONG_ALLOWED = {("coordination/demo.py", "seed_learning"), ("phases/demo.py", "_walk")}


def _python_files():
    for app in (*MAY_IMPORT, "config"):
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_no_file_is_over_450_lines_and_no_function_over_60():
    """A newcomer reads a file whole: the rooms stay small (issue 17)."""
    long_files, long_functions = [], []
    for path in _python_files():
        text = path.read_text(encoding="utf-8")
        name = str(path.relative_to(ROOT))
        if text.count("\n") > 450:
            long_files.append(name)
        for node in ast.walk(ast.parse(text)):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            if node.end_lineno - node.lineno + 1 > 60 and (name, node.name) not in LONG_ALLOWED:
                long_functions.append(f"{name}:{node.name}")
    assert long_files == []
    assert long_functions == []


def test_the_bench_reads_files_that_exist():
    """`make bench` is not part of the suite; the files it reads from the repository must
    still be where it looks when tests or data move."""
    import re

    missing = []
    for path in sorted((ROOT / "bench").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        for joined in re.findall(r'REPO((?:\s*/\s*"[^"]+")+)', text):
            relative = "/".join(re.findall(r'"([^"]+)"', joined))
            if "." in relative.rsplit("/", 1)[-1] and not (ROOT / relative).exists():
                missing.append(f"{path.name}: {relative}")
    assert missing == []


def test_docker_compose_names_the_services():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"db", "redis", "web", "worker"} <= set(services)
    assert "run_escalations" in services["worker"]["command"]
    assert services["db"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")
    web_env = services["web"]["environment"]
    assert web_env["DATABASE_URL"].startswith("postgres://")
    assert web_env["REDIS_URL"].startswith("redis://")
    assert "healthcheck" in services["db"]
    assert (ROOT / "Dockerfile").exists()


def settings_under(env: dict[str, str]) -> dict:
    """Load config.settings.base in a fresh interpreter with exactly `env` set."""
    script = (
        "import json; from config.settings import base as s; "
        "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], "
        "'options': s.DATABASES['default'].get('OPTIONS', {}), "
        "'layer': s.CHANNEL_LAYERS['default']['BACKEND'], "
        "'cache': s.CACHES['default']['BACKEND'], 'debug': s.DEBUG, "
        "'hosts': s.ALLOWED_HOSTS}))"
    )
    clean = {key: value for key, value in os.environ.items() if key in {"PATH", "HOME"}}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        return {"error": result.stderr}
    return json.loads(result.stdout)


def test_with_nothing_set_lantern_runs_embedded():
    found = settings_under({"DEBUG": "true"})
    assert found["engine"] == "django.db.backends.sqlite3"
    assert found["layer"] == "channels.layers.InMemoryChannelLayer"
    assert found["debug"] is True


def test_database_and_redis_urls_switch_to_pooled_postgresql_and_channels_redis():
    found = settings_under(
        {
            "SECRET_KEY": "x" * 50,
            "DATABASE_URL": "postgres://lantern@db:5432/lantern",
            "REDIS_URL": "redis://redis:6379/0",
            "ALLOWED_HOSTS": "lantern.example.gov,127.0.0.1",
        }
    )
    assert found["engine"] == "django.db.backends.postgresql"
    assert found["options"]["pool"]["max_size"] >= 1
    assert found["layer"] == "channels_redis.core.RedisChannelLayer"
    assert found["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert found["debug"] is False
    assert found["hosts"] == ["lantern.example.gov", "127.0.0.1"]


def test_production_refuses_to_start_without_a_secret_key():
    found = settings_under({})
    assert "SECRET_KEY is not set" in found["error"]


def test_the_suite_runs_on_the_engines_the_environment_names():
    """Embedded by default; PostgreSQL and Redis when named, and always named in CI."""
    from django.conf import settings

    database_url = os.environ.get("DATABASE_URL", "")
    redis_url = os.environ.get("REDIS_URL", "")
    if os.environ.get("CI") == "true":
        assert database_url.startswith("postgres"), ".ci/run must test on PostgreSQL"
        assert redis_url.startswith("redis"), ".ci/run must test on Redis"
    engine = settings.DATABASES["default"]["ENGINE"]
    layer = settings.CHANNEL_LAYERS["default"]["BACKEND"]
    assert engine.endswith("postgresql" if database_url else "sqlite3")
    assert layer == (
        "channels_redis.core.RedisChannelLayer"
        if redis_url
        else "channels.layers.InMemoryChannelLayer"
    )


def test_the_openapi_schema_is_valid_and_generates_without_warnings(tmp_path):
    from django.core.management import call_command

    call_command(
        "spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml")
    )
    schema = yaml.safe_load((tmp_path / "schema.yml").read_text())
    assert schema["info"]["title"] == "Lantern API"


def test_the_api_is_the_committed_schema(tmp_path):
    """The committed schema (docs/openapi.yaml) is the API's contract: a change to it is
    made on purpose, by `make schema`, and shows in review as a diff. It is generated as
    `make schema` does, on the embedded database: an integer's range in the schema is the
    database's (PostgreSQL's smallint stops at 32767)."""
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in ("DATABASE_URL", "REDIS_URL", "DJANGO_SETTINGS_MODULE")
    }
    environment["DEBUG"] = "true"
    generated = tmp_path / "schema.yml"
    subprocess.run(
        [sys.executable, "manage.py", "spectacular", "--file", str(generated)],
        cwd=ROOT,
        env=environment,
        check=True,
        capture_output=True,
    )
    committed = yaml.safe_load((ROOT / "docs" / "openapi.yaml").read_text())
    assert yaml.safe_load(generated.read_text()) == committed, (
        "the API changed: run `make schema` and review the diff"
    )


def test_the_task_worker_runs_beside_the_web_processes():
    """docker-compose runs it as a service; `make run` starts it beside the server."""
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    command = compose["services"]["task-worker"]["command"]
    assert "db_worker" in command
    assert command[:3] == ["nice", "-n", "10"]  # pages and sockets come first
    makefile = (ROOT / "Makefile").read_text()
    run = makefile.split("\nrun: $(VENV)")[1].split("\n\n")[0]
    assert "$(TASK_WORKER) &" in run


def test_production_serves_with_several_web_processes():
    """One process per core (WEB_CONCURRENCY): a CPU-bound request holds one process's
    interpreter lock, not every socket's (issue 15)."""
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "--workers ${WEB_CONCURRENCY}" in dockerfile
    assert "WEB_CONCURRENCY=2" in dockerfile
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    assert compose["services"]["web"]["environment"]["WEB_CONCURRENCY"].startswith("${")
