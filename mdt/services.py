"""Writes to MDTs. Meetings and referrals arrive with issue 4."""

from collections.abc import Iterable

from django.db import transaction

from coordination.models import Parish, Region
from coordination.services import model_create, model_update

from .models import MDT


@transaction.atomic
def mdt_create(*, name: str, region: Region, parishes: Iterable[Parish] = (), chair=None) -> MDT:
    return model_create(
        MDT, data={"name": name, "region": region, "parishes": list(parishes), "chair": chair}
    )


@transaction.atomic
def mdt_update(*, mdt: MDT, data) -> MDT:
    return model_update(instance=mdt, fields=("name", "region", "parishes", "chair"), data=data)
