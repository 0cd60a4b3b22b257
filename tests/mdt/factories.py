import factory

from mdt.models import MDT
from tests.coordination.factories import RegionFactory


class MDTFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MDT

    name = factory.Sequence(lambda n: f"Test MDT {n}")
    region = factory.SubFactory(RegionFactory)
