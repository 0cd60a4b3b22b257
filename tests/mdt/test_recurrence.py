"""Recurrence rules of meeting series (issue 15, finding 1): a rule dateutil would walk to
the year 9999 (no occurrence, or a sparse one) used to hold a worker for 20 s of CPU. Only
an allow-list of RRULE parts suited to MDT meetings is taken, refused with a 400 that
names the part and never repeats the rule, and the expansion is capped."""

import json
import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mdt.forms import MeetingForm
from mdt.models import Meeting, MeetingSeries
from tests.mdt.test_meetings import schedule

CHICAGO = ZoneInfo("America/Chicago")
ROOT = Path(__file__).resolve().parents[2]

# Rules an attacker would try: no occurrence ever, sparse ones (the 30th of February, a
# fifth Monday once a year), huge COUNT and INTERVAL, every frequency dateutil knows.
ADVERSARIAL_RULES = [
    "FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30",  # the probe's rule: 20 s of CPU
    "FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=31",
    "FREQ=HOURLY;BYMONTH=2;BYMONTHDAY=30",
    "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
    "FREQ=WEEKLY;BYMONTH=2;BYMONTHDAY=30",
    "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30",
    "FREQ=MONTHLY;BYMONTHDAY=30;BYMONTH=2",
    "FREQ=MONTHLY;BYMONTHDAY=31;INTERVAL=12",
    "FREQ=MONTHLY;BYMONTHDAY=30,31;INTERVAL=12",
    "FREQ=MONTHLY;BYDAY=5MO;INTERVAL=12",
    "FREQ=MONTHLY;BYDAY=5SU",
    "FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=13;BYDAY=FR",
    "FREQ=MONTHLY;BYMONTHDAY=1,15;BYSETPOS=3",
    "FREQ=MONTHLY;BYDAY=MO;BYSETPOS=5;INTERVAL=12",
    "FREQ=DAILY;INTERVAL=7;BYDAY=TU",
    "FREQ=DAILY;INTERVAL=14;BYDAY=SA,SU",
    "FREQ=WEEKLY;BYDAY=TU;BYSETPOS=2",
    "FREQ=WEEKLY;COUNT=999999999",
    "FREQ=DAILY;COUNT=" + "9" * 5000,
    "FREQ=DAILY;COUNT=" + "9" * 250,
    "FREQ=DAILY;INTERVAL=99999999",
    "FREQ=WEEKLY;INTERVAL=" + "9" * 5000,
    "FREQ=WEEKLY;INTERVAL=" + "9" * 250,
    "FREQ=MONTHLY;INTERVAL=12;COUNT=60",
    "FREQ=DAILY;UNTIL=99991231T235959Z",
    "FREQ=WEEKLY;UNTIL=20000101",
    "FREQ=MONTHLY;BYDAY=1MO,2MO,3MO,4MO,-1MO,-2MO,-3MO,-4MO;BYSETPOS=4",
    "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;BYSETPOS=-4,-3,-2,-1,1,2,3,4;COUNT=60",
    "FREQ=DAILY;" + ";".join(["INTERVAL=1"] * 60),
    "FREQ=DAILY;" + ";".join(["INTERVAL=1"] * 20),
    # The sparsest shapes the allow-list takes, from awkward first days (below).
    "FREQ=MONTHLY;INTERVAL=12",
    "FREQ=MONTHLY;INTERVAL=11",
    "FREQ=MONTHLY;INTERVAL=7;BYDAY=-4SU,4SA",
    "FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=-28,28",
    "FREQ=MONTHLY;INTERVAL=12;BYDAY=SU;BYSETPOS=-4,4",
    "FREQ=WEEKLY;INTERVAL=52;BYDAY=SU;WKST=MO",
    "FREQ=DAILY;INTERVAL=366;UNTIL=21001231T235959Z",
]

CHILD = """
import json, sys, datetime, time
import django
django.setup()
from django.core.exceptions import ValidationError
from zoneinfo import ZoneInfo
from mdt.meetings import services
zone = ZoneInfo("America/Chicago")
# A Monday, the 31st, a leap day, a 30-day month's end.
starts = [(2026, 4, 6), (2026, 1, 31), (2028, 2, 29), (2026, 4, 30)]
results = []
for rule in json.loads(sys.stdin.read()):
    for year, month, day in starts:
        start = datetime.datetime(year, month, day, 9, 0, tzinfo=zone)
        began = time.process_time()
        try:
            outcome = len(services._local_occurrences(rule, start))
        except ValidationError as error:
            outcome = error.message_dict["rrule"]
        results.append([rule, outcome, round(time.process_time() - began, 3)])
print(json.dumps(results))
"""


