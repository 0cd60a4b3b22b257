"""Role assignments hold exactly the scope their role needs, in the database too, and the
access policy reads them."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from coordination.models import Parish, Role, RoleAssignment
from coordination.people import services as people_services
from coordination.people.access import SYSTEM, access_for
from tests.coordination.factories import RegionFactory, UserFactory


def test_louisiana_ships_with_its_64_parishes(db):
    assert Parish.objects.filter(fips_code__startswith="22").count() == 64
    assert Parish.objects.get(fips_code="22071").name == "Orleans"
    assert Parish.objects.get(fips_code="22033").name == "East Baton Rouge"


@pytest.mark.parametrize(
    ("role", "scope"),
    [
        (Role.STATE_ADMIN, {"region": True}),
        (Role.COORDINATOR, {}),
        (Role.COORDINATOR, {"region": True, "duty": "primary"}),
        (Role.RESPONDER, {"region": True}),
        (Role.MDT_MEMBER, {"region": True}),
        (Role.PROVIDER_REPORTER, {"region": True}),
    ],
)
def test_the_database_refuses_a_scope_that_does_not_fit_the_role(world, role, scope):
    values = {"region": world.home} if scope.get("region") else {}
    if "duty" in scope:
        values["duty"] = scope["duty"]
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(user=world.users["no_role"], role=role, **values)


def test_one_primary_contact_per_region_even_past_the_service(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleAssignment.objects.create(
            user=UserFactory(), role=Role.RESPONDER, region=world.home, duty="primary"
        )


def test_the_service_names_the_missing_scope(world):
    with pytest.raises(ValidationError) as error:
        people_services.role_assignment_create(
            actor=SYSTEM, user=world.users["no_role"], role=Role.RESPONDER
        )
    assert set(error.value.message_dict) == {"region", "duty"}


def test_access_gathers_every_role_a_person_holds(world):
    person = world.users["coordinator"]
    other = RegionFactory()
    people_services.role_assignment_create(
        actor=SYSTEM, user=person, role=Role.RESPONDER, region=other, duty="backup"
    )
    people_services.mdt_access_grant(actor=SYSTEM, user=person, mdt=world.mdt)
    access = access_for(person)
    assert access.roles == {Role.COORDINATOR, Role.RESPONDER, Role.MDT_MEMBER}
    assert access.coordinator_region_ids == {world.home.pk}
    assert access.responds_in(other.pk) == "backup"
    assert access.region_ids == {world.home.pk, other.pk}
    assert access.coordinates(world.home.pk)
    assert not access.coordinates(other.pk)


def test_access_is_computed_once_per_request_user(world, django_assert_num_queries):
    person = world.users["coordinator"]
    with django_assert_num_queries(1):
        access_for(person)
        access_for(person)


def test_a_superuser_counts_as_a_state_admin_and_an_inactive_user_as_no_one(world):
    assert access_for(world.users["superuser"]).is_state_admin
    admin = world.users["state_admin"]
    admin.is_active = False
    assert not access_for(admin).is_state_admin
    assert access_for(None).roles == frozenset()


def test_withdrawing_a_role_takes_it_away(world):
    person = world.users["coordinator"]
    assert access_for(person).coordinator_region_ids
    people_services.role_assignment_delete(actor=SYSTEM, assignment=person.role_assignments.get())
    assert not access_for(person).coordinator_region_ids
