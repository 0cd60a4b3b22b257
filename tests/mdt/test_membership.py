"""A place on an MDT is recorded once: the membership. The `mdt_member` role that lets the
member in is written with it and only with it, so that no surface (page, API, admin) can
leave one without the other (issue 17)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from coordination.models import Role, RoleAssignment
from coordination.people import services as people_services
from coordination.people.access import access_for, forget_access
from mdt import services
from mdt.models import Membership
from tests.coordination.factories import UserFactory


def _agreed(user, mdt) -> tuple[bool, bool]:
    """(has the membership, has the role): the two must always be equal."""
    return (
        Membership.objects.filter(user=user, mdt=mdt).exists(),
        RoleAssignment.objects.filter(user=user, role=Role.MDT_MEMBER, mdt=mdt).exists(),
    )


def _add(world, user):
    return services.membership_add(
        actor=world.users["state_admin"],
        mdt=world.mdt,
        user=user,
        agency=world.home_agency,
        discipline="health_care",
    )


def test_adding_and_removing_a_member_writes_the_role_with_it(world):
    newcomer = UserFactory()
    membership = _add(world, newcomer)
    assert _agreed(newcomer, world.mdt) == (True, True)
    forget_access(newcomer)
    assert world.mdt.pk in access_for(newcomer).mdt_ids
    services.membership_remove(actor=world.users["state_admin"], membership=membership)
    assert _agreed(newcomer, world.mdt) == (False, False)


@pytest.mark.parametrize("persona", ["coordinator", "mdt_member", "responder", "no_role"])
def test_only_a_state_admin_changes_an_mdts_members(world, persona):
    newcomer = UserFactory()
    with pytest.raises(PermissionDenied):
        services.membership_add(
            actor=world.users[persona],
            mdt=world.mdt,
            user=newcomer,
            agency=world.home_agency,
            discipline="health_care",
        )
    with pytest.raises(PermissionDenied):
        people_services.mdt_access_grant(actor=world.users[persona], user=newcomer, mdt=world.mdt)
    assert _agreed(newcomer, world.mdt) == (False, False)


def test_the_role_service_refuses_the_mdt_member_role_both_ways(world):
    newcomer = UserFactory()
    admin = world.users["state_admin"]
    with pytest.raises(ValidationError) as refused:
        people_services.role_assignment_create(actor=admin, user=newcomer, role=Role.MDT_MEMBER)
    assert "role" in refused.value.message_dict
    _add(world, newcomer)
    role = RoleAssignment.objects.get(user=newcomer, role=Role.MDT_MEMBER)
    with pytest.raises(ValidationError):
        people_services.role_assignment_delete(actor=admin, assignment=role)
    assert _agreed(newcomer, world.mdt) == (True, True)


def test_the_roles_api_neither_grants_nor_withdraws_the_mdt_member_role(api, world):
    newcomer = UserFactory()
    granted = api("state_admin").post(
        "/api/v1/role-assignments/",
        {"user": newcomer.pk, "role": "mdt_member", "mdt": world.mdt.pk},
        format="json",
    )
    assert granted.status_code == 400
    assert "on the MDT's members" in granted.json()["role"][0]
    assert _agreed(newcomer, world.mdt) == (False, False)

    _add(world, newcomer)
    role = RoleAssignment.objects.get(user=newcomer, role=Role.MDT_MEMBER)
    withdrawn = api("state_admin").delete(f"/api/v1/role-assignments/{role.pk}/")
    assert withdrawn.status_code == 400
    assert _agreed(newcomer, world.mdt) == (True, True)


def test_the_admins_role_screens_leave_the_mdt_member_role_to_the_membership(client, world):
    newcomer = UserFactory()
    client.force_login(world.users["state_admin"])
    offered = client.get("/admin/coordination/roleassignment/add/").content.decode()
    assert 'value="mdt_member"' not in offered
    assert '<option value="" selected>Choose…</option>' in offered  # no role chosen for you
    refused = client.post(
        "/admin/coordination/roleassignment/add/",
        {"user": newcomer.pk, "role": "mdt_member", "mdt": world.mdt.pk, "duty": ""},
    )
    assert refused.status_code == 200  # the form answers with its error
    assert _agreed(newcomer, world.mdt) == (False, False)

    _add(world, newcomer)
    role = RoleAssignment.objects.get(user=newcomer, role=Role.MDT_MEMBER)
    url = f"/admin/coordination/roleassignment/{role.pk}/delete/"
    assert client.post(url, {"post": "yes"}).status_code == 403
    bulk = client.post(
        "/admin/coordination/roleassignment/",
        {"action": "delete_selected", "_selected_action": [role.pk], "post": "yes"},
    )
    assert bulk.status_code == 403  # the list's bulk delete asks the same question
    assert _agreed(newcomer, world.mdt) == (True, True)


def test_the_admins_membership_screens_keep_the_role_in_step(client, world):
    newcomer = UserFactory()
    client.force_login(world.users["state_admin"])
    added = client.post(
        "/admin/mdt/membership/add/",
        {
            "mdt": world.mdt.pk,
            "user": newcomer.pk,
            "agency": world.home_agency.pk,
            "discipline": "health_care",
        },
    )
    assert added.status_code == 302
    assert _agreed(newcomer, world.mdt) == (True, True)
    membership = Membership.objects.get(user=newcomer)
    deleted = client.post(f"/admin/mdt/membership/{membership.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 302
    assert _agreed(newcomer, world.mdt) == (False, False)