def test_every_adversarial_rule_is_answered_within_seconds():
    """In a child process with a time limit, so that a rule dateutil walks to 9999 fails
    the test instead of stalling the suite. No timing is asserted beyond the limit."""
    environment = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test"}
    try:
        child = subprocess.run(
            [sys.executable, "-c", CHILD],
            input=json.dumps(ADVERSARIAL_RULES),
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=environment,
            timeout=15,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("Expanding the adversarial rules took longer than 15 s.")
    assert child.returncode == 0, child.stderr
    results = json.loads(child.stdout)
    assert len(results) == 4 * len(ADVERSARIAL_RULES)
    for rule, outcome, _ in results:
        if isinstance(outcome, int):  # accepted: a bounded series (0: none in a year)
            assert 0 <= outcome <= 60, rule
        else:  # refused, naming what is not allowed and never repeating the rule
            assert outcome, rule
            assert all(rule not in message for message in outcome), rule


@pytest.mark.parametrize(
    ("rule", "named"),
    [
        ("FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30", "FREQ"),
        ("FREQ=YEARLY;BYMONTH=2", "FREQ"),
        ("FREQ=MONTHLY;BYMONTH=2", "BYMONTH"),
        ("FREQ=WEEKLY;BYHOUR=9", "BYHOUR"),
        ("FREQ=MONTHLY;BYMONTHDAY=30", "BYMONTHDAY"),
        ("FREQ=MONTHLY;BYMONTHDAY=13;BYDAY=FR", "BYMONTHDAY"),
        ("FREQ=MONTHLY;BYDAY=5MO", "BYDAY"),
        ("FREQ=WEEKLY;BYDAY=2TU", "BYDAY"),
        ("FREQ=DAILY;INTERVAL=7;BYDAY=TU", "BYDAY"),
        ("FREQ=WEEKLY;BYDAY=TU;BYSETPOS=2", "BYSETPOS"),
        ("FREQ=MONTHLY;BYMONTHDAY=1,15;BYSETPOS=3", "BYSETPOS"),
        ("FREQ=WEEKLY;COUNT=999999999", "COUNT"),
        ("FREQ=DAILY;INTERVAL=99999999", "INTERVAL"),
        ("FREQ=WEEKLY;COUNT=4;UNTIL=20261231", "UNTIL"),
        ("FREQ=WEEKLY;COUNT=4;COUNT=5", "COUNT"),
    ],
)
def test_a_rule_outside_the_allow_list_is_400_naming_the_part(api, world, rule, named):
    response = schedule(api("mdt_member"), world.mdt, rrule=rule)
    assert response.status_code == 400
    messages = response.json()["rrule"]
    assert any(named in message for message in messages), messages
    assert all(rule not in message for message in messages)
    assert not Meeting.objects.exists()
    assert not MeetingSeries.objects.exists()


@pytest.mark.parametrize(
    "rule",
    ["FREQ=WEEKLY;X-NAME=JANEDOE5045550142", "FREQ=WEEKLY;JaneDoe=1", "FREQ=WEEKLY;COUNT=JANEDOE"],
)
def test_the_refusal_never_repeats_what_was_sent(api, world, rule):
    response = schedule(api("mdt_member"), world.mdt, rrule=rule)
    assert response.status_code == 400
    text = json.dumps(response.json()).upper()
    assert "JANEDOE" not in text
    assert "5045550142" not in text
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    ("rule", "local_starts"),
    [
        # 2nd Tuesday of the month, from Tuesday October 27, 2026
        ("FREQ=MONTHLY;BYDAY=2TU;COUNT=3", [(11, 10), (12, 8), (1, 12)]),
        ("FREQ=MONTHLY;BYDAY=-1FR;COUNT=2", [(10, 30), (11, 27)]),
        ("FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3", [(10, 31), (11, 30), (12, 31)]),
        ("FREQ=MONTHLY;BYMONTHDAY=1,15;COUNT=3", [(11, 1), (11, 15), (12, 1)]),
        ("FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=2", [(10, 30), (11, 30)]),
        ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;WKST=SU;UNTIL=20261106", [(10, 27), (10, 29)]),
        ("rrule:freq=daily;count=2", [(10, 27), (10, 28)]),
        ("FREQ=DAILY;UNTIL=20261029T150000Z", [(10, 27), (10, 28), (10, 29)]),
    ],
)
def test_the_allowed_parts_make_the_series_mdts_use(api, world, rule, local_starts):
    response = schedule(api("mdt_member"), world.mdt, rrule=rule)
    assert response.status_code == 201, response.json()
    meetings = Meeting.objects.filter(series=response.json()["series"]).order_by("starts_at")
    local = [m.starts_at.astimezone(CHICAGO) for m in meetings]
    assert [(t.month, t.day) for t in local] == local_starts
    assert {t.hour for t in local} == {9}


def test_a_rule_without_an_end_is_cut_at_60_meetings_a_year_ahead(api, world):
    response = schedule(api("mdt_member"), world.mdt, rrule="FREQ=DAILY")
    assert response.status_code == 201
    assert Meeting.objects.count() == 60
    weekly = schedule(api("mdt_member"), world.mdt, rrule="FREQ=WEEKLY;BYDAY=TU")
    assert Meeting.objects.filter(series=weekly.json()["series"]).count() == 53


@pytest.mark.parametrize(
    "choice", [value for value, _ in MeetingForm.base_fields["repeat"].choices]
)
def test_every_choice_of_the_page_form_is_allowed(api, world, choice):
    response = schedule(api("mdt_member"), world.mdt, rrule=choice)
    assert response.status_code == 201, response.json()
