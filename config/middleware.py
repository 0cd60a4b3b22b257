"""Middleware that spans the apps: nothing Lantern answers is stored by a browser or a
proxy; the database out of reach answers 503 with a reason."""

import logging
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import DisallowedHost
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render, resolve_url
from django.template.loader import render_to_string
from django.utils.deprecation import MiddlewareMixin
from rest_framework.exceptions import NotFound

from coordination.plumbing.api.exceptions import DATABASE_UNAVAILABLE, RETRY_AFTER_SECONDS

log = logging.getLogger(__name__)

# Pages a person meets when something is wrong, in the site's layout (templates/*.html).
ERROR_PAGES = {400, 403, 404, 500}


class NoStoreMiddleware:
    """`Cache-Control: no-store, private` on every answer Lantern gives (pages, the API,
    refusals, errors, the sign-in page), unless the view chose its own: a referral, a
    screen or an alert must not stay in a shared computer's cache, its back button, or a
    proxy's. Static files never reach it: ServeStatic, above it, answers them first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = "no-store, private"
        return response


class DatabaseUnavailableMiddleware(MiddlewareMixin):
    """The database out of reach (restarting, a lost connection, a pool with nothing to
    give) answers 503 with a reason, never a 500 traceback page. The API's own exception
    handler (coordination/plumbing/api/exceptions.py) answers its requests; this catches the
    pages'."""

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        log.warning("Database unavailable on %s: %s", request.path, exception)
        if request.path.startswith("/api/") or "application/json" in request.headers.get(
            "Accept", ""
        ):
            response = JsonResponse({"detail": DATABASE_UNAVAILABLE}, status=503)
        else:
            # Rendered with no request: the header and context need nothing from the
            # database, which is what is missing.
            response = HttpResponse(render_to_string("503.html"), status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response


class ErrorPagesWithDebugMiddleware:
    """With DEBUG on (`make run`), Django answers a missing page, a refused request or a
    crash with its technical pages (the list of every URL, a traceback). People trying
    Lantern meet Lantern's own pages instead, as in production; the traceback still goes
    to the console's log. The API keeps its JSON answers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not (settings.DEBUG and response.status_code in ERROR_PAGES and _technical(response)):
            return response
        if request.path.startswith("/api/"):
            if response.status_code == 404:  # a URL that names nothing, as in production
                return JsonResponse({"detail": str(NotFound.default_detail)}, status=404)
            return response
        if request.path.startswith(("/admin/", "/static/")):
            return response
        try:
            return render(request, f"{response.status_code}.html", status=response.status_code)
        except (DisallowedHost, AttributeError):
            # A host Lantern does not serve, refused before the session and the user were
            # read: the page is drawn without the request (as the signed-out visitor's).
            page = render_to_string(f"{response.status_code}.html")
            return HttpResponse(page, status=response.status_code)


def _technical(response) -> bool:
    """Django's technical pages (DEBUG) name themselves in their <meta name="robots">."""
    if "text/html" not in response.get("Content-Type", "") or response.streaming:
        return False
    content = response.content[:2048]
    return b'name="robots" content="NONE,NOARCHIVE"' in content


class SignInAgainMiddleware:
    """A form sent after the session ended goes to sign-in; after it, the person comes back
    to the page the form was on (not to the address the form posted to, which answers
    only POST), where `lantern/session.js` puts back what they typed. The page is read from
    the Referer, kept only as a path of this site (Django checks `next` again)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method != "POST" or response.status_code != 302:
            return response
        if getattr(request, "user", None) is None or request.user.is_authenticated:
            return response
        login = resolve_url(settings.LOGIN_URL)
        if not response.get("Location", "").startswith(login + "?"):
            return response
        came_from = urlsplit(request.headers.get("Referer", ""))
        if came_from.netloc != request.get_host() or not came_from.path.startswith("/"):
            return response
        page = came_from.path + (f"?{came_from.query}" if came_from.query else "")
        response["Location"] = f"{login}?{urlencode({'next': page})}"
        messages.info(
            request,
            "Your sign-in had ended, so nothing was saved. Sign in again: what you typed "
            "comes back on the page.",
        )
        return response
