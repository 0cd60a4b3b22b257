import factory
from django.contrib.auth import get_user_model

from coordination.models import Agency, AgencyKind, Parish, Region, Role, RoleAssignment


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"person{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@agency.example")
    password = factory.django.Password("a-Long-test-passphrase")


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"Test Region {n}")
    slug = factory.Sequence(lambda n: f"test-region-{n}")


class ParishFactory(factory.django.DjangoModelFactory):
    """A made-up parish (the real 64 are loaded by migration)."""

    class Meta:
        model = Parish

    name = factory.Sequence(lambda n: f"Test Parish {n}")
    # Five characters, as in the database; 9xxxx is no real FIPS code (Louisiana is 22xxx).
    fips_code = factory.Sequence(lambda n: f"{90000 + n % 10000}")
    region = factory.SubFactory(RegionFactory)


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Test Agency {n}")
    kind = AgencyKind.ADVOCACY_CENTER

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if create and extracted:
            self.regions.set(extracted)


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    role = Role.STATE_ADMIN
