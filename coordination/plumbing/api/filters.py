"""List filters that name an object offer only what the requesting user can see.

A filter's choices were every row of its model: `?region=<an id outside your scope>`
answered 200 (an empty list) where an id that names nothing answered 400, so the ids of
regions, MDTs, agencies or people one may not see could be confirmed by probing. Each
filter that names objects now takes its choices from a selector with the request's user
(django-filter's callable `queryset`), so both answer the same 400.

`scoped_filters = {"region": selectors.region_list}` names the selector of each such
filter; a filter that names objects without one is a configuration error, raised on the
first request, so a new filter cannot forget (the backend gives the same base to
filtersets built from `filterset_fields`).
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db.models import QuerySet
from django_filters import rest_framework as filters
from django_filters.fields import ModelMultipleChoiceField
from django_filters.filters import QuerySetRequestMixin

BIGINT = 2**63


def _for_request(selector: Callable[..., QuerySet]) -> Callable:
    def queryset(request) -> QuerySet:
        return selector(user=getattr(request, "user", None))

    return queryset


class ScopedFilterSet(filters.FilterSet):
    scoped_filters: dict[str, Callable[..., QuerySet]] = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, declared in self.filters.items():
            if not isinstance(declared, QuerySetRequestMixin):
                continue
            selector = self.scoped_filters.get(name)
            if selector is None:
                raise ImproperlyConfigured(
                    f"{type(self).__name__}.{name} names objects: give it a selector in "
                    "`scoped_filters`, so that it offers only what the user can see."
                )
            declared.queryset = _for_request(selector)


class FilterBackend(filters.DjangoFilterBackend):
    filterset_base = ScopedFilterSet


class IdsField(ModelMultipleChoiceField):
    """Ids as the database keeps them (64-bit): a larger number names nothing, and is
    refused like any unknown id instead of reaching the query (SQLite cannot even compare
    with it, and Django does not check the range of an `IN` list)."""

    def _check_values(self, value):
        for pk in value:
            digits = pk.lstrip("-") if isinstance(pk, str) else ""
            # Length first: Python will not even read a number of 5,000 digits (a 500).
            if digits.isdigit() and (len(digits) > 19 or abs(int(pk)) >= BIGINT):
                raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super()._check_values(value)


class IdsFilter(filters.ModelMultipleChoiceFilter):
    field_class = IdsField
