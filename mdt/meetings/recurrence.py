"""Recurrence rules of meeting series: the RFC 5545 RRULE parts an MDT's meetings need,
and nothing else.

Why an allow-list: dateutil expands a rule period by period (a second, a day, a month)
and, while a period holds no occurrence, walks on to the year 9999 — UNTIL, COUNT and
`between()` do not stop it, since they are checked against occurrences only. A rule such
as FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30 held a worker for 20 s of CPU before failing.
Every rule this module accepts has an occurrence in every period it names (each week has
each weekday; each month has days 1–28, four of each weekday, at least four days in any
BYDAY set), or, with no BY part, one within twelve periods (a series started on the 31st
returns to a 31-day month), so expanding a year ahead walks at most a few hundred
periods. The series is then cut at `limit` meetings and `horizon` ahead.

Allowed (docs: README, "Meeting series"):
- FREQ: DAILY, WEEKLY or MONTHLY (required);
- INTERVAL: 1–366 days, 1–52 weeks, 1–12 months;
- COUNT (1–60) or UNTIL (a date, or a local or UTC time, 2000–2100), not both;
- BYDAY: weekly and monthly rules; weekdays, each once; in a monthly rule a weekday may
  carry an ordinal 1 to 4 or -1 to -4 (2TU: the second Tuesday; -1FR: the last Friday);
- BYMONTHDAY: monthly rules, without BYDAY; 1 to 28 or -1 to -28 (-1: the last day);
- BYSETPOS: monthly rules with BYDAY weekdays (no ordinals); 1 to 4 or -1 to -4
  (BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1: the last weekday of the month);
- WKST: a weekday.
A refusal names the part and what it takes; it never repeats what was sent.
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass

import re2
from dateutil import rrule as dateutil_rrule
from django.core.exceptions import ValidationError

MAX_LENGTH = 300
MAX_COUNT = 60
UNTIL_YEARS = range(2000, 2101)
MAX_INTERVAL = {"DAILY": 366, "WEEKLY": 52, "MONTHLY": 12}
FREQUENCIES = {
    "DAILY": dateutil_rrule.DAILY,
    "WEEKLY": dateutil_rrule.WEEKLY,
    "MONTHLY": dateutil_rrule.MONTHLY,
}
WEEKDAYS = {
    "MO": dateutil_rrule.MO,
    "TU": dateutil_rrule.TU,
    "WE": dateutil_rrule.WE,
    "TH": dateutil_rrule.TH,
    "FR": dateutil_rrule.FR,
    "SA": dateutil_rrule.SA,
    "SU": dateutil_rrule.SU,
}
ALLOWED_PARTS = ("FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "BYMONTHDAY", "BYSETPOS", "WKST")
# RFC 5545's other parts: named in a refusal (they are ours, not the sender's words).
OTHER_RFC_PARTS = ("BYSECOND", "BYMINUTE", "BYHOUR", "BYYEARDAY", "BYWEEKNO", "BYMONTH")

SUMMARY = (
    "A meeting series takes FREQ (DAILY, WEEKLY or MONTHLY), INTERVAL, COUNT (up to "
    f"{MAX_COUNT}) or UNTIL, BYDAY, WKST, and in a monthly rule BYMONTHDAY (1 to 28, or -1 "
    "for the last day) or BYSETPOS (1 to 4 or -1 to -4, with BYDAY weekdays)."
)

_NUMBER = re2.compile(r"[+-]?[0-9]{1,9}")
_BYDAY = re2.compile(r"(?P<ordinal>[+-]?[0-9]{1,2})?(?P<day>MO|TU|WE|TH|FR|SA|SU)")
_UNTIL = re2.compile(r"(?P<date>[0-9]{8})(?:T(?P<time>[0-9]{6})(?P<utc>Z?))?")


@dataclass(frozen=True)
class Recurrence:
    """A checked rule. `until` is naive (local wall-clock time) or aware (UTC)."""

    freq: str
    interval: int = 1
    count: int | None = None
    until: datetime.datetime | None = None
    byday: tuple[tuple[int | None, str], ...] = ()
    bymonthday: tuple[int, ...] = ()
    bysetpos: tuple[int, ...] = ()
    wkst: str | None = None

    def __str__(self) -> str:
        """The rule as stored: its parts in one order, in capitals."""
        parts = [f"FREQ={self.freq}"]
        if self.interval != 1:
            parts.append(f"INTERVAL={self.interval}")
        if self.count is not None:
            parts.append(f"COUNT={self.count}")
        if self.until is not None:
            if self.until.tzinfo is not None:
                parts.append(f"UNTIL={self.until:%Y%m%dT%H%M%S}Z")
            else:
                parts.append(f"UNTIL={self.until:%Y%m%dT%H%M%S}")
        if self.byday:
            days = (f"{n}{day}" if n else day for n, day in self.byday)
            parts.append("BYDAY=" + ",".join(days))
        if self.bymonthday:
            parts.append("BYMONTHDAY=" + ",".join(map(str, self.bymonthday)))
        if self.bysetpos:
            parts.append("BYSETPOS=" + ",".join(map(str, self.bysetpos)))
        if self.wkst:
            parts.append(f"WKST={self.wkst}")
        return ";".join(parts)

    def occurrences(
        self,
        first_start: datetime.datetime,
        *,
        zone: datetime.tzinfo,
        horizon: datetime.timedelta,
        limit: int,
    ) -> list[datetime.datetime]:
        """The starts from `first_start` on, at most `limit` of them and `horizon` ahead,
        expanded in local wall-clock time (a 9:00 meeting stays at 9:00 across a
        daylight-saving change) and then given the zone."""
        local_first = first_start.astimezone(zone).replace(tzinfo=None)
        until = self.until
        if until is not None and until.tzinfo is not None:
            until = until.astimezone(zone).replace(tzinfo=None)
        rule = dateutil_rrule.rrule(
            FREQUENCIES[self.freq],
            dtstart=local_first,
            interval=self.interval,
            count=self.count,
            until=until,
            byweekday=[
                WEEKDAYS[day](ordinal) if ordinal else WEEKDAYS[day] for ordinal, day in self.byday
            ]
            or None,
            bymonthday=self.bymonthday or None,
            bysetpos=self.bysetpos or None,
            wkst=WEEKDAYS[self.wkst] if self.wkst else None,
        )
        last = local_first + horizon
        starts = itertools.takewhile(lambda start: start <= last, rule)
        return [start.replace(tzinfo=zone) for start in itertools.islice(starts, limit)]


def parse(text: str) -> Recurrence:
    """Check `text` against the allow-list; ValidationError({"rrule": [...]}) names every
    part that is not allowed, never the text sent."""
    rule = (text or "").strip().upper()
    if len(rule) > MAX_LENGTH:
        raise _refused([f"A rule has at most {MAX_LENGTH} characters."])
    parts, errors = _parts(rule.removeprefix("RRULE:"))
    freq = parts.get("FREQ")
    if freq not in FREQUENCIES:
        errors.append("FREQ is DAILY, WEEKLY or MONTHLY in a meeting series.")
    if errors:
        raise _refused(errors)
    repeats = _repeats(parts, freq, errors)
    days = _days(parts, freq, errors)
    wkst = parts.get("WKST")
    if wkst is not None and wkst not in WEEKDAYS:
        errors.append("WKST is a weekday: MO, TU, WE, TH, FR, SA or SU.")
    if errors:
        raise _refused(errors)
    return Recurrence(freq=freq, wkst=wkst, **repeats, **days)


def _parts(rule: str) -> tuple[dict[str, str], list[str]]:
    """The rule's PART=value pairs, and what is wrong with their names."""
    errors: list[str] = []
    parts: dict[str, str] = {}
    for segment in filter(None, rule.split(";")):
        name, equals, value = segment.partition("=")
        if not equals or not name or not value:
            raise _refused(
                [
                    "Write the rule as PART=value pairs joined by semicolons, as "
                    "FREQ=WEEKLY;BYDAY=TU."
                ]
            )
        if name not in ALLOWED_PARTS:
            if name in OTHER_RFC_PARTS:
                errors.append(f"{name} is not allowed in a meeting series.")
            else:
                errors.append("The rule names a part that is not an RRULE part.")
            continue
        if name in parts:
            errors.append(f"{name} is given twice.")
            continue
        parts[name] = value
    return parts, errors


