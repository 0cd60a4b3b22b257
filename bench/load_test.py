"""`make load-test`: a bounded load test on loopback — a realistic mix of coordinators, MDT
members and rapid-response contacts for a fixed time; zero 5xx, zero lost alerts.

Run from the repository root against PostgreSQL on loopback (DATABASE_URL names a database
made for the run; `make load-test` makes and drops it). The script starts a private
redis-server on a free port, seeds a small state in-process (`seed_load`: six regions,
each with a coordinator, an MDT of five members, a primary and a backup contact, three
initiatives, a weekly meeting series and 60 referrals), then starts Lantern under uvicorn
(the flags of `make run`) and the escalation worker (`run_escalations --interval 1`) as
subprocesses, and drives them with asyncio virtual users in this process:

- coordinators list their region's initiatives, open one, read its gates and history, read
  the rota, the region's alerts and the MDT's schedule, and now and then raise an alert;
- MDT members page through their referrals (cursor pagination), open one, read and post
  status updates, put a new referral in review, record new de-identified referrals, list
  meetings and RSVP, and now and then raise an alert (sometimes about a referral);
- contacts (primary and backup of every region) hold `/ws/alerts/` open the whole time
  (their token in the handshake's Authorization header, never in the URL) and
  acknowledge every alert frame they get, over the socket or over REST; four of
  them drop their socket every 8–20 s and are offline for 1–6 s (an alert raised then
  reaches them by e-mail, and on their next socket).

Think times are compressed (about 1.5–6 s between a person's actions) so that 48 people
make a busy hour in a minute. The load stops by itself after `--seconds` (default 60);
then up to `--drain` seconds (default 30) for the last alerts to arrive and be answered.

Fails (exit 1) on any 5xx, any transport error, any alert that got a 201 but never reached
its contact's socket, any alert shown twice on one socket (or again after it was answered),
any frame that reached the wrong person, or any alert left unacknowledged. Prints a table
per endpoint (requests, statuses, p50/p95/p99) and writes bench/results/load.json.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import dataclasses
import datetime as dt
import json
import os
import random
import re
import secrets
import shutil
import subprocess  # noqa: S404 - starting the servers under test is the point
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode, urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "bench")]

from asgi_servers import Conn, Server, collect_static, machine_info, percentile  # noqa: E402
from lantern_bench import django_env, get_request, start_server, ws  # noqa: E402

RESULTS = REPO / "bench" / "results" / "load.json"
REGIONS = 6
MEMBERS_PER_MDT = 5
REFERRALS_PER_MDT = 60
INITIATIVES_PER_REGION = 3
# Long enough that nothing escalates during the run: every alert is answered in seconds.
# (The check still follows an alert to whoever holds it at the end, should one escalate.)
ESCALATION_MINUTES = 30
RECONNECTING_CONTACTS = 4  # of the 12: they drop their socket every 8–20 s, for 1–6 s
COORDINATOR_THINK = (2.0, 6.0)
MEMBER_THINK = (1.5, 5.0)
ACK_REACTION = (0.3, 3.0)
COORDINATOR_ALERT_CHANCE = 0.06
MEMBER_ALERT_CHANCE = 0.03
# A connection idle longer than this is not reused (uvicorn closes it after 5 s idle).
KEEP_ALIVE_REUSE = 4.0

NOTES = [
    "Youth disclosed to school counselor; counselor contacted the advocacy center.",
    "Referred by the national helpline; caller reported concerns about a teenager.",
    "Needs: safe housing, medical exam, legal advocacy, school re-enrollment.",
    "Two siblings may also be at risk; child welfare to assess.",
    "Safety plan reviewed with the youth and caregiver; follow up in two weeks.",
    "Victim reports labor exploitation at a processing plant; wage theft suspected.",
    "Interpreter needed for all appointments.",
    "Prospective victim: located in an area known for trafficking near the truck stops.",
    "Hotel staff reported an adult with a minor checking in late at night.",
    "Referred to legal aid for visa screening.",
]
UPDATES = [
    "Forensic interview completed at the advocacy center.",
    "Placement found; youth moved to the safe house.",
    "Weekly counseling started; attendance good so far.",
    "Medical exam completed; no acute injuries documented.",
    "Case discussed at the MDT meeting; next review in a month.",
    "Law enforcement following up on the lead from the hotel.",
]
SUMMARIES = [
    "Youth at immediate risk reported by school staff; needs placement tonight.",
    "Minor located at a truck stop; law enforcement on scene, advocate requested.",
    "Possible labor trafficking at a farm; several workers need interpreters.",
    "Runaway youth seen with an adult known to the team; urgent review.",
    "Hospital staff report a patient with trafficking indicators.",
]
SEVERITIES = ["info"] * 2 + ["urgent"] * 5 + ["critical"] * 3


# --- seed ---------------------------------------------------------------------------------
def seed_load() -> dict:
    """Regions with their people, initiatives, meetings and referrals; API tokens for all."""
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import timezone

    from coordination.models import AgeBand, Discipline, Parish, TraffickingType, VictimStatus
    from coordination.people import services as people_services
    from coordination.people.access import SYSTEM
    from mdt import services as mdt_services
    from mdt.meetings import services as meetings_services
    from mdt.models import Need
    from phases import services as phase_services

    call_command("migrate", verbosity=0)
    users = get_user_model()
    rng = random.Random(10)  # noqa: S311 - load-test data, the same every run
    parishes = list(Parish.objects.order_by("name"))

    def person(name, role=None, **scope):
        user = people_services.user_create(
            actor=SYSTEM,
            username=name,
            password=secrets.token_urlsafe(16),
            email=f"{name}@load.example",
        )
        if role:
            people_services.role_assignment_create(actor=SYSTEM, user=user, role=role, **scope)
        return user

    admin = person("load-admin", "state_admin")
    kinds = [
        ("Advocacy Center", "advocacy_center", "advocacy"),
        ("Sheriff's Office", "law_enforcement", "law_enforcement"),
        ("Child Welfare Office", "child_welfare", "child_welfare"),
        ("Health Clinic", "health_care", "health_care"),
        ("Legal Aid", "legal", "legal"),
    ]
    vocabulary = {
        "age_band": list(AgeBand.values),
        "trafficking_type": ["sex"] * 84 + ["labor"] * 11 + ["sex_and_labor"] * 5,
        "victim_status": list(VictimStatus.values),
        "referral_source": list(Discipline.values),
        "needs": list(Need.values),
    }
    assert set(vocabulary["trafficking_type"]) <= set(TraffickingType.values)
    today = timezone.localdate()
    regions = []
    for r in range(1, REGIONS + 1):
        region = people_services.region_create(
            actor=SYSTEM,
            name=f"Load Region {r}",
            slug=f"load-{r}",
            escalation_minutes=ESCALATION_MINUTES,
        )
        mine = parishes[(r - 1) * 3 : r * 3]
        for parish in mine:
            people_services.parish_update(actor=SYSTEM, parish=parish, data={"region": region})
        agencies = [
            people_services.agency_create(
                actor=SYSTEM, name=f"Region {r} {label}", kind=kind, regions=[region],
                is_service_provider=kind in {"advocacy_center", "legal"},
            )
            for label, kind, _ in kinds
        ]  # fmt: skip
        coordinator = person(f"load-r{r}-coordinator", "coordinator", region=region)
        primary = person(f"load-r{r}-primary", "responder", region=region, duty="primary")
        backup = person(f"load-r{r}-backup", "responder", region=region, duty="backup")
        team = mdt_services.mdt_create(
            actor=SYSTEM, name=f"Region {r} MDT", region=region, parishes=mine
        )
        members = []
        for m in range(MEMBERS_PER_MDT):
            member = person(f"load-r{r}-member{m + 1}")
            mdt_services.membership_add(
                actor=admin, mdt=team, user=member, agency=agencies[m % len(kinds)],
                discipline=kinds[m % len(kinds)][2],
            )  # fmt: skip
            members.append(member)
        initiatives = []
        for i in range(INITIATIVES_PER_REGION):
            initiative = phase_services.initiative_create(
                actor=coordinator,
                region=region,
                title=f"Region {r}: {['Truck stops', 'Schools', 'Farm labor'][i]} initiative",
                need_statement="Youth at risk are not screened consistently across agencies.",
                partner_agencies=agencies[: 2 + i],
            )
            if i < 2:  # one further along, with a history
                phase_services.initiative_transition(
                    actor=coordinator, initiative=initiative, transition="advance",
                    note="Partners engaged at the kick-off meeting.",
                )  # fmt: skip
            initiatives.append(initiative.pk)
        first = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
        first += dt.timedelta(days=1)
        meetings = meetings_services.meeting_schedule(
            actor=members[0], mdt=team, starts_at=first, ends_at=first + dt.timedelta(hours=1),
            location="Advocacy center conference room", rrule="FREQ=WEEKLY;COUNT=12",
        )  # fmt: skip
        for n in range(REFERRALS_PER_MDT):
            mdt_services.referral_create(
                actor=members[n % len(members)],
                mdt=team,
                received_on=today - dt.timedelta(days=1 + n * 3),
                age_band=rng.choice(vocabulary["age_band"]),
                trafficking_type=rng.choice(vocabulary["trafficking_type"]),
                victim_status=rng.choice(vocabulary["victim_status"]),
                referral_source=rng.choice(vocabulary["referral_source"]),
                parish=rng.choice(mine),
                needs=rng.sample(vocabulary["needs"], rng.randint(1, 3)),
                notes=rng.choice(NOTES),
            )
        regions.append(
            {
                "id": region.pk,
                "mdt": team.pk,
                "parishes": [parish.pk for parish in mine],
                "initiatives": initiatives,
                "meetings": [meeting.pk for meeting in meetings],
                "coordinator": coordinator.username,
                "primary": primary.username,
                "backup": backup.username,
                "members": [member.username for member in members],
            }
        )
    tokens = {
        user.username: people_services.api_token_issue(actor=user).key
        for user in users.objects.filter(username__startswith="load-")
    }
    return {"regions": regions, "tokens": tokens, "vocabulary": vocabulary}


# --- measurements -------------------------------------------------------------------------
class Stats:
    """Per endpoint: statuses and latencies; every transport error and every 5xx body."""

    def __init__(self):
        self.latencies: dict[str, list[float]] = {}
        self.statuses: dict[str, dict[int, int]] = {}
        self.errors: list[dict] = []  # transport errors
        self.server_errors: list[dict] = []  # 5xx with what was sent
        self.unexpected: list[dict] = []  # statuses the request did not expect (not 5xx)

    def record(self, label: str, status: int, seconds: float) -> None:
        self.latencies.setdefault(label, []).append(seconds)
        counts = self.statuses.setdefault(label, {})
        counts[status] = counts.get(status, 0) + 1

    def error(self, label: str, what: str) -> None:
        self.errors.append({"endpoint": label, "error": what, "at": time.time()})

    def table(self, seconds: float) -> list[dict]:
        rows = []
        for label in sorted(self.latencies):
            ordered = sorted(self.latencies[label])
            rows.append(
                {
                    "endpoint": label,
                    "requests": len(ordered),
                    "per_s": len(ordered) / seconds,
                    "statuses": dict(sorted(self.statuses[label].items())),
                    "p50_ms": percentile(ordered, 50) * 1000,
                    "p95_ms": percentile(ordered, 95) * 1000,
                    "p99_ms": percentile(ordered, 99) * 1000,
                    "max_ms": ordered[-1] * 1000,
                }
            )
        return rows


class Http:
    """One person's keep-alive connection (token auth); one request at a time.

    Like any HTTP client's pool, it does not send on a connection the server has closed
    or is about to close: uvicorn drops a connection idle for 5 s (`--timeout-keep-alive`),
    and people here think for up to 6 s."""

    def __init__(self, port: int, token: str, stats: Stats):
        self.port, self.token, self.stats = port, token, stats
        self.conn = Conn(port, b"")
        self.lock = asyncio.Lock()
        self.last_used = 0.0

    def _fresh(self) -> None:
        reader = self.conn.reader
        stale = time.monotonic() - self.last_used > KEEP_ALIVE_REUSE
        if reader is not None and (stale or reader.at_eof()):
            self.conn.close()

    def _post(self, path: str, body: dict) -> bytes:
        payload = json.dumps(body).encode()
        lines = [
            f"POST {path} HTTP/1.1",
            f"Host: 127.0.0.1:{self.port}",
            "Accept: application/json",
            "Content-Type: application/json",
            f"Content-Length: {len(payload)}",
            f"Authorization: Token {self.token}",
        ]
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + payload

    async def call(
        self, label: str, path: str, body: dict | None = None, expect=(200,)
    ) -> tuple[int | None, object]:
        """GET `path` (or POST `body`): the status and the parsed JSON; (None, None) after a
        transport error."""
        if body is None:
            request = get_request(self.port, path, self.token)
            request = request[:-2] + b"Accept: application/json\r\n\r\n"
        else:
            request = self._post(path, body)
        async with self.lock:
            self._fresh()
            self.conn.request = request
            started = time.perf_counter()
            try:
                status, raw = await self.conn.get()
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as error:
                self.conn.close()
                self.stats.error(label, f"{type(error).__name__}: {error}")
                return None, None
            finally:
                self.last_used = time.monotonic()
            self.stats.record(label, status, time.perf_counter() - started)
        if status >= 500 or status not in expect:
            sample = {
                "endpoint": label,
                "path": path,
                "body": body,
                "status": status,
                "answer": raw[:2000].decode("utf-8", "replace"),
                "at": time.time(),
            }
            (self.stats.server_errors if status >= 500 else self.stats.unexpected).append(sample)
        try:
            return status, json.loads(raw) if raw else None
        except ValueError:
            return status, None


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


@dataclasses.dataclass
class Raised:
    started: float  # perf_counter when the POST was sent
    region: int
    assigned_to: str | None
    by: str
    online: bool  # the contact had a socket open from the POST to its answer


class Alerts:
    """Every alert raised (201) and every frame every contact saw."""

    def __init__(self):
        self.raised: dict[int, Raised] = {}
        self.first_frame: dict[tuple[str, int], float] = {}  # (contact, alert) → perf_counter
        self.frames = 0
        self.shown_twice: list[dict] = []  # one socket shown the same alert (and level) twice
        self.after_answer: list[dict] = []  # shown again after the contact's answer was confirmed
        self.resent_after_reconnect = 0  # unanswered, shown again on a new socket: expected
        self.confirmed: dict[int, str] = {}  # alert → who answered (a cleared frame, or REST 200)
        self.ack_errors: dict[str, int] = {}
        self.acks_sent = {"socket": 0, "rest": 0}
        self.seen_by: dict[int, set[str]] = {}  # alert → contacts whose sockets showed it

    def received_by_assignee(self, alert_id: int, assignees: set[str]) -> bool:
        return bool(self.seen_by.get(alert_id, set()) & assignees)


# --- virtual people -----------------------------------------------------------------------
class Load:
    def __init__(self, server: Server, cast: dict, seconds: float, drain: float):
        self.server, self.cast, self.seconds, self.drain = server, cast, seconds, drain
        self.stats, self.alerts = Stats(), Alerts()
        self.over = asyncio.Event()  # the load stops: no new actions, no more reconnects
        self.finished = asyncio.Event()  # drained: the sockets close
        self.deadline = 0.0
        self.sockets_open = 0
        self.online: dict[str, int] = {}  # contact → sockets open now
        self.current: dict[str, object] = {}  # contact → the socket open now
        self.connects = 0

    def http(self, username: str) -> Http:
        return Http(self.server.port, self.cast["tokens"][username], self.stats)

    async def think(self, rng: random.Random, bounds: tuple[float, float]) -> bool:
        """Pause like a person; False once the load is over."""
        pause = min(rng.uniform(*bounds), max(0.0, self.deadline - time.monotonic()))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.over.wait(), pause)
        return not self.over.is_set()

    async def raise_alert(self, http: Http, rng, username: str, region: dict, referral=None):
        body = {
            "region": region["id"],
            "severity": rng.choice(SEVERITIES),
            "summary": rng.choice(SUMMARIES),
        }
        if referral is not None:
            body["referral"] = referral
        online = self.online.get(region["primary"], 0) > 0
        started = time.perf_counter()
        status, answer = await http.call("POST /alerts/", "/api/v1/alerts/", body, (201,))
        if status == 201:
            assignee = answer.get("assigned_to")
            online = online and self.online.get(assignee, 0) > 0
            self.alerts.raised[answer["id"]] = Raised(
                started, region["id"], assignee, username, online
            )

    # Coordinators ------------------------------------------------------------------------
    async def coordinator(self, region: dict) -> None:
        username = region["coordinator"]
        rng = random.Random(username)  # noqa: S311
        http = self.http(username)
        rid = region["id"]
        while await self.think(rng, COORDINATOR_THINK):
            roll = rng.random()
            initiative = rng.choice(region["initiatives"])
            if roll < COORDINATOR_ALERT_CHANCE:
                await self.raise_alert(http, rng, username, region)
            elif roll < 0.30:
                await http.call("GET /initiatives/?region", f"/api/v1/initiatives/?region={rid}")
            elif roll < 0.48:
                await http.call("GET /initiatives/{id}/", f"/api/v1/initiatives/{initiative}/")
            elif roll < 0.60:
                await http.call(
                    "GET /initiatives/{id}/gates/", f"/api/v1/initiatives/{initiative}/gates/"
                )
            elif roll < 0.70:
                await http.call(
                    "GET /initiatives/{id}/history/",
                    f"/api/v1/initiatives/{initiative}/history/",
                )
            elif roll < 0.82:
                await http.call("GET /alerts/?region", f"/api/v1/alerts/?region={rid}")
            elif roll < 0.90:
                await http.call("GET /rota/{region}/", f"/api/v1/rota/{rid}/")
            else:
                await http.call("GET /meetings/?mdt", f"/api/v1/meetings/?mdt={region['mdt']}")
        http.conn.close()

    # MDT members -------------------------------------------------------------------------
    async def member(self, region: dict, username: str) -> None:
        rng = random.Random(username)  # noqa: S311
        http = self.http(username)
        vocabulary = self.cast["vocabulary"]
        known: dict[int, str] = {}  # referral id → status, as last seen
        mdt = region["mdt"]
        while await self.think(rng, MEMBER_THINK):
            roll = rng.random()
            referral = rng.choice(list(known)) if known else None
            if roll < MEMBER_ALERT_CHANCE:
                about = referral if rng.random() < 0.5 else None
                await self.raise_alert(http, rng, username, region, about)
            elif roll < 0.33 or referral is None:
                # The list, then one to three more pages through the cursor.
                path = f"/api/v1/referrals/?{urlencode({'mdt': mdt, 'page_size': 25})}"
                label = "GET /referrals/ (first page)"
                for _ in range(rng.randint(1, 4)):
                    status, page = await http.call(label, path)
                    if status != 200:
                        break
                    known.update({row["id"]: row["status"] for row in page["results"]})
                    if not page.get("next") or rng.random() < 0.4:
                        break
                    path, label = path_of(page["next"]), "GET /referrals/?cursor (next page)"
            elif roll < 0.50:
                status, answer = await http.call(
                    "GET /referrals/{id}/", f"/api/v1/referrals/{referral}/"
                )
                if status == 200:
                    known[referral] = answer["status"]
            elif roll < 0.57:
                await http.call(
                    "GET /referrals/{id}/updates/", f"/api/v1/referrals/{referral}/updates/"
                )
            elif roll < 0.67:
                await http.call(
                    "POST /referrals/{id}/updates/",
                    f"/api/v1/referrals/{referral}/updates/",
                    {"note": rng.choice(UPDATES)},
                    (201,),
                )
            elif roll < 0.71:
                fresh = [pk for pk, state in known.items() if state == "received"]
                if fresh:
                    pk = rng.choice(fresh)
                    status, answer = await http.call(
                        "POST /referrals/{id}/review/",
                        f"/api/v1/referrals/{pk}/review/",
                        {"expected_status": "received", "note": "Taken up for MDT review."},
                        (200, 409),  # 409: a colleague took it up first
                    )
                    known[pk] = answer["status"] if status == 200 else "in_review"
            elif roll < 0.82:
                body = {
                    "mdt": mdt,
                    "received_on": str(dt.date.today() - dt.timedelta(days=rng.randint(1, 20))),
                    "age_band": rng.choice(vocabulary["age_band"]),
                    "trafficking_type": rng.choice(vocabulary["trafficking_type"]),
                    "victim_status": rng.choice(vocabulary["victim_status"]),
                    "referral_source": rng.choice(vocabulary["referral_source"]),
                    "parish": rng.choice(region["parishes"]),
                    "needs": rng.sample(vocabulary["needs"], rng.randint(1, 3)),
                    "notes": rng.choice(NOTES),
                }
                status, answer = await http.call(
                    "POST /referrals/", "/api/v1/referrals/", body, (201,)
                )
                if status == 201:
                    known[answer["id"]] = answer["status"]
            elif roll < 0.94:
                query = urlencode({"mdt": mdt, "status": "scheduled"})
                await http.call("GET /meetings/?mdt", f"/api/v1/meetings/?{query}")
            else:
                meeting = rng.choice(region["meetings"][:4])
                await http.call(
                    "POST /meetings/{id}/rsvp/",
                    f"/api/v1/meetings/{meeting}/rsvp/",
                    {"answer": rng.choice(["attending", "attending", "declined"])},
                )
        http.conn.close()

    # Contacts ----------------------------------------------------------------------------
    async def contact(self, username: str, reconnects: bool) -> None:
        from websockets.exceptions import ConnectionClosed, InvalidHandshake

        rng = random.Random(username)  # noqa: S311
        http = self.http(username)
        by_socket = rng.random() < 0.7  # this contact answers over the socket, else REST
        answering: set[int] = set()
        tasks: set[asyncio.Task] = set()
        received_on: dict[int, int] = {}  # alert → the socket number that first showed it
        number = 0
        while not self.finished.is_set():
            number += 1
            started = time.perf_counter()
            try:
                async with ws(self.server, self.cast["tokens"][username]) as socket:
                    handshake = time.perf_counter() - started
                    self.stats.record("WS /ws/alerts/ (handshake)", 101, handshake)
                    self.connects += 1
                    self.sockets_open += 1
                    self.online[username] = self.online.get(username, 0) + 1
                    self.current[username] = socket
                    try:
                        await self._listen(
                            socket, username, number, rng, reconnects, by_socket, http,
                            answering, tasks, received_on,
                        )  # fmt: skip
                    finally:
                        self.sockets_open -= 1
                        self.online[username] -= 1
                        self.current.pop(username, None)
            except ConnectionClosed as error:
                self.stats.error("WS /ws/alerts/", f"closed by the server: {error}")
            except (OSError, InvalidHandshake, TimeoutError) as error:
                self.stats.error("WS /ws/alerts/ (handshake)", f"{type(error).__name__}: {error}")
                await asyncio.sleep(1)
            if not self.finished.is_set():
                await asyncio.sleep(rng.uniform(1.0, 6.0))  # offline for a moment
        for task in list(tasks):
            task.cancel()
        http.conn.close()

    async def _listen(
        self, socket, username, number, rng, reconnects, by_socket, http, answering, tasks,
        received_on,
    ) -> None:  # fmt: skip
        alerts = self.alerts
        shown: dict[int, int] = {}  # alert → level shown on this socket
        drop_at = time.monotonic() + rng.uniform(8, 20) if reconnects else None
        while not self.finished.is_set():
            if drop_at and time.monotonic() > drop_at and not self.over.is_set():
                return  # this contact drops its socket and comes back
            try:
                message = await asyncio.wait_for(socket.recv(), 0.25)
            except TimeoutError:
                continue
            now = time.perf_counter()
            event = json.loads(message)
            kind = event.get("type")
            if kind == "alert":
                alerts.frames += 1
                alert_id, level = event["alert"]["id"], event["alert"]["escalation_level"]
                alerts.first_frame.setdefault((username, alert_id), now)
                alerts.seen_by.setdefault(alert_id, set()).add(username)
                if shown.get(alert_id) == level:
                    alerts.shown_twice.append({"contact": username, "alert": alert_id})
                    continue
                shown[alert_id] = level
                if alert_id in alerts.confirmed:
                    alerts.after_answer.append({"contact": username, "alert": alert_id})
                    continue
                if received_on.setdefault(alert_id, number) != number:
                    alerts.resent_after_reconnect += 1
                if alert_id not in answering:
                    answering.add(alert_id)
                    task = asyncio.create_task(
                        self._answer(http, username, alert_id, rng, by_socket, answering)
                    )
                    tasks.add(task)
                    task.add_done_callback(tasks.discard)
            elif kind == "alert.cleared":
                shown.pop(event["id"], None)
                if event.get("status") == "acknowledged":
                    alerts.confirmed.setdefault(event["id"], username)
            elif kind == "error":
                code = event.get("code", "?")
                alerts.ack_errors[code] = alerts.ack_errors.get(code, 0) + 1
                if code == "unavailable" and event.get("id") is not None:
                    await self._rest_ack(http, username, event["id"])

    async def _answer(self, http, username, alert_id, rng, by_socket, answering):
        """Read it, then answer: over the socket open now (the one that showed the alert
        may have gone meanwhile), or over REST."""
        from websockets.exceptions import ConnectionClosed

        try:
            await asyncio.sleep(rng.uniform(*ACK_REACTION))
            if not by_socket:
                await self._rest_ack(http, username, alert_id)
                return
            while not self.finished.is_set() and alert_id not in self.alerts.confirmed:
                socket = self.current.get(username)
                if socket is not None:
                    try:
                        await socket.send(json.dumps({"type": "ack", "id": alert_id}))
                        self.alerts.acks_sent["socket"] += 1
                        return
                    except ConnectionClosed:
                        pass
                await asyncio.sleep(0.25)  # between sockets: answer on the next one
        finally:
            answering.discard(alert_id)

    async def _rest_ack(self, http, username, alert_id) -> None:
        self.alerts.acks_sent["rest"] += 1
        status, _ = await http.call(
            "POST /alerts/{id}/acknowledge/",
            f"/api/v1/alerts/{alert_id}/acknowledge/",
            {},
            (200, 409),  # 409: already answered (from another socket of theirs)
        )
        if status == 200:
            self.alerts.confirmed.setdefault(alert_id, username)

    # The run -----------------------------------------------------------------------------
    async def warm_up(self) -> None:
        """One of each read and a socket, unrecorded: the figures are of a warm server."""
        region = self.cast["regions"][0]
        tokens = self.cast["tokens"]
        scratch = Stats()
        for username, paths in (
            (
                region["coordinator"],
                [
                    f"/api/v1/initiatives/?region={region['id']}",
                    f"/api/v1/initiatives/{region['initiatives'][0]}/",
                    f"/api/v1/initiatives/{region['initiatives'][0]}/gates/",
                    f"/api/v1/initiatives/{region['initiatives'][0]}/history/",
                    f"/api/v1/alerts/?region={region['id']}",
                    f"/api/v1/rota/{region['id']}/",
                ],
            ),
            (
                region["members"][0],
                [
                    f"/api/v1/referrals/?mdt={region['mdt']}&page_size=25",
                    f"/api/v1/meetings/?mdt={region['mdt']}",
                ],
            ),
        ):
            http = Http(self.server.port, tokens[username], scratch)
            for path in paths:
                await http.call("warm-up", path)
            http.conn.close()
        async with ws(self.server, tokens[region["backup"]]):
            pass
        if scratch.errors or scratch.server_errors:
            self.stats.errors += scratch.errors
            self.stats.server_errors += scratch.server_errors

    async def run(self) -> dict:
        await self.warm_up()
        regions = self.cast["regions"]
        contacts = [region[duty] for region in regions for duty in ("primary", "backup")]
        # Reconnecting: primaries (who get the alerts) of the first regions, and a backup.
        reconnecting = {regions[n]["primary"] for n in range(RECONNECTING_CONTACTS - 1)}
        reconnecting.add(regions[-1]["backup"])
        contact_tasks = [
            asyncio.create_task(self.contact(name, name in reconnecting)) for name in contacts
        ]
        # Every contact's socket open before the load starts.
        opened_by = time.monotonic() + 20
        while self.sockets_open < len(contacts) and time.monotonic() < opened_by:
            await asyncio.sleep(0.05)
        started = time.monotonic()
        self.deadline = started + self.seconds
        people = [asyncio.create_task(self.coordinator(region)) for region in regions]
        people += [
            asyncio.create_task(self.member(region, name))
            for region in regions
            for name in region["members"]
        ]
        await asyncio.sleep(self.seconds)
        self.over.set()
        # A request in flight finishes (bounded by the client's read timeout).
        _, pending = await asyncio.wait(people, timeout=20)
        for task in pending:
            task.cancel()
        load_seconds = time.monotonic() - started
        for task in people:
            if not task.cancelled() and task.exception() is not None:
                self.stats.error("virtual user", repr(task.exception()))
        # Drain: every raised alert on its contact's socket and answered, or time is up.
        drain_started = time.monotonic()
        while time.monotonic() < drain_started + self.drain:
            if all(
                self.alerts.received_by_assignee(alert_id, {raised.assigned_to})
                and alert_id in self.alerts.confirmed
                for alert_id, raised in self.alerts.raised.items()
            ):
                break
            await asyncio.sleep(0.2)
        drained_in = time.monotonic() - drain_started
        self.finished.set()
        await asyncio.wait(contact_tasks, timeout=10)
        for task in contact_tasks:
            if not task.done():
                task.cancel()
            elif task.exception() is not None:
                self.stats.error("contact", repr(task.exception()))
        return {
            "virtual_users": {
                "coordinators": len(regions),
                "mdt_members": sum(len(region["members"]) for region in regions),
                "contacts": len(contacts),
                "reconnecting_contacts": len(reconnecting),
            },
            "load_seconds": round(load_seconds, 1),
            "drain_seconds": round(drained_in, 1),
            "socket_connects": self.connects,
        }


# --- the verdict on alerts ----------------------------------------------------------------
def alert_verdict(alerts: Alerts) -> dict:
    """Against the database: who holds each raised alert now, its status, escalations."""
    from notifications.models import Alert, AlertEvent

    rows = {
        row["pk"]: row
        for row in Alert.objects.filter(pk__in=list(alerts.raised)).values(
            "pk", "status", "assigned_to__username", "escalation_level"
        )
    }
    escalated = AlertEvent.objects.filter(alert__in=list(alerts.raised), kind="escalated").count()
    lost, unanswered, delays, offline = [], [], [], []
    for alert_id, raised in sorted(alerts.raised.items()):
        row = rows.get(alert_id)
        assignees = {raised.assigned_to, row and row["assigned_to__username"]} - {None}
        if not alerts.received_by_assignee(alert_id, assignees):
            lost.append({"alert": alert_id, "assigned_to": sorted(assignees), "by": raised.by})
            continue
        if row is None or row["status"] not in {"acknowledged", "resolved"}:
            unanswered.append({"alert": alert_id, "status": row and row["status"]})
        first = min(
            alerts.first_frame[(name, alert_id)]
            for name in assignees
            if (name, alert_id) in alerts.first_frame
        )
        (delays if raised.online else offline).append(first - raised.started)
    # Frames on a socket of someone the alert was never assigned to.
    wrong = []
    for alert_id, names in alerts.seen_by.items():
        if alert_id in alerts.raised:
            row = rows.get(alert_id)
            holders = {alerts.raised[alert_id].assigned_to, row and row["assigned_to__username"]}
            wrong += [{"alert": alert_id, "contact": name} for name in names - holders]
    delays.sort()
    offline.sort()
    return {
        "raised": len(alerts.raised),
        "received": len(alerts.raised) - len(lost),
        "acknowledged": sum(
            1 for row in rows.values() if row["status"] in {"acknowledged", "resolved"}
        ),
        "lost": lost,
        "unacknowledged": unanswered,
        "shown_twice_on_one_socket": alerts.shown_twice,
        "shown_after_answered": alerts.after_answer,
        "to_the_wrong_person": wrong,
        "resent_after_reconnect_unanswered": alerts.resent_after_reconnect,
        "escalated": escalated,
        "frames": alerts.frames,
        "acks_sent": alerts.acks_sent,
        "ack_errors": alerts.ack_errors,
        # Raised → the frame on the socket, for contacts online at the time.
        "delivery_ms": {
            "alerts": len(delays),
            "p50": percentile(delays, 50) * 1000,
            "p95": percentile(delays, 95) * 1000,
            "p99": percentile(delays, 99) * 1000,
            "max": (delays[-1] if delays else float("nan")) * 1000,
        },
        # Raised while the contact was offline (between sockets): on the next socket.
        "delivered_on_reconnect_ms": {
            "alerts": len(offline),
            "p50": percentile(offline, 50) * 1000,
            "max": (offline[-1] if offline else float("nan")) * 1000,
        },
    }


def server_log(*logs: Path) -> dict:
    """What the server and the worker logged (warnings and up): each distinct message with
    its count, and the first traceback in full."""
    summary: dict[str, dict] = {}
    for log in logs:
        with contextlib.suppress(OSError):
            text = log.read_text(errors="replace")
            messages: dict[str, int] = {}
            first_traceback = None
            for record in re.split(r"\n(?=\S)", text):
                head = record.split("\n", 1)[0].strip()
                if not head or head.startswith(("Traceback", "The above", "During handling")):
                    continue
                if record.startswith(("Traceback", "redis.", "asyncio.", "TimeoutError")):
                    continue
                # Channel names and addresses vary: count the message, not its instance.
                head = re.sub(r"specific\.\S+", "specific.…", head)
                messages[head] = messages.get(head, 0) + 1
            if "Traceback" in text:
                start = text.index("Traceback")
                first_traceback = text[max(0, text.rfind("\n", 0, start - 1)) : start + 6000]
            summary[log.name] = {
                "tracebacks": text.count("Traceback (most recent call last)"),
                "messages": messages,
                "first_traceback": first_traceback,
            }
    return summary


# --- the run ------------------------------------------------------------------------------
def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="how long the load runs")
    parser.add_argument(
        "--drain", type=float, default=30.0, help="at most this long for the last alerts"
    )
    options = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        sys.exit("Set DATABASE_URL to a PostgreSQL database made for this run: make load-test.")
    from tests.live import RedisServer

    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="lantern-load-"))
    redis = RedisServer(workdir)
    redis.start()
    os.environ["STATIC_ROOT"] = str(workdir / "static")
    env = django_env(redis.url)
    os.environ.update(env)
    collect_static(env)  # DEBUG is off: the server needs the manifest
    import django

    django.setup()
    server = worker = None
    worker_log = workdir / "worker.log"
    try:
        print("seeding…", flush=True)
        cast = seed_load()
        server = start_server("lantern", env, workdir)
        with worker_log.open("wb") as log:
            worker = subprocess.Popen(  # noqa: S603
                [sys.executable, "manage.py", "run_escalations", "--interval", "1"],
                cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        print(f"load for {options.seconds:.0f} s…", flush=True)
        load = Load(server, cast, options.seconds, options.drain)
        # Hard bound: the load, the stragglers, the drain and the sockets closing.
        bound = options.seconds + options.drain + 60
        run = asyncio.run(asyncio.wait_for(load.run(), bound))
        verdict = alert_verdict(load.alerts)
    finally:
        if worker is not None and worker.poll() is None:
            worker.terminate()
            try:
                worker.wait(timeout=10)
            except subprocess.TimeoutExpired:
                worker.kill()
        if server is not None:
            server.stop()
        redis.stop()
    stats = load.stats
    endpoints = stats.table(run["load_seconds"])
    logged = server_log(server.log_path, worker_log)
    server_errors = sum(
        n for row in endpoints for status, n in row["statuses"].items() if status >= 500
    )
    failures = {
        "5xx": server_errors,
        "transport_errors": len(stats.errors),
        "lost_alerts": len(verdict["lost"]),
        "shown_twice": len(verdict["shown_twice_on_one_socket"])
        + len(verdict["shown_after_answered"]),
        "to_the_wrong_person": len(verdict["to_the_wrong_person"]),
        "unacknowledged": len(verdict["unacknowledged"]),
    }
    report = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine_info(),
        "seconds": round(time.monotonic() - started, 1),
        "run": run,
        "requests": sum(row["requests"] for row in endpoints),
        "endpoints": endpoints,
        "alerts": verdict,
        "failures": failures,
        "passed": not any(failures.values()),
        "server_errors": stats.server_errors[:20],
        "unexpected_statuses": stats.unexpected[:20],
        "transport_errors": stats.errors[:20],
        "server_log": logged,
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2, default=str) + "\n")
    print_report(report)
    print(f"\nwritten to {RESULTS.relative_to(REPO)} in {report['seconds']} s")
    if not report["passed"]:
        print(f"FAILED: {', '.join(f'{k} {v}' for k, v in failures.items() if v)}")
        print(f"logs kept in {workdir}")
        return 1
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


def print_report(report: dict) -> None:
    run, alerts = report["run"], report["alerts"]
    people = run["virtual_users"]
    total = people["coordinators"] + people["mdt_members"] + people["contacts"]
    print(
        f"\n{total} virtual users ({people['coordinators']} coordinators, "
        f"{people['mdt_members']} MDT members, {people['contacts']} contacts of which "
        f"{people['reconnecting_contacts']} reconnecting) for {run['load_seconds']} s; "
        f"{report['requests']} requests, {run['socket_connects']} socket connects"
    )
    print("\n| endpoint | requests | req/s | statuses | p50 | p95 | p99 | max |")
    print("|---|---:|---:|---|---:|---:|---:|---:|")
    for row in report["endpoints"]:
        statuses = ", ".join(f"{status}×{n}" for status, n in row["statuses"].items())
        print(
            f"| {row['endpoint']} | {row['requests']} | {row['per_s']:.2f} | {statuses} | "
            f"{row['p50_ms']:.0f} ms | {row['p95_ms']:.0f} ms | {row['p99_ms']:.0f} ms | "
            f"{row['max_ms']:.0f} ms |"
        )
    d = alerts["delivery_ms"]
    print("\n| alerts | |")
    print("|---|---|")
    print(f"| raised (201) | {alerts['raised']} |")
    print(f"| received on the assignee's socket | {alerts['received']} |")
    print(f"| acknowledged (database, after the drain) | {alerts['acknowledged']} |")
    print(f"| lost | {len(alerts['lost'])} |")
    twice = len(alerts["shown_twice_on_one_socket"]) + len(alerts["shown_after_answered"])
    print(f"| shown twice on one socket, or after being answered | {twice} |")
    print(f"| shown to someone it was not assigned to | {len(alerts['to_the_wrong_person'])} |")
    print(
        f"| shown again on a new socket, still unanswered (expected) | "
        f"{alerts['resent_after_reconnect_unanswered']} |"
    )
    print(f"| escalated | {alerts['escalated']} |")
    print(
        f"| answers sent: socket / REST | {alerts['acks_sent']['socket']} / "
        f"{alerts['acks_sent']['rest']} |"
    )
    print(
        f"| raise → frame on the contact's socket ({d['alerts']} alerts), p50 / p95 / p99 / "
        f"max | {d['p50']:.0f} / {d['p95']:.0f} / {d['p99']:.0f} / {d['max']:.0f} ms |"
    )
    o = alerts["delivered_on_reconnect_ms"]
    if o["alerts"]:
        print(
            f"| raised while the contact was between sockets ({o['alerts']}): on the next "
            f"socket, p50 / max | {o['p50']:.0f} / {o['max']:.0f} ms |"
        )
    print(f"| drain after the load | {run['drain_seconds']} s |")
    f = report["failures"]
    print(
        f"\n5xx: {f['5xx']}; transport errors: {f['transport_errors']}; lost alerts: "
        f"{f['lost_alerts']}; unacknowledged: {f['unacknowledged']}"
    )
    for title, items in (
        ("5xx answers", report["server_errors"]),
        ("transport errors", report["transport_errors"]),
        ("unexpected statuses (not failures)", report["unexpected_statuses"]),
        ("lost alerts", alerts["lost"]),
    ):
        if items:
            print(f"\n{title}:")
            for item in items[:10]:
                print(f"  {json.dumps(item, default=str)[:600]}")
    for name, log in report["server_log"].items():
        if log["messages"]:
            print(f"\n{name} (warnings and errors; {log['tracebacks']} tracebacks):")
            for message, count in log["messages"].items():
                print(f"  {count}× {message[:300]}")


if __name__ == "__main__":
    sys.exit(main())
