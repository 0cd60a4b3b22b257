import re

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.utils.urls import replace_query_param

from .. import keyset

BIGINT = 2**63
# What DRF's cursors are made of (base64; `b64decode` would skip anything else).
BASE64 = re.compile(r"[A-Za-z0-9+/]*={0,2}")


class PageNumberPagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 200


class CursorPagination(pagination.CursorPagination):
    """For long, growing lists (referrals, alerts): stable under inserts, flat cost per page.

    A cursor is the client's to send back, so it is checked like any input: one that this
    list could not have given out (not base64, a word or a 5,000-digit number where an id
    goes, a NUL) answers 400 `{"cursor": […]}` instead of reaching the query (a 500)."""

    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "-id"
    invalid_cursor_message = "Not a cursor this list gave out; start again from its first page."

    def paginate_queryset(self, queryset, request, view=None):
        self._model = queryset.model
        return super().paginate_queryset(queryset, request, view)

    def _refuse(self):
        return ValidationError({self.cursor_query_param: [self.invalid_cursor_message]})

    def decode_cursor(self, request):
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is not None and not BASE64.fullmatch(encoded):
            raise self._refuse()
        try:
            cursor = super().decode_cursor(request)
        except NotFound as error:
            raise self._refuse() from error
        if cursor is not None and cursor.position is not None:
            ordering = self.ordering if isinstance(self.ordering, str) else self.ordering[0]
            field = self._model._meta.get_field(ordering.lstrip("-"))
            try:
                value = field.to_python(cursor.position)
                field.get_prep_value(value)
            except (DjangoValidationError, TypeError, ValueError) as error:
                raise self._refuse() from error
            if isinstance(value, int) and not -BIGINT <= value < BIGINT:
                raise self._refuse()
        return cursor


class KeysetPagination(CursorPagination):
    """Cursor pages in any of a list's orders (`coordination.plumbing.keyset`): the view's
    `keyset(request)` names the order. Answers as CursorPagination does (`next`,
    `previous`, `results`), and a cursor it did not give out is the same 400."""

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.base_url = request.build_absolute_uri()
        self.page_size = self.get_page_size(request)
        cursor = request.query_params.get(self.cursor_query_param) or None
        try:
            self.page = keyset.page(queryset, view.keyset(request), cursor, self.page_size)
        except ValueError as error:
            raise self._refuse() from error
        return self.page.rows

    def _link(self, cursor):
        if cursor is None:
            return None
        return replace_query_param(self.base_url, self.cursor_query_param, cursor)

    def get_next_link(self):
        return self._link(self.page.next)

    def get_previous_link(self):
        return self._link(self.page.previous)
