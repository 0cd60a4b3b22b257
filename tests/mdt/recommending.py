"""Shared set-up of the recommendation, timeliness and case-finding tests: meetings of the
home MDT around today, a referral on the first one's agenda, and a frozen clock."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from coordination.models import Role
from mdt.meetings import services as meetings_services
from mdt.models import Meeting, Membership
from tests.coordination.factories import RoleAssignmentFactory, UserFactory
from tests.mdt.factories import MDTFactory, ReferralFactory

CHICAGO = ZoneInfo("America/Chicago")


def at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=CHICAGO)


@pytest.fixture
def freeze(monkeypatch):
    """`freeze(date)`: Lantern's clock (`timezone.now`, `timezone.localdate`) stands at
    noon that day in Louisiana."""
    original = timezone.localdate

    def stand_at(day: datetime.date):
        moment = at(day, 12)
        monkeypatch.setattr(timezone, "now", lambda: moment)
        monkeypatch.setattr(
            timezone,
            "localdate",
            lambda value=None, timezone=None: day if value is None else original(value, timezone),
        )

    return stand_at


@pytest.fixture
def mdt_world(world):
    """The home MDT with two members on it (with memberships), a member of another MDT,
    three meetings a fortnight apart (today's first), and a referral on the first's
    agenda."""
    member = world.users["mdt_member"]
    Membership.objects.create(
        mdt=world.mdt, user=member, agency=world.home_agency, discipline="advocacy"
    )
    colleague = UserFactory(username="colleague")
    RoleAssignmentFactory(user=colleague, role=Role.MDT_MEMBER, mdt=world.mdt)
    Membership.objects.create(
        mdt=world.mdt, user=colleague, agency=world.home_agency, discipline="law_enforcement"
    )
    away_mdt = MDTFactory(name="Away MDT", region=world.away)
    away_member = UserFactory(username="away_member")
    RoleAssignmentFactory(user=away_member, role=Role.MDT_MEMBER, mdt=away_mdt)
    world.users.update(colleague=colleague, away_member=away_member)
    today = timezone.localdate()
    meetings = []
    for weeks in (0, 2, 4):
        day = today + datetime.timedelta(weeks=weeks)
        [meeting] = meetings_services.meeting_schedule(
            actor=member, mdt=world.mdt, starts_at=at(day, 9), ends_at=at(day, 10)
        )
        meetings.append(meeting)
    referral = ReferralFactory(mdt=world.mdt, parish=world.home_parish, received_on=today)
    meetings_services.meeting_set_agenda(
        actor=member, meeting=meetings[0], case_codes=[referral.case_code]
    )
    world.meetings, world.referral, world.away_mdt = meetings, referral, away_mdt
    return world


def fresh(meeting: Meeting) -> Meeting:
    return Meeting.objects.get(pk=meeting.pk)