def _repeats(parts: dict[str, str], freq: str, errors: list[str]) -> dict:
    """How often and how long: INTERVAL, COUNT, UNTIL."""
    period = {"DAILY": "daily", "WEEKLY": "weekly", "MONTHLY": "monthly"}[freq]
    interval = 1
    if "INTERVAL" in parts:
        interval = _whole(parts["INTERVAL"])
        if interval is None or not 1 <= interval <= MAX_INTERVAL[freq]:
            errors.append(f"INTERVAL is 1 to {MAX_INTERVAL[freq]} in a {period} rule.")
            interval = 1
    count = None
    if "COUNT" in parts:
        count = _whole(parts["COUNT"])
        if count is None or not 1 <= count <= MAX_COUNT:
            errors.append(
                f"COUNT is 1 to {MAX_COUNT}: a series holds at most {MAX_COUNT} meetings."
            )
            count = None
    until = None
    if "UNTIL" in parts:
        if "COUNT" in parts:
            errors.append("Give COUNT or UNTIL, not both.")
        else:
            until = _until(parts["UNTIL"])
            if until is None:
                errors.append(
                    "UNTIL is a date (YYYYMMDD) or a time (YYYYMMDDTHHMMSS, with Z for UTC) "
                    f"between {UNTIL_YEARS[0]} and {UNTIL_YEARS[-1]}."
                )
    return {"interval": interval, "count": count, "until": until}


