"""How every service saves a row: validated first (`full_clean()`, step by step), then
only what changed. Services are keyword-only and run inside one transaction: a caller may
assume that on an exception nothing was stored."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models


def _loaded_relations(instance: models.Model) -> set[str]:
    """Foreign keys set to a row just read from the database (the service's caller found
    it in the user's scope): cleaning would only ask again whether it exists, one query
    each, and the database's own constraint checks that at commit."""
    loaded = set()
    for field in instance._meta.concrete_fields:
        if not field.many_to_one or field.remote_field.limit_choices_to:
            continue
        related = field.get_cached_value(instance, default=None)
        if related is not None and not related._state.adding:
            loaded.add(field.name)
    return loaded


def validate(instance: models.Model) -> None:
    """`full_clean()`, step by step: fields (but not protected django-fsm fields, which
    only transitions set and cleaning would assign, nor relations to rows already loaded),
    `clean()`, then uniqueness and constraints over every field but the protected ones."""
    protected = set(getattr(instance, "_get_protected_fsm_fields", lambda: set())())
    errors: dict = {}
    for step in (
        lambda: instance.clean_fields(exclude=protected | _loaded_relations(instance)),
        instance.clean,
    ):
        try:
            step()
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    failed = protected | {name for name in errors if name != NON_FIELD_ERRORS}
    for step in (instance.validate_unique, instance.validate_constraints):
        try:
            step(exclude=failed)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)


def model_update(*, instance: models.Model, fields: Iterable[str], data: Mapping[str, Any]):
    """Set the given `fields` present in `data`, validate, save only what changed.

    Many-to-many fields are set after the save. Returns the instance.
    """
    concrete, many = {}, {}
    for name in fields:
        if name not in data:
            continue
        field = instance._meta.get_field(name)
        (many if field.many_to_many else concrete)[name] = data[name]
    changed = [name for name, value in concrete.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, concrete[name])
    validate(instance)
    if changed:
        instance.save(update_fields=changed)
    for name, value in many.items():
        getattr(instance, name).set(value)
    return instance


def model_create(model: type[models.Model], *, data: Mapping[str, Any]):
    """Build, validate and save a new `model` row; many-to-many values are set after."""
    many = {k: v for k, v in data.items() if model._meta.get_field(k).many_to_many}
    instance = model(**{k: v for k, v in data.items() if k not in many})
    validate(instance)
    instance.save()
    for name, value in many.items():
        getattr(instance, name).set(value)
    return instance
