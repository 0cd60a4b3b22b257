"""Issue 20: state admins set up MDTs on pages and through the API — create, edit, name
a chair, add and remove members (the MDT member role kept with the membership whichever
surface is used), retire — and the MDT page marks the next meeting."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from coordination.people.access import access_for
from mdt import services
from mdt.meetings import services as meetings
from mdt.models import MDT, Meeting, Membership
from tests.coordination.factories import UserFactory
from tests.mdt.factories import ReferralFactory


def is_member(user, mdt_id: int) -> bool:
    """Read fresh: a user object keeps the access it was first asked for."""
    return access_for(type(user).objects.get(pk=user.pk)).member_of(mdt_id)


def page(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_api_sets_up_an_mdt_names_its_chair_and_keeps_roles_with_memberships(api, world):
    admin = api("state_admin")
    made = admin.post(
        "/api/v1/mdts/",
        {"name": "Baton Rouge MDT", "region": world.home.pk, "parishes": [world.home_parish.pk]},
        format="json",
    )
    assert made.status_code == 201, made.json()
    mdt_id = made.json()["id"]
    newcomer = UserFactory(username="newcomer")
    refused = admin.patch(f"/api/v1/mdts/{mdt_id}/", {"chair_id": newcomer.pk}, format="json")
    assert refused.status_code == 400  # not a member yet
    added = admin.post(
        f"/api/v1/mdts/{mdt_id}/members/",
        {"user": newcomer.pk, "agency": world.home_agency.pk, "discipline": "health_care"},
        format="json",
    )
    assert added.status_code == 201, added.json()
    assert is_member(newcomer, mdt_id)
    chaired = admin.patch(f"/api/v1/mdts/{mdt_id}/", {"chair_id": newcomer.pk}, format="json")
    assert (chaired.status_code, chaired.json()["chair"]) == (200, "newcomer")
    membership = Membership.objects.get(user=newcomer)
    # Removed on the page: the role goes with it, and so does the chair.
    page(world.users["state_admin"]).post(f"/mdts/{mdt_id}/members/{membership.pk}/remove/")
    assert not is_member(newcomer, mdt_id)
    assert MDT.objects.get(pk=mdt_id).chair is None
    for persona in ("coordinator", "mdt_member", "reporter"):
        assert api(persona).post("/api/v1/mdts/", {}, format="json").status_code == 403


def test_the_pages_set_up_an_mdt_and_add_a_member(world):
    admin = page(world.users["state_admin"])
    assert "Set up an MDT" in admin.get("/mdts/").content.decode()
    answer = admin.post(
        "/mdts/new/", {"name": "Lafayette MDT", "region": world.home.pk}, follow=True
    )
    mdt = MDT.objects.get(name="Lafayette MDT")
    assert "is set up" in answer.content.decode()
    person = UserFactory(username="nurse")
    admin.post(
        f"/mdts/{mdt.pk}/members/",
        {"user": person.pk, "agency": world.home_agency.pk, "discipline": "health_care"},
    )
    assert is_member(person, mdt.pk)
    admin.post(
        f"/mdts/{mdt.pk}/edit/",
        {"name": "Lafayette MDT", "region": world.home.pk, "chair": person.pk},
    )
    assert MDT.objects.get(pk=mdt.pk).chair == person
    # Removed through the API: the page's membership and role go together too.
    membership = Membership.objects.get(user=person)
    services.membership_remove(actor=world.users["state_admin"], membership=membership)
    assert not is_member(person, mdt.pk)
    assert page(world.users["coordinator"]).get("/mdts/new/").status_code == 403


def test_retiring_an_mdt_waits_for_its_open_referrals_then_ends_it(world, api):
    admin = world.users["state_admin"]
    member = world.users["mdt_member"]
    Membership.objects.create(
        mdt=world.mdt, user=member, agency=world.home_agency, discipline="child_welfare"
    )
    referral = ReferralFactory(mdt=world.mdt)
    start = timezone.now() + datetime.timedelta(days=3)
    meetings.meeting_schedule(
        actor=member, mdt=world.mdt, starts_at=start, ends_at=start + datetime.timedelta(hours=1)
    )
    refused = api("state_admin").post(f"/api/v1/mdts/{world.mdt.pk}/retire/")
    assert refused.status_code == 409
    assert "1 open referral" in str(refused.json())
    services.referral_transition(actor=member, referral=referral, transition="close")
    retired = api("state_admin").post(f"/api/v1/mdts/{world.mdt.pk}/retire/")
    assert retired.status_code == 200
    assert retired.json()["retired_at"] is not None
    assert not Membership.objects.filter(mdt=world.mdt).exists()
    assert not is_member(member, world.mdt.pk)
    assert set(Meeting.objects.filter(mdt=world.mdt).values_list("status", flat=True)) == {
        "cancelled"
    }
    from coordination.plumbing.errors import Conflict

    with pytest.raises(Conflict):
        services.membership_add(
            actor=admin, mdt=world.mdt, user=member, agency=world.home_agency, discipline="legal"
        )


def test_the_mdt_page_marks_the_next_meeting(world):
    member = world.users["mdt_member"]
    start = timezone.now() + datetime.timedelta(days=1)
    made = meetings.meeting_schedule(
        actor=member,
        mdt=world.mdt,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        rrule="FREQ=WEEKLY;COUNT=5",
    )
    made[0].cancel()
    made[0].save()
    shown = page(member).get(f"/mdts/{world.mdt.pk}/").content.decode()
    assert shown.count("<strong>Next:</strong>") == 1
    next_item = shown.split('class="next-meeting"')[1].split("</li>")[0]
    assert f"/meetings/{made[1].pk}/" in next_item


@pytest.mark.django_db
def test_the_regions_coordinators_see_mdt_setup_happen(api, world):
    admin = api("state_admin")
    made = admin.post(
        "/api/v1/mdts/", {"name": "Baton Rouge MDT", "region": world.home.pk}, format="json"
    ).json()
    newcomer = UserFactory(username="newcomer")
    admin.post(
        f"/api/v1/mdts/{made['id']}/members/",
        {"user": newcomer.pk, "agency": world.home_agency.pk, "discipline": "health_care"},
        format="json",
    )
    admin.patch(f"/api/v1/mdts/{made['id']}/", {"chair_id": newcomer.pk}, format="json")
    region_page = f"/regions/{world.home.pk}/"
    seen = page(world.users["coordinator"]).get(region_page).content.decode()
    assert "Changes to the region" in seen
    assert "state_admin set up" in seen
    assert "state_admin added newcomer to" in seen
    assert "state_admin edited (chair)" in seen
    # The region's other people see the region, not its setup history.
    assert (
        "Changes to the region"
        not in page(world.users["responder"]).get(region_page).content.decode()
    )
    assert page(world.users["coordinator_away"]).get(region_page).status_code == 404
