"""Middleware that spans the apps: nothing Lantern answers is stored by a browser or a
proxy; the database out of reach answers 503 with a reason."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.utils.deprecation import MiddlewareMixin

from coordination.plumbing.api.exceptions import DATABASE_UNAVAILABLE, RETRY_AFTER_SECONDS

log = logging.getLogger(__name__)

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Lantern is unavailable for a moment</title>
</head><body><main><h1>Lantern is unavailable for a moment</h1>
<p>Its database cannot be reached right now. Try again in a few seconds.</p>
</main></body></html>
"""


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
            response = HttpResponse(PAGE, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
