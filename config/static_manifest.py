"""Static files with DEBUG off are served from STATIC_ROOT under their hashed names, read
from the manifest that `collectstatic` writes. Without it every page would answer 500
("Missing staticfiles manifest entry"), so the server refuses to start instead and says
what to run. A management command does not need the manifest (`collectstatic` makes it),
so this is checked where pages are served: config/asgi.py."""

from django.contrib.staticfiles.storage import ManifestFilesMixin
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import storages

MISSING = (
    "Static files are not collected: {path} is missing. Run "
    "`python manage.py collectstatic --noinput` (with the same settings) before starting "
    "Lantern with DEBUG off; `make run` and the Dockerfile do it."
)


def missing_manifest() -> str | None:
    """What is wrong, or None when pages can find their static files."""
    storage = storages["staticfiles"]
    if not isinstance(storage, ManifestFilesMixin):
        return None  # DEBUG on (or tests): files come from the apps as they are
    if storage.manifest_storage.exists(storage.manifest_name):
        return None
    return MISSING.format(path=storage.manifest_storage.path(storage.manifest_name))


def require_manifest() -> None:
    problem = missing_manifest()
    if problem:
        raise ImproperlyConfigured(problem)
