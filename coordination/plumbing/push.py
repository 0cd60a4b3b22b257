"""Live events: the one helper that pushes to websocket groups, after the transaction
commits (so nobody is told of a change that then rolls back). Events are plain JSON with
a `type`, carrying ids and codes, never model instances."""

from __future__ import annotations

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

log = logging.getLogger(__name__)


def push_after_commit(group: str, event: dict) -> None:
    """Send `event` to every socket in `group` once the current transaction commits.

    A failed push is logged, never raised: the change is stored, and a page that missed
    the push shows it on its next load.
    """
    push_all_after_commit([(group, event)])


def push_all_after_commit(messages: list[tuple[str, dict]]) -> None:
    """Send each `(group, event)` after commit, all in one trip to the channel layer: a
    worker outside the server pays for an event loop and a Redis connection per trip."""
    if not messages:
        return

    async def send_all() -> None:
        layer = get_channel_layer()
        for group, event in messages:
            try:
                await layer.group_send(group, {"type": "event.push", "event": event})
            except Exception:  # the channel layer (Redis) may be down; the data is safe
                log.exception("Could not push %s to %s", event.get("type"), group)

    def push() -> None:
        try:
            async_to_sync(send_all)()
        except Exception:  # no loop to send from (a test's thread): the data is safe
            log.exception("Could not push %d event(s)", len(messages))

    transaction.on_commit(push)


def user_group(user_id: int) -> str:
    """The group of every live socket a person holds open: what is sent to them (their
    alerts), and word that their access changed."""
    return f"user-{user_id}"


def push_access_changed(user_id: int) -> None:
    """After a person's roles or standing change: each of their open sockets checks
    their access again at once (and closes if it is gone), not only at its next beat."""
    push_after_commit(user_group(user_id), {"type": "access.changed"})
