"""One exception handler for the whole API (style habit 7):
Django validation errors → 400 `{"field": ["message"]}`; a person over a rate limit → 429
with Retry-After; conflicts, protected rows and refused transitions → 409; the database
out of reach → 503 with a reason; everything else as DRF does it, except that no refusal
names the method or media type the client sent (coordination/plumbing/messages.py
rewords the fields' own messages)."""

import logging

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from django.db.models import ProtectedError, RestrictedError
from django_fsm import TransitionNotAllowed
from rest_framework import status
from rest_framework.exceptions import MethodNotAllowed, UnsupportedMediaType, ValidationError
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from coordination.privacy import PersonalInformationError

from ..errors import Conflict, RateLimited


def _field_messages(error: DjangoValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        messages = error.message_dict
        if "__all__" in messages:
            messages[api_settings.NON_FIELD_ERRORS_KEY] = messages.pop("__all__")
        return messages
    return {api_settings.NON_FIELD_ERRORS_KEY: error.messages}


DATABASE_UNAVAILABLE = "The database is unavailable for a moment; try again shortly."
# Where a refused text's personal information is: [{"field", "kind", "start", "end"}].
PERSONAL_INFORMATION = "personal_information"
RETRY_AFTER_SECONDS = 5
log = logging.getLogger(__name__)


def database_unavailable_response(exc: Exception) -> Response:
    """A lost connection, a restarting server, a pool with no connection to give: a
    transaction cut off does not commit (every service is atomic), so nothing is left
    half-written. Not a bug in the request, so a warning, not a traceback."""
    log.warning("Database unavailable: %s", exc)
    return Response(
        {"detail": DATABASE_UNAVAILABLE},
        status=status.HTTP_503_SERVICE_UNAVAILABLE,
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


METHOD_NOT_ALLOWED = "This method is not allowed here; the Allow header lists those that are."
UNSUPPORTED_MEDIA_TYPE = (
    "Unsupported media type: send application/json (or a form, multipart/form-data)."
)


def exception_handler(exc, context):
    if isinstance(exc, (OperationalError, InterfaceError)):
        return database_unavailable_response(exc)
    if isinstance(exc, RateLimited):
        return Response(
            {"detail": exc.messages[0]},
            status=status.HTTP_429_TOO_MANY_REQUESTS,
            headers={"Retry-After": str(exc.wait)},
        )
    # DRF's own words quote the method and the media type sent.
    if isinstance(exc, MethodNotAllowed):
        exc = MethodNotAllowed("", detail=METHOD_NOT_ALLOWED)
    elif isinstance(exc, UnsupportedMediaType):
        exc = UnsupportedMediaType("", detail=UNSUPPORTED_MEDIA_TYPE)
    if isinstance(exc, PersonalInformationError):
        # The field, the kind and where (never the value), for a client to mark the span.
        found = [
            {"field": field, "kind": finding.code, "start": finding.start, "end": finding.end}
            for field, findings in exc.findings.items()
            for finding in findings
        ]
        return Response(
            {**_field_messages(exc), PERSONAL_INFORMATION: found},
            status=status.HTTP_400_BAD_REQUEST,
        )
    if isinstance(exc, DjangoValidationError):
        exc = ValidationError(_field_messages(exc))
    elif isinstance(exc, Conflict):
        return Response({"detail": exc.detail, **exc.extra}, status=status.HTTP_409_CONFLICT)
    elif isinstance(exc, TransitionNotAllowed):
        return Response({"detail": str(exc)}, status=status.HTTP_409_CONFLICT)
    elif isinstance(exc, (ProtectedError, RestrictedError)):
        rows = exc.protected_objects if isinstance(exc, ProtectedError) else exc.restricted_objects
        blocking = sorted({str(row._meta.verbose_name_plural) for row in rows})
        return Response(
            {"detail": f"Still in use by {', '.join(blocking)}; remove those first."},
            status=status.HTTP_409_CONFLICT,
        )
    return drf_exception_handler(exc, context)
