"""Input refused before it can reach the database, whatever the endpoint or page.

- **NUL** (`\\u0000`): PostgreSQL cannot store it in text, and psycopg raises (a 500). It
  has no use in any of Lantern's fields, so it is refused where input enters: the API's
  parsers (every key and string of a body, at any depth) and, for query strings and
  page forms, `RefuseNulMiddleware`.
- **Nesting**: a body of 50,000 `[` exhausts Python's recursion while it is parsed (a
  500); no Lantern body nests deeper than 4 levels, so more than `MAX_DEPTH` is refused.
- **Parse errors** are worded without the client's charset, boundary or bytes.
"""

from __future__ import annotations

import codecs
from json import JSONDecodeError

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import HttpResponse, JsonResponse, QueryDict
from django.template.loader import render_to_string
from rest_framework import parsers
from rest_framework.exceptions import ParseError
from rest_framework.utils import json

NUL = "\x00"
MAX_DEPTH = 32
NUL_REFUSED = "Text may not contain the NUL character (\\u0000)."
TOO_DEEP = f"The body nests deeper than {MAX_DEPTH} levels."
NOT_JSON = "The body is not JSON in UTF-8 (NaN and Infinity are not JSON)."
BAD_CHARSET = "Unsupported charset in the Content-Type header; send UTF-8."
BAD_FORM = "The form body could not be read."
TOO_MUCH_FORM = "The form holds more fields or text than Lantern reads; send the file alone."


def problem_in(data) -> str | None:
    """Why `data` (parsed JSON, or a QueryDict) is refused: a NUL in a key or a string, or
    nesting deeper than MAX_DEPTH; None when it is fine. Walks without recursion."""
    if isinstance(data, QueryDict):
        data = dict(data.lists())
    stack = [(data, 0)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, str):
            if NUL in value:
                return NUL_REFUSED
        elif isinstance(value, dict | list):
            if depth >= MAX_DEPTH:
                return TOO_DEEP
            if isinstance(value, dict):
                if any(isinstance(key, str) and NUL in key for key in value):
                    return NUL_REFUSED
                value = value.values()
            stack.extend((item, depth + 1) for item in value)
    return None


def _refuse(data):
    problem = problem_in(data)
    if problem:
        raise ParseError(problem)
    return data


def _encoding(parser_context) -> str:
    try:
        return parsers.get_encoding(parser_context or {})
    except ParseError as error:  # DRF's message repeats the charset sent
        raise ParseError(BAD_CHARSET) from error


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        decoded = codecs.getreader(_encoding(parser_context))(stream)
        try:
            data = json.load(decoded, parse_constant=json.strict_constant if self.strict else None)
        except JSONDecodeError as error:
            raise ParseError(
                f"JSON parse error: {error.msg} (line {error.lineno}, column {error.colno})."
            ) from error
        except (ValueError, RecursionError) as error:
            raise ParseError(TOO_DEEP if isinstance(error, RecursionError) else NOT_JSON) from error
        return _refuse(data)


class FormParser(parsers.FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = QueryDict(stream.read(), encoding=_encoding(parser_context))
        except (RequestDataTooBig, TooManyFieldsSent) as error:
            raise ParseError(TOO_MUCH_FORM) from error
        return _refuse(data)


class MultiPartParser(parsers.MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        _encoding(parser_context)
        try:
            parsed = super().parse(stream, media_type, parser_context)
        except ParseError as error:  # Django's message repeats the boundary sent
            raise ParseError(BAD_FORM) from error
        except (RequestDataTooBig, TooManyFieldsSent) as error:
            # Django's own answer to these is an HTML page, on the API too.
            raise ParseError(TOO_MUCH_FORM) from error
        _refuse(parsed.data)
        return parsed


NUL_PAGE = (
    "The address or the form held a character Lantern does not accept (NUL). Go back, "
    "retype what you entered, and send it again."
)


class RefuseNulMiddleware:
    """A NUL in a query string (API and pages) or in a page's form answers 400 before any
    view runs. API bodies are the parsers' (above)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        api = request.path.startswith("/api/")
        if problem_in(request.GET) or (
            not api and request.method == "POST" and problem_in(request.POST)
        ):
            if api:
                return JsonResponse({"detail": NUL_REFUSED}, status=400)
            # In the site's layout, rendered with no request (this runs before sign-in).
            return HttpResponse(render_to_string("400.html", {"reason": NUL_PAGE}), status=400)
        return self.get_response(request)
