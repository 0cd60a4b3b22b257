"""Lantern settings, read from the environment.

With nothing set Lantern runs embedded: SQLite and the in-memory channel layer in one
process. `DATABASE_URL` switches to PostgreSQL (psycopg 3 with its connection pool) and
`REDIS_URL` to channels-redis and a Redis cache. See README.md, "Configuration".
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY in the environment, "
            "or DEBUG=true for a local, throw-away run."
        )
    # Only ever used with DEBUG on, for a first local run.
    SECRET_KEY = "insecure-local-development-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "coordination.apps.LanternAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "servestatic.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "knox",  # API tokens: expiring, revocable, stored as digests (coordination.ApiToken)
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "channels",
    "axes",  # sign-in lockout
    "django_otp",  # two-factor sign-in (TOTP), offered to state admins
    "django_otp.plugins.otp_totp",
    "django_tasks",  # heavy work off the request path ("Background tasks" below)
    "django_tasks_db",
    # Lantern, in layers: coordination is the ground; phases and notifications stand on
    # it; mdt stands on both.
    "coordination",
    "phases",
    "notifications",
    "mdt",
    "config",  # wires the apps together; holds `seed_demo`
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "servestatic.middleware.ServeStaticMiddleware",
    "config.middleware.NoStoreMiddleware",  # below ServeStatic: static files stay cacheable
    "config.middleware.ErrorPagesWithDebugMiddleware",  # outside the rest: sees a bad Host
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A NUL in a query or a page's form: 400 before any view (PostgreSQL cannot store it).
    "coordination.plumbing.input.RefuseNulMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "config.middleware.SignInAgainMiddleware",  # a form sent after the session ended
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks: a lockout's page
    # The database out of reach: a 503 page, not a 500 (the API has its own handler).
    "config.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "config.urls"
# A form field the request got wrong is shown empty, never with what was sent.
FORM_RENDERER = "coordination.plumbing.forms.FormRenderer"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.navigation",
                "config.context_processors.languages",
                "notifications.context_processors.rota_warnings",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
# Embedded default: a SQLite file beside the code. With DATABASE_URL: PostgreSQL through
# psycopg 3 and its connection pool (CONN_MAX_AGE must stay 0 when pooling).
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    # Health checks: with the pool, each connection is tested as it is handed out (one
    # empty round trip), so after a database restart dead ones are replaced instead of
    # each failing a request.
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=0, conn_health_checks=True)
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": int(os.environ.get("DATABASE_POOL_MIN_SIZE", "2")),
            "max_size": int(os.environ.get("DATABASE_POOL_MAX_SIZE", "20")),
            # How long a request waits for a connection before answering 503.
            "timeout": float(os.environ.get("DATABASE_POOL_TIMEOUT", "10")),
            # A failing reconnection backs off (1, 2, 4… s); giving it up after a few
            # seconds lets the next request try afresh, so a long outage does not leave
            # the pool waiting out a long back-off once the database is back.
            "reconnect_timeout": 5,
        }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            # Several request threads write at once under ASGI; wait instead of failing.
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: channel layer and cache ---------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            # channels-redis waits up to 5 s in BZPOPMIN, and redis-py 8 reads with a 5 s
            # timeout by default: idle sockets then died of a client-side timeout
            # (channels_redis#422). A longer read timeout still notices a dead Redis.
            "CONFIG": {"hosts": [{"address": REDIS_URL, "socket_timeout": 10}]},
        }
    }
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Authentication -------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},  # a passphrase, not a word
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out sign-in before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# API tokens (django-rest-knox, in coordination.ApiToken): a new one per sign-in at
# POST /api/v1/auth/token/, stored as a digest, bound to the password (a change ends it)
# and ended by deactivation. It lasts one shift and is never extended by use, so a stolen
# token used without a pause still dies.
API_TOKEN_HOURS = float(os.environ.get("API_TOKEN_HOURS", "12"))
KNOX_TOKEN_MODEL = "coordination.ApiToken"  # noqa: S105 - a model name, not a secret
REST_KNOX = {
    "TOKEN_TTL": datetime.timedelta(hours=API_TOKEN_HOURS),
    "AUTO_REFRESH": False,
    "AUTH_HEADER_PREFIX": "Token",
}
# knox's own token table is swapped for coordination.ApiToken: without this its migrations
# would still create it, empty and unused.
MIGRATION_MODULES = {"knox": None}
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

from .languages import *  # noqa: E402,F403  (LANGUAGES, LOCALE_PATHS, the language cookie)

TIME_ZONE = os.environ.get("TIME_ZONE", "America/Chicago")  # Louisiana
USE_TZ = True

# --- Static files: served by ServeStatic (ASGI-native WhiteNoise) from STATIC_ROOT ----
STATIC_URL = "static/"
# `collectstatic` fills it; with DEBUG off the server refuses to start without its manifest.
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "servestatic.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- Background tasks (django-tasks) -----------------------------------------------------
# Parsing an uploaded file, checking a submission's rows, drawing the report's PDF and a
# region's export run in the task worker (`manage.py db_worker`), not in the web process
# that took the request (coordination/plumbing/background.py). The queue is a table in Lantern's
# database. `immediate` runs each task inside the request instead (the test suite).
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
# Two queues: `default` for the heavy work above, and `alerts` for pushes to contacts'
# phones, which its own worker takes at once (an alert never waits behind a report's PDF).
TASKS = {
    "default": {
        "BACKEND": TASK_BACKENDS[os.environ.get("TASK_BACKEND", "database")],
        "QUEUES": ["default", "alerts"],
    }
}
# How long a request waits for the worker to start its task before answering 503 with
# Retry-After (the task is then withdrawn: nothing of it runs). A started task is waited
# for as long again.
TASK_WAIT_SECONDS = float(os.environ.get("TASK_WAIT_SECONDS", "30"))

# --- Uploads ----------------------------------------------------------------------------
# The largest file of case rows a provider may upload: a full template of 20,000 rows is
# about 1.5 MB as .csv and 0.5 MB as .xlsx. A larger upload answers 413 before its body is
# parsed (coordination/reporting/uploads.py); any body over REQUEST_BODY_MAX_BYTES is refused before
# Django reads it (config/body_limit.py).
UPLOAD_MAX_BYTES = int(float(os.environ.get("UPLOAD_MAX_MB", "2")) * 2**20)

# --- REST API -------------------------------------------------------------------------
REST_FRAMEWORK = {
    # Token first so that an anonymous API call answers 401 with WWW-Authenticate.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "coordination.people.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "coordination.plumbing.api.pagination.PageNumberPagination",
    # DRF's own, refusing a NUL anywhere in a body and nesting past 32 levels, and
    # wording parse errors without the charset, boundary or bytes sent.
    "DEFAULT_PARSER_CLASSES": [
        "coordination.plumbing.input.JSONParser",
        "coordination.plumbing.input.FormParser",
        "coordination.plumbing.input.MultiPartParser",
    ],
    "PAGE_SIZE": 50,
    # django-filter's, whose filters that name objects offer only what the user can see.
    "DEFAULT_FILTER_BACKENDS": ["coordination.plumbing.api.filters.FilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "coordination.plumbing.api.exceptions.exception_handler",
    # The token endpoint (per address); alerts raised and screens, per person, by every
    # way in (coordination/plumbing/throttling.py).
    "DEFAULT_THROTTLE_RATES": {
        "token": os.environ.get("TOKEN_RATE", "10/min"),
        "alert-raise": os.environ.get("ALERT_RAISE_RATE", "30/min"),
        "screening": os.environ.get("SCREENING_RATE", "30/min"),
    },
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # The client's address is REMOTE_ADDR, never a header it sent ("Proxies" below).
    "NUM_PROXIES": 0,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Lantern API",
    "DESCRIPTION": (
        "Statewide community action against human trafficking: regions, agencies, roles, "
        "initiatives, MDTs, de-identified referrals and rapid-response alerts."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "PhaseEnum": "phases.models.Phase.choices",
        "ReferralStatusEnum": "mdt.models.ReferralStatus.choices",
        "DisciplineEnum": "coordination.models.Discipline.choices",
        "MeetingStatusEnum": "mdt.models.MeetingStatus.choices",
        "RsvpEnum": "mdt.models.Rsvp.choices",
        "ActionItemStatusEnum": "phases.models.ActionItemStatus.choices",
        "CycleStatusEnum": "coordination.models.CycleStatus.choices",
        "AlertStatusEnum": "notifications.models.AlertStatus.choices",
        "RecommendationStatusEnum": "mdt.recommendations.models.RecommendationStatus.choices",
        "RecommendationKindEnum": "mdt.recommendations.models.RecommendationKind.choices",
    },
}

# The largest request body Lantern reads (config/body_limit.py): an annual submission's
# 20,000 case rows, typed or as a file, fit well inside.
REQUEST_BODY_MAX_BYTES = int(float(os.environ.get("REQUEST_BODY_MAX_MB", "5")) * 1_000_000)

# --- E-mail ---------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# A mail server that hangs must not hold a worker: each SMTP call gives up after this.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "lantern@localhost")
# Where Lantern is reached from outside: the links in e-mails (an offline contact's alert).
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# --- Web Push (notifications/push): alerts on a contact's phone -----------------------------
# The VAPID private key (`python manage.py vapid_key` makes one). Unset: push is off and the
# pages say so (with DEBUG on, a throw-away key derived from SECRET_KEY).
WEB_PUSH_VAPID_PRIVATE_KEY = os.environ.get("WEB_PUSH_VAPID_PRIVATE_KEY", "")
# Signs providers' submission receipts (Ed25519, base64url of 32 bytes: `manage.py
# receipt_key`). Empty: derived from SECRET_KEY, and so changed with it.
RECEIPT_SIGNING_KEY = os.environ.get("RECEIPT_SIGNING_KEY", "")
# After a key changes: the earlier public keys (comma-separated), whose receipts still verify.
RECEIPT_EARLIER_PUBLIC_KEYS = [
    key.strip()
    for key in os.environ.get("RECEIPT_EARLIER_PUBLIC_KEYS", "").split(",")
    if key.strip()
]
# Who the push services may contact about Lantern's pushes (the VAPID `sub` claim).
WEB_PUSH_CONTACT = os.environ.get("WEB_PUSH_CONTACT", f"mailto:{DEFAULT_FROM_EMAIL}")
# The push services a subscription may name: Lantern's worker posts to the endpoint, so an
# endpoint anywhere else (an address inside the network) is refused. A host matches itself
# or, when the entry starts with a dot, any host under it.
WEB_PUSH_HOSTS = env_list(
    "WEB_PUSH_HOSTS",
    "fcm.googleapis.com,android.googleapis.com,.push.services.mozilla.com,"
    ".push.apple.com,.notify.windows.com",
)
# Hosts reached over plain HTTP (none in production; the tests' local push service).
WEB_PUSH_INSECURE_HOSTS = env_list("WEB_PUSH_INSECURE_HOSTS")
# A push waits at most this long for the push service (seconds), in the task worker.
WEB_PUSH_TIMEOUT_SECONDS = float(os.environ.get("WEB_PUSH_TIMEOUT_SECONDS", "10"))
# How many devices one person may subscribe.
WEB_PUSH_DEVICES_PER_PERSON = 10

# --- SMS and voice (notifications/push/phone.py): Twilio, off without credentials ----------
TWILIO_ACCOUNT_SID = os.environ.get("TWILIO_ACCOUNT_SID", "")
TWILIO_AUTH_TOKEN = os.environ.get("TWILIO_AUTH_TOKEN", "")
TWILIO_FROM_NUMBER = os.environ.get("TWILIO_FROM_NUMBER", "")  # E.164, a number you own
# Another address for Twilio's REST API: only the tests' local stand-in.
TWILIO_API_BASE = os.environ.get("TWILIO_API_BASE", "")
# An alert still waiting this long after its text message is also a voice call.
PHONE_CALL_AFTER_MINUTES = float(os.environ.get("PHONE_CALL_AFTER_MINUTES", "2"))

# --- The annual report ---------------------------------------------------------------
# Published counts from 1 to this minus one are suppressed (shown as "<5").
REPORT_SUPPRESSION_THRESHOLD = int(os.environ.get("REPORT_SUPPRESSION_THRESHOLD", "5"))

# --- Rapid-response alerts ------------------------------------------------------------
# Every beat an open /ws/alerts/ socket marks itself present, rejoins its group (after a
# Redis restart) and catches up on anything a lost push missed. A socket unseen for
# three beats counts as closed.
ALERT_SOCKET_BEAT_SECONDS = float(os.environ.get("ALERT_SOCKET_BEAT_SECONDS", "15"))

# --- Logging: to stderr, one line a record --------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# --- Security (README "Security settings", SECURITY.md) --------------------------------------
# HTTPS is on whenever DEBUG is off: `check --deploy` passes with no warning. Set HTTPS=false
# only for a plain-HTTP trial on one machine (docker-compose's default).
HTTPS = env_bool("HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000" if HTTPS else "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=HTTPS)
if env_bool("TRUST_X_FORWARDED_PROTO"):  # behind a TLS proxy that sets it (and strips it)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REFERRER_POLICY = "same-origin"  # case pages' addresses never leave the site
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# A session lasts one shift and ends with the browser: a shared office computer left
# signed in does not stay open overnight.
SESSION_COOKIE_AGE = int(float(os.environ.get("SESSION_HOURS", "12")) * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Content security policy (django-csp): scripts, styles and connections from this site
# only. Style *attributes* are allowed: the pages' bar charts (includes/bar_chart.html) give
# each bar its length as a style attribute (`--share`); no script can hide in one.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],  # includes the alert websocket on this host
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Sign-in lockout (django-axes): five failures for one account from one address lock that
# pair out for 15 minutes; a success resets the count. The page says when to try again.
AXES_ENABLED = env_bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# --- Proxies: who the client is --------------------------------------------------------
# The lockout and the token throttle count per address, so a client must not choose its
# own. uvicorn resolves the address: it takes X-Forwarded-For only from a peer listed in
# FORWARDED_ALLOW_IPS (the TLS proxy; uvicorn reads the variable itself, default
# 127.0.0.1) and hands Django the result as REMOTE_ADDR. Django then reads REMOTE_ADDR and
# never the header: DRF's throttle (NUM_PROXIES = 0, above) and django-axes (should
# django-ipware be installed, it would read X-Forwarded-For first).
AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)
AXES_IPWARE_PROXY_COUNT = None

# Two-factor sign-in (django-otp, TOTP): optional, offered to state admins.
OTP_TOTP_ISSUER = "Lantern"

# Data retention (`manage.py apply_retention`, run daily): closed referrals and audit
# entries are deleted after these many days; 0 keeps them for ever. Three years follows
# the federal grant record rule (2 CFR 200.334); the audit log outlives the records it
# speaks of.
RETENTION_CLOSED_REFERRAL_DAYS = int(os.environ.get("RETENTION_CLOSED_REFERRAL_DAYS", "1095"))
RETENTION_AUDIT_DAYS = int(os.environ.get("RETENTION_AUDIT_DAYS", "2190"))
