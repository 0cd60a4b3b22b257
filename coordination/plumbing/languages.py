"""The visitor's language, on the pages that speak more than English.

Staff pages are English (no LocaleMiddleware: English stays active). A view that the
public or frontline professionals use is wrapped in `speaks_visitors_language`: the
language is the one the visitor chose (`?lang=es`, then kept in a cookie for the visit),
else their browser's (`Accept-Language`), else English; the page renders in it, says so
in `<html lang>` and `Content-Language`, and shows the language switcher.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

LANGUAGE_PARAMETER = "lang"


def codes() -> list[str]:
    return [code for code, _ in settings.LANGUAGES]


def visitor_language(request) -> str:
    chosen = request.GET.get(LANGUAGE_PARAMETER, "")
    if chosen in codes():
        return chosen
    return translation.get_language_from_request(request)


def speaks_visitors_language(view):
    @functools.wraps(view)
    def in_their_language(request, *args, **kwargs):
        language = visitor_language(request)
        request.LANGUAGE_CODE = language
        request.visitor_languages = True  # base.html shows the switcher
        with translation.override(language):
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()  # a TemplateResponse renders here, in the language
        if request.GET.get(LANGUAGE_PARAMETER) == language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                secure=getattr(settings, "LANGUAGE_COOKIE_SECURE", False),
            )
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response

    return in_their_language


def switcher(request) -> list[dict]:
    """The switcher's links: each language, named in itself, to the same page."""
    if not getattr(request, "visitor_languages", False):
        return []
    query = request.GET.copy()
    current = translation.get_language()
    links = []
    for code, name in settings.LANGUAGES:
        query[LANGUAGE_PARAMETER] = code
        links.append(
            {
                "code": code,
                "name": name,
                "href": "?" + query.urlencode(),
                "current": code == current,
            }
        )
    return links
