"""What every serializer of Lantern's API does with its input."""

from rest_framework import serializers
from rest_framework.fields import empty
from rest_framework.settings import api_settings

# A list in a request (parishes, needs, practices…) holds at most this many items unless its
# field sets its own limit (an annual submission's case rows).
MAX_LIST_ITEMS = 500


class StrictInputMixin:
    """Reject unknown fields with a 400. A read-only field is named (the name is the
    server's own); an unknown one is counted, never named (its name is the client's, and
    could be anything: `Jane Doe` as a key), and the answer lists the fields accepted."""

    def to_internal_value(self, data):
        if hasattr(data, "keys"):
            writable = sorted(name for name, field in self.fields.items() if not field.read_only)
            sent = set(data.keys()) - set(writable)
            if sent:
                errors = {
                    name: ["Read-only: it is not written here."]
                    for name in sorted(sent & set(self.fields))
                }
                unknown = len(sent - set(self.fields))
                if unknown:
                    errors[api_settings.NON_FIELD_ERRORS_KEY] = [
                        f"{unknown} unknown field(s) refused; the fields accepted here are: "
                        f"{', '.join(writable) or 'none'}."
                    ]
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)

    def run_validation(self, data=empty):
        # Before any item is parsed (a related id costs a query each): no list is longer
        # than its field allows, MAX_LIST_ITEMS unless the field says otherwise.
        if hasattr(data, "keys"):
            errors = {}
            for name, field in self.fields.items():
                value = data.get(name) if name in data else None
                if not isinstance(value, list) or field.read_only:
                    continue
                limit = getattr(field, "max_length", None) or MAX_LIST_ITEMS
                if len(value) > limit:
                    errors[name] = [f"At most {limit:,} items."]
            if errors:
                raise serializers.ValidationError(errors)
        return super().run_validation(data)


class ScopedRelationsMixin:
    """Related-object fields offer only what the requesting user can see: an id outside
    their scope is "invalid", exactly like one that does not exist (no existence leak).

    `scoped_relations = {"field": selector}` where `selector(user=...)` is a queryset.
    """

    scoped_relations: dict = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        user = getattr(request, "user", None)
        for name, selector in self.scoped_relations.items():
            field = self.fields[name]
            target = getattr(field, "child_relation", field)
            target.queryset = selector(user=user)
