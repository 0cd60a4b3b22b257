"""Languages. Staff pages are English; the pages the public and frontline professionals
use (the screening tool, a summit's survey link, a training's tests, the statewide
figures) speak Spanish and Vietnamese too (`coordination.plumbing.languages`)."""

from pathlib import Path

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español"), ("vi", "Tiếng Việt")]
LOCALE_PATHS = [Path(__file__).resolve().parent.parent.parent / "locale"]
# The choice is kept for the visit only (a cookie that ends with the browser).
LANGUAGE_COOKIE_NAME = "lantern_language"
LANGUAGE_COOKIE_AGE = None
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
USE_I18N = True
