import datetime

import factory

from phases.models import ActionItem, DataRequest, Finding, Initiative, OutcomeMeasure
from tests.coordination.factories import AgencyFactory, RegionFactory


class InitiativeFactory(factory.django.DjangoModelFactory):
    """An initiative; `phase=` may place it anywhere (the field is only protected once set)."""

    class Meta:
        model = Initiative
        skip_postgeneration_save = True

    region = factory.SubFactory(RegionFactory)
    title = factory.Sequence(lambda n: f"Initiative {n}")


class DataRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DataRequest

    initiative = factory.SubFactory(InitiativeFactory)
    agency = factory.SubFactory(AgencyFactory)
    description = "Counts of confirmed and prospective victims served, by parish"
    requested_on = datetime.date(2018, 1, 15)


class FindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Finding

    initiative = factory.SubFactory(InitiativeFactory)
    statement = "Professionals across disciplines ask for basic training"
    recorded_on = datetime.date(2018, 6, 1)


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    initiative = factory.SubFactory(InitiativeFactory)
    description = "Train MDT members in the statewide screening tool"
    owner_agency = factory.SubFactory(AgencyFactory)
    due_on = datetime.date(2019, 3, 1)


class OutcomeMeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutcomeMeasure

    initiative = factory.SubFactory(InitiativeFactory)
    name = "Trafficking MDTs in the region"
    baseline = 2
    target = 5
