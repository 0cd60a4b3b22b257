import datetime

import factory

from mdt.models import MDT, Referral
from tests.coordination.factories import RegionFactory, UserFactory


class MDTFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MDT

    name = factory.Sequence(lambda n: f"Test MDT {n}")
    region = factory.SubFactory(RegionFactory)


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral
        skip_postgeneration_save = True

    mdt = factory.SubFactory(MDTFactory)
    received_on = datetime.date(2026, 10, 1)
    age_band = "15-17"
    trafficking_type = "sex"
    victim_status = "prospective"
    referral_source = "education"
    parish = factory.LazyAttribute(lambda referral: referral.mdt.region.parishes.first())
    created_by = factory.SubFactory(UserFactory)
