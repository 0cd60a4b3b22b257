"""Test overlay: fast hashers, a known secret, mail kept in memory.

DATABASE_URL and REDIS_URL still decide the engines, so the same suite runs embedded
(SQLite, in-memory layer) and, in CI, on PostgreSQL and Redis.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
# The test client and the browser tests' live server speak plain HTTP; the HTTPS settings
# are checked by tests/test_security.py with HTTPS on.
os.environ.setdefault("HTTPS", "false")
# Tasks run inside the request, on the same code path; tests/test_background_tasks.py runs
# them on the database backend with a real worker.
os.environ.setdefault("TASK_BACKEND", "immediate")

from .base import *  # noqa: E402,F403
from .base import BASE_DIR, DATABASES, REST_FRAMEWORK, STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"
SERVESTATIC_USE_FINDERS = True
SERVESTATIC_AUTOREFRESH = True
# Tests raise many alerts as one user; the throttling tests set the real rates.
REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"] = {
    "token": "10000/min",
    "alert-raise": "10000/min",
    "screening": "10000/min",
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A file, not :memory:, so that a live server thread in browser tests shares it.
    DATABASES["default"]["TEST"] = {
        "NAME": os.environ.get("SQLITE_TEST_PATH", str(BASE_DIR / ".test-db.sqlite3"))
    }