def _days(parts: dict[str, str], freq: str, errors: list[str]) -> dict:
    """Which days: BYDAY, BYMONTHDAY, BYSETPOS."""
    byday: list[tuple[int | None, str]] = []
    if "BYDAY" in parts:
        if freq == "DAILY":
            errors.append(
                "BYDAY is not allowed in a daily rule: for weekdays write "
                "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR."
            )
        else:
            byday, problem = _byday(parts["BYDAY"], monthly=freq == "MONTHLY")
            if problem:
                errors.append(problem)
    bymonthday: list[int] = []
    if "BYMONTHDAY" in parts:
        if freq != "MONTHLY":
            errors.append("BYMONTHDAY is allowed in a monthly rule only.")
        elif "BYDAY" in parts:
            errors.append("BYMONTHDAY and BYDAY do not go together in a meeting series.")
        else:
            bymonthday = _numbers(parts["BYMONTHDAY"], limit=28)
            if not bymonthday:
                errors.append(
                    "BYMONTHDAY is 1 to 28, or -1 to -28 counted from the month's end (-1: "
                    "the last day), each once: not every month has a 29th, 30th or 31st."
                )
    bysetpos: list[int] = []
    if "BYSETPOS" in parts:
        if freq != "MONTHLY" or not byday or any(ordinal for ordinal, _ in byday):
            errors.append(
                "BYSETPOS is allowed in a monthly rule with BYDAY weekdays (no ordinals) only, "
                "as BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1."
            )
        else:
            bysetpos = _numbers(parts["BYSETPOS"], limit=4)
            if not bysetpos:
                errors.append("BYSETPOS is 1 to 4 or -1 to -4, each once.")
    return {"byday": tuple(byday), "bymonthday": tuple(bymonthday), "bysetpos": tuple(bysetpos)}


def _refused(messages: list[str]) -> ValidationError:
    return ValidationError({"rrule": list(dict.fromkeys(messages))})


def _whole(value: str) -> int | None:
    return int(value) if value.isascii() and value.isdigit() and len(value) <= 9 else None


def _numbers(value: str, *, limit: int) -> list[int]:
    """Distinct whole numbers 1..limit or -limit..-1; [] when any item is not one."""
    numbers = []
    for item in value.split(","):
        if not _NUMBER.fullmatch(item):
            return []
        number = int(item)
        if not 1 <= abs(number) <= limit or number in numbers:
            return []
        numbers.append(number)
    return numbers


def _byday(value: str, *, monthly: bool) -> tuple[list[tuple[int | None, str]], str | None]:
    days: list[tuple[int | None, str]] = []
    for item in value.split(","):
        match = _BYDAY.fullmatch(item)
        if match is None:
            return [], "BYDAY names weekdays: MO, TU, WE, TH, FR, SA or SU."
        ordinal = int(match["ordinal"]) if match["ordinal"] else None
        if ordinal is not None:
            if not monthly:
                return [], (
                    "BYDAY takes an ordinal (2TU: the second Tuesday) in a monthly rule only."
                )
            if not 1 <= abs(ordinal) <= 4:
                return [], (
                    "In a monthly rule a BYDAY ordinal is 1 to 4 or -1 to -4 (-1FR: the "
                    "last Friday): not every month has a fifth."
                )
        if (ordinal, match["day"]) in days:
            return [], "BYDAY names each weekday once."
        days.append((ordinal, match["day"]))
    return days, None


def _until(value: str) -> datetime.datetime | None:
    match = _UNTIL.fullmatch(value)
    if match is None:
        return None
    try:
        day = datetime.datetime.strptime(match["date"], "%Y%m%d")
        if match["time"] is None:  # a date: meetings on that day still count
            return day.replace(hour=23, minute=59, second=59) if day.year in UNTIL_YEARS else None
        moment = datetime.datetime.strptime(match["date"] + match["time"], "%Y%m%d%H%M%S")
    except ValueError:
        return None
    if moment.year not in UNTIL_YEARS:
        return None
    return moment.replace(tzinfo=datetime.UTC) if match["utc"] else moment
