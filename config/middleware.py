"""The database out of reach (restarting, a lost connection, a pool with nothing to give)
answers 503 with a reason, never a 500 traceback page. The API's own exception handler
(coordination/api/exceptions.py) answers its requests; this catches the pages'."""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.utils.deprecation import MiddlewareMixin

from coordination.api.exceptions import DATABASE_UNAVAILABLE, RETRY_AFTER_SECONDS

log = logging.getLogger(__name__)

PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Lantern is unavailable for a moment</title>
</head><body><main><h1>Lantern is unavailable for a moment</h1>
<p>Its database cannot be reached right now. Try again in a few seconds.</p>
</main></body></html>
"""


class DatabaseUnavailableMiddleware(MiddlewareMixin):
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
