"""Issue 18, on-call schedules: rotations with daily or weekly hand-offs, layers (nights and
weekends over weekdays), "take over now" on top, all in America/Chicago across the
daylight-saving changes; the hours nobody covers; a recorded shift swap; and alerts going
to whoever the schedule has on call at the alert's clock time."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from coordination.models import Role
from notifications import selectors, services
from notifications.schedules import oncall
from notifications.schedules import services as schedules
from notifications.schedules.models import ShiftSwap
from tests.coordination.factories import RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db
CHICAGO = ZoneInfo("America/Chicago")
UTC = datetime.UTC


def _monday_ahead() -> datetime.date:
    """A Monday one to two weeks ahead: swaps lie in the future, within the horizon."""
    today = datetime.date.today()
    return today + datetime.timedelta(days=(7 - today.weekday()) % 7 + 7)


MONDAY = _monday_ahead()


def local(*parts) -> datetime.datetime:
    return datetime.datetime(*parts, tzinfo=CHICAGO)


def at_monday(hour: int) -> datetime.datetime:
    return local(MONDAY.year, MONDAY.month, MONDAY.day, hour, 0)


def utc(*parts) -> datetime.datetime:
    return datetime.datetime(*parts, tzinfo=UTC)


@pytest.fixture
def contacts(world):
    """Four contacts of the home region who take turns on its schedule."""
    people = {}
    for name in ("avery", "blake", "casey", "devon"):
        people[name] = UserFactory(username=name)
        RoleAssignmentFactory(
            user=people[name], role=Role.RESPONDER, region=world.home, duty="rotation"
        )
    return people


def rotation(world, members, **fields):
    defaults = {
        "name": "Weekdays",
        "handoff": "weekly",
        "handoff_time": datetime.time(8, 0),
        "handoff_weekday": 0,
        "starts_on": datetime.date(2026, 3, 2),  # a Monday, the week before DST begins
    }
    return schedules.rotation_create(
        actor=world.users["coordinator"],
        region=world.home,
        members=members,
        **{**defaults, **fields},
    )


def on_call(world, at):
    return oncall.on_call(oncall.plans_for([world.home.pk]).get(world.home.pk, []), at)


def test_a_weekly_hand_off_stays_at_8_am_local_across_the_spring_change(world, contacts):
    rotation(world, [contacts["avery"], contacts["blake"]])
    # Before the change, 08:00 CST is 14:00 UTC; after it (8 March 2026), 08:00 CDT is 13:00.
    assert on_call(world, utc(2026, 3, 2, 13, 59)) is None  # before the first shift
    assert on_call(world, utc(2026, 3, 2, 14, 0)) == contacts["avery"]
    assert on_call(world, utc(2026, 3, 9, 12, 59)) == contacts["avery"]
    assert on_call(world, utc(2026, 3, 9, 13, 0)) == contacts["blake"]
    assert on_call(world, local(2026, 3, 16, 7, 59)) == contacts["blake"]
    assert on_call(world, local(2026, 3, 16, 8, 0)) == contacts["avery"]
    plan = oncall.plans_for([world.home.pk])[world.home.pk][0]
    first = oncall.shift_at(plan, utc(2026, 3, 5, 12, 0))
    assert first.ends_at - first.starts_at == datetime.timedelta(hours=167)  # an hour short


def test_a_daily_hand_off_stays_at_8_am_local_across_the_autumn_change(world, contacts):
    rotation(
        world,
        [contacts["avery"], contacts["blake"], contacts["casey"]],
        handoff="daily",
        starts_on=datetime.date(2026, 10, 30),
    )
    # 1 November 2026: the clocks go back. 08:00 CDT is 13:00 UTC, 08:00 CST 14:00 UTC.
    assert on_call(world, utc(2026, 10, 31, 13, 0)) == contacts["blake"]
    assert on_call(world, utc(2026, 11, 1, 13, 30)) == contacts["blake"]  # 07:30 CST
    assert on_call(world, utc(2026, 11, 1, 14, 0)) == contacts["casey"]  # 08:00 CST
    assert on_call(world, local(2026, 11, 2, 8, 0)) == contacts["avery"]
    plan = oncall.plans_for([world.home.pk])[world.home.pk][0]
    shift = oncall.shift_at(plan, utc(2026, 11, 1, 10, 0))
    assert shift.ends_at - shift.starts_at == datetime.timedelta(hours=25)  # an hour long


def test_nights_and_weekends_layers_take_precedence_over_weekdays(world, contacts):
    rotation(world, [contacts["avery"], contacts["blake"]])
    rotation(
        world,
        [contacts["casey"]],
        name="Nights",
        layer=1,
        handoff="daily",
        handoff_time=datetime.time(18, 0),
        active_from=datetime.time(18, 0),
        active_until=datetime.time(8, 0),
    )
    rotation(world, [contacts["devon"]], name="Weekends", layer=2, active_days="5,6")
    assert on_call(world, local(2026, 3, 10, 10, 0)) == contacts["blake"]  # Tuesday day
    assert on_call(world, local(2026, 3, 10, 20, 0)) == contacts["casey"]  # Tuesday night
    assert on_call(world, local(2026, 3, 11, 7, 59)) == contacts["casey"]  # before 08:00
    assert on_call(world, local(2026, 3, 13, 23, 0)) == contacts["casey"]  # Friday night
    assert on_call(world, local(2026, 3, 14, 10, 0)) == contacts["devon"]  # Saturday
    assert on_call(world, local(2026, 3, 15, 22, 0)) == contacts["devon"]  # Sunday night
    # Sunday's night window runs past midnight into Monday; weekends (Sat, Sun) end at it.
    assert on_call(world, local(2026, 3, 16, 2, 0)) == contacts["casey"]


def test_take_over_now_sits_on_top_of_the_schedule(world, contacts):
    rotation(world, [contacts["avery"], contacts["blake"]])
    now = datetime.datetime.now(UTC)
    scheduled = on_call(world, now)
    assert selectors.on_duty(world.home, now).contact == scheduled
    taker = contacts["devon"] if scheduled != contacts["devon"] else contacts["casey"]
    services.duty_take_over(actor=taker, region=world.home)
    duty = selectors.on_duty(world.home)
    assert duty.contact == taker
    assert duty.chain[1] == scheduled  # the relieved contact stands behind the taker


def test_an_alert_goes_to_whoever_the_schedule_has_on_call(world, contacts):
    rotation(world, [contacts["avery"], contacts["blake"]], handoff="daily")
    now = datetime.datetime.now(UTC)
    alert = services.alert_raise(
        actor=world.users["coordinator"],
        region=world.home,
        severity="urgent",
        summary="Youth at a motel",
    )
    assert alert.assigned_to == on_call(world, now)
    assert alert.assigned_to in (contacts["avery"], contacts["blake"])


def test_the_hours_nobody_covers_are_found_to_the_minute(world, contacts):
    rotation(
        world,
        [contacts["avery"]],
        handoff="daily",
        active_days="0,1,2,3,4",
        active_from=datetime.time(8, 0),
        active_until=datetime.time(18, 0),
    )
    plans = oncall.plans_for([world.home.pk])[world.home.pk]
    found = oncall.gaps(plans, local(2026, 3, 9, 9, 0), days=7)  # from a Monday morning
    assert found[0] == (local(2026, 3, 9, 18, 0), local(2026, 3, 10, 8, 0))
    # Friday 18:00 to Monday 08:00, across no change: one span.
    assert (local(2026, 3, 13, 18, 0), local(2026, 3, 16, 8, 0)) in found
    covered = sum((end - start for start, end in found), datetime.timedelta())
    assert covered == datetime.timedelta(hours=7 * 24 - 5 * 10)


def test_a_contact_swaps_a_shift_and_the_swap_is_recorded(world, contacts):
    rotation(world, [contacts["avery"], contacts["blake"]], starts_on=MONDAY)
    avery_week = at_monday(8)
    swap = schedules.shift_swap(
        actor=contacts["avery"],
        rotation=world.home.rotations.get(),
        starts_at=avery_week,
        ends_at=avery_week + datetime.timedelta(days=2),
        covered_by=contacts["casey"],
    )
    assert (swap.recorded_by, swap.contact, swap.covered_by) == (
        contacts["avery"],
        contacts["avery"],
        contacts["casey"],
    )
    assert on_call(world, avery_week + datetime.timedelta(hours=1)) == contacts["casey"]
    assert on_call(world, avery_week + datetime.timedelta(days=3)) == contacts["avery"]


def test_a_swap_is_refused_for_someone_elses_shift_or_an_ineligible_cover(world, contacts):
    rotation(world, [contacts["avery"], contacts["blake"]], starts_on=MONDAY)
    week = at_monday(8)
    the_rotation = world.home.rotations.get()
    with pytest.raises(ValidationError):  # it is Avery's shift, not Blake's
        schedules.shift_swap(
            actor=contacts["blake"],
            rotation=the_rotation,
            starts_at=week,
            ends_at=week + datetime.timedelta(days=1),
            covered_by=contacts["casey"],
        )
    with pytest.raises(PermissionDenied):
        schedules.shift_swap(
            actor=contacts["blake"],
            contact=contacts["avery"],
            rotation=the_rotation,
            starts_at=week,
            ends_at=week + datetime.timedelta(days=1),
            covered_by=contacts["casey"],
        )
    with pytest.raises(ValidationError):  # the reporter holds no duty role in the region
        schedules.shift_swap(
            actor=contacts["avery"],
            rotation=the_rotation,
            starts_at=week,
            ends_at=week + datetime.timedelta(days=1),
            covered_by=world.users["reporter"],
        )
    with pytest.raises(ValidationError):  # longer than two weeks
        schedules.shift_swap(
            actor=contacts["avery"],
            rotation=the_rotation,
            starts_at=week,
            ends_at=week + datetime.timedelta(days=15),
            covered_by=contacts["casey"],
        )


def test_a_rotation_holds_a_bounded_number_of_swaps_to_come(world, contacts):
    rotation(world, [contacts["avery"], contacts["blake"]], starts_on=MONDAY)
    the_rotation, week = world.home.rotations.get(), at_monday(8)
    ShiftSwap.objects.bulk_create(
        ShiftSwap(
            rotation=the_rotation,
            contact=contacts["avery"],
            covered_by=contacts["casey"],
            starts_at=week + datetime.timedelta(minutes=n),
            ends_at=week + datetime.timedelta(minutes=n + 1),
            recorded_by=contacts["avery"],
        )
        for n in range(schedules.SWAPS_AHEAD_MAX)
    )
    with pytest.raises(ValidationError) as refused:
        schedules.shift_swap(
            actor=contacts["avery"],
            rotation=the_rotation,
            starts_at=week,
            ends_at=week + datetime.timedelta(days=1),
            covered_by=contacts["casey"],
        )
    assert "swaps to come" in " ".join(refused.value.messages)


def test_only_the_coordinator_or_a_state_admin_sets_the_schedule(world, contacts):
    for persona in ("responder", "coordinator_away", "mdt_member", "reporter"):
        with pytest.raises(PermissionDenied):
            schedules.rotation_create(
                actor=world.users[persona],
                region=world.home,
                members=[contacts["avery"]],
                name="Mine",
                handoff_time=datetime.time(8, 0),
                starts_on=datetime.date(2026, 3, 2),
            )
    with pytest.raises(ValidationError):  # someone with no duty role cannot be on call
        rotation(world, [world.users["reporter"]])


def test_a_contact_who_lost_their_role_leaves_gaps_not_a_page_to_them(world, contacts):
    rotation(world, [contacts["avery"], contacts["blake"]], handoff="daily")
    now = datetime.datetime.now(UTC)
    scheduled = on_call(world, now)
    scheduled.role_assignments.all().delete()
    assert on_call(world, now) is None
    assert selectors.on_duty(world.home, now).contact != scheduled


def test_a_gap_across_the_spring_change_is_an_hour_shorter_and_short_gaps_are_seen(world, contacts):
    rotation(
        world,
        [contacts["avery"]],
        handoff="daily",
        active_days="0,1,2,3,4",
        active_from=datetime.time(8, 0),
        active_until=datetime.time(18, 0),
    )
    rotation(
        world,
        [contacts["blake"]],
        name="Evenings",
        layer=1,
        handoff="daily",
        handoff_time=datetime.time(18, 20),
        active_from=datetime.time(18, 20),
        active_until=datetime.time(23, 0),
    )
    plans = oncall.plans_for([world.home.pk])[world.home.pk]
    found = oncall.gaps(plans, local(2026, 3, 2, 9, 0), days=7)
    assert found[0] == (local(2026, 3, 2, 18, 0), local(2026, 3, 2, 18, 20))  # 20 minutes
    weekend = (local(2026, 3, 7, 23, 0), local(2026, 3, 8, 18, 20))  # the clocks go forward
    assert weekend in found
    real = weekend[1].astimezone(UTC) - weekend[0].astimezone(UTC)
    assert real == datetime.timedelta(hours=18, minutes=20)  # 19 h 20 on the wall clock


# --- the pages -----------------------------------------------------------------------------------
def page(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def test_the_coordinator_adds_a_rotation_on_a_page_and_the_rota_shows_it(world, contacts):
    coordinator = page(world.users["coordinator"])
    form = coordinator.get(f"/rota/{world.home.pk}/rotations/new/")
    assert form.status_code == 200
    answer = coordinator.post(
        f"/rota/{world.home.pk}/rotations/new/",
        {
            "name": "Weekdays",
            "members": [contacts["avery"].pk, contacts["blake"].pk],
            "handoff": "daily",
            "handoff_time": "08:00",
            "handoff_weekday": "0",
            "starts_on": "2026-01-05",
            "layer": "0",
            "active_days": ["0", "1", "2", "3", "4"],
            "active_from": "08:00",
            "active_until": "18:00",
        },
    )
    assert answer.status_code == 302, answer.content.decode()[:2000]
    rotation = world.home.rotations.get()
    assert [m.user.username for m in rotation.members.all()] == ["avery", "blake"]
    assert rotation.active_days == "0,1,2,3,4"
    rota = coordinator.get("/rota/").content.decode()
    assert "On call by the schedule" in rota
    assert "Weekdays" in rota
    assert "Nobody covers:" in rota
    # Every page warns the coordinator of the hours nobody covers.
    dashboard = coordinator.get("/").content.decode()
    assert "on-call schedule leaves" in dashboard
    assert "hours of the next four weeks uncovered" in dashboard


def test_a_contact_swaps_a_shift_on_the_rota_page(world, contacts):
    rotation(world, [contacts["avery"], contacts["blake"]], starts_on=MONDAY)
    avery = page(contacts["avery"])
    assert "Swap a shift" in avery.get("/rota/").content.decode()
    prefix = f"swap-{world.home.pk}"
    answer = avery.post(
        f"/rota/{world.home.pk}/swap/",
        {
            f"{prefix}-rotation": world.home.rotations.get().pk,
            f"{prefix}-starts_at": f"{MONDAY}T09:00",
            f"{prefix}-ends_at": f"{MONDAY + datetime.timedelta(days=1)}T09:00",
            f"{prefix}-covered_by": contacts["casey"].pk,
        },
        follow=True,
    )
    assert "Recorded: casey covers your shift." in answer.content.decode()
    assert on_call(world, at_monday(12)) == contacts["casey"]
    refused = page(contacts["blake"]).post(
        f"/rota/{world.home.pk}/swap/",
        {
            f"{prefix}-rotation": world.home.rotations.get().pk,
            f"{prefix}-starts_at": f"{MONDAY}T09:00",
            f"{prefix}-ends_at": f"{MONDAY + datetime.timedelta(days=1)}T09:00",
            f"{prefix}-covered_by": contacts["devon"].pk,
        },
        follow=True,
    )
    assert "not a shift of theirs" in refused.content.decode()
