"""Figure 11 of `make bench`: an alert raised over REST until the push service receives its
encrypted Web Push request, p50 and p99, against the same alert's websocket frame on the
contact's console in the same run.

The layout is production's: the web server, and the alert worker (`db_worker --queue-name
alerts`) that sends pushes from the database queue. The push service is a local stand-in
that keeps each request and the time it arrived; each request is decrypted with the test
device's keys to learn which alert it carries (tests/notifications/push_service.py, the
same stand-in the tests use)."""

from __future__ import annotations

import asyncio
import json
import subprocess  # noqa: S404 - starting the worker under test is the point
import sys
import time
from pathlib import Path

from asgi_servers import Server

REPO = Path(__file__).resolve().parent.parent
PUSHES = 200


def measure(env: dict[str, str], logdir: Path, cast: dict) -> dict:
    from lantern_bench import quantiles, start_server

    from notifications.models import Alert, PushSubscription
    from notifications.push import vapid
    from tests.notifications.push_service import PushService

    key = vapid.new_private_key()
    push_env = {
        **env,
        "WEB_PUSH_VAPID_PRIVATE_KEY": key,
        "WEB_PUSH_INSECURE_HOSTS": "127.0.0.1",
        "TASK_BACKEND": "database",
    }
    Alert.objects.update(status="resolved", escalate_at=None)
    with PushService() as service:
        device = service.device("bench-phone")
        PushSubscription.objects.filter(user_id=cast["contact"]).delete()
        PushSubscription.objects.create(
            user_id=cast["contact"], endpoint=device.endpoint, label="bench", **device.keys
        )
        server = start_server("lantern-push", push_env, logdir)
        log = (logdir / "alert-worker.log").open("wb")
        worker = subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", "db_worker", "--queue-name", "alerts",
             "--interval", "0.05", "--no-reload", "--no-startup-delay"],
            cwd=REPO, env=push_env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            time.sleep(2)  # the worker's start-up
            raised, frames = asyncio.run(_raise_and_listen(server, cast))
            service.wait_for(len(raised), timeout=60)
        finally:
            worker.terminate()
            worker.wait(timeout=15)
            log.close()
            server.stop()
        pushed = {}
        for received in service.received:
            payload = device.decrypt(received)
            if payload.get("type") == "alert":
                pushed.setdefault(payload["id"], received.at)
        PushSubscription.objects.filter(user_id=cast["contact"]).delete()
    push_times = [pushed[alert] - at for alert, at in raised.items() if alert in pushed]
    frame_times = [frames[alert] - at for alert, at in raised.items() if alert in frames]
    p50, p99 = quantiles(push_times)
    frame50, frame99 = quantiles(frame_times)
    return {
        "alerts": len(raised),
        "pushed": len(push_times),
        "p50_ms": p50 * 1000,
        "p99_ms": p99 * 1000,
        "frame_p50_ms": frame50 * 1000,
        "frame_p99_ms": frame99 * 1000,
        "ratio_p50": p50 / frame50,
        "ratio_p99": p99 / frame99,
    }


async def _raise_and_listen(server: Server, cast: dict):
    """Raise PUSHES alerts one after another; returns when each was raised (monotonic
    clock) and when its frame reached the contact's socket."""
    from lantern_bench import PostConn, ws

    body = {
        "region": cast["region"],
        "severity": "urgent",
        "summary": "Bench alert: youth at risk.",
    }
    raise_conn = PostConn(
        server.port, "/api/v1/alerts/", cast["tokens"]["coordinator"], lambda: body
    )
    raised: dict[int, float] = {}
    frames: dict[int, float] = {}
    async with ws(server, cast["tokens"]["contact"]) as socket:

        async def listen():
            async for message in socket:
                event = json.loads(message)
                if event.get("type") == "alert":
                    frames.setdefault(event["alert"]["id"], time.monotonic())

        listener = asyncio.create_task(listen())
        for _ in range(PUSHES):
            started = time.monotonic()
            status, answer = await raise_conn.get()
            assert status == 201, answer
            alert_id = json.loads(answer)["id"]
            raised[alert_id] = started
            deadline = started + 10
            while alert_id not in frames and time.monotonic() < deadline:
                await asyncio.sleep(0.0005)
            await asyncio.sleep(0.05)  # one alert at a time: the worker's poll is the floor
        await asyncio.sleep(1)
        listener.cancel()
    return raised, frames
