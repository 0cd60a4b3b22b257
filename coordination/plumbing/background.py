"""Heavy work off the request path, on django-tasks (the database backend in production:
the queue is a table in the database Lantern already has; `manage.py db_worker` runs it).

A view checks who may ask, and how much they send, itself; then `run_in_worker(task,
...)` queues the task with ids and the bounded input (never model instances) and waits
for its outcome: without the CPU (it sleeps between short looks) and without a database
connection (it hands its connection back to the pool before each sleep). The CPU-heavy
part — parsing a file, checking 20,000 rows, drawing a PDF — runs in the worker's own
process, so a web process keeps answering every other request and socket meanwhile.

A task made with `@offloaded` returns an outcome: its value as JSON text, rendered as DRF
renders a response (so a dict keeps its key order through PostgreSQL's jsonb, and an API
view can send the text as it is: `answer_from_worker`, no parsing or rendering of 20,000
rows in the web process), or the refusal it raised (validation, permission, conflict, not
found). `run_in_worker` returns the value or raises the same refusal again, so the view
answers exactly as if it had done the work itself.

If the worker has not started the task within `TASK_WAIT_SECONDS`, the task is withdrawn
(nothing of it will ever run) and the request answers 503 with Retry-After: `WorkerBusy`.
A task the worker has started is bounded work (at most 20,000 rows, a 2 MB file), so the
request waits for it a while longer; past that, 503 too, saying the work goes on.

The result row holds the input (an uploaded file), so the request deletes it once read;
rows left by a request that gave up or died go with `prune_db_task_results`.
"""

from __future__ import annotations

import base64
import functools
import json
import logging
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.http import Http404
from django.utils.module_loading import import_string
from django_tasks import TaskResultStatus, task
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction
from rest_framework import exceptions as api_exceptions
from rest_framework import status
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from .errors import Conflict

log = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30
FIRST_PAUSE, LONGEST_PAUSE = 0.02, 0.25
FINISHED = {TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED}


class WorkerBusy(api_exceptions.APIException):
    """The task worker did not get to the work in time (503, Retry-After). Pages catch it."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_code = "busy"
    wait = RETRY_AFTER_SECONDS  # DRF's handler sends it as Retry-After

    NOT_STARTED = (
        "Lantern is busy with other uploads and reports and could not start this one in "
        "time; nothing was stored. Try again in a minute."
    )
    STILL_RUNNING = (
        "This is taking longer than usual and is still being done. Check again in a minute "
        "(an upload shows among the submission's versions when it is stored)."
    )


class TaskFailed(RuntimeError):
    """The task raised something that is not a refusal: a bug (500), logged by the worker."""


# --- the task side ------------------------------------------------------------------------
def offloaded(function: Callable[..., Any] | None = None, *, priority: int = 0):
    """Make a django-tasks task of `function` whose return value is an outcome. A worker
    takes the highest `priority` first: a short task need not wait behind long ones."""
    if function is None:
        return functools.partial(offloaded, priority=priority)

    @functools.wraps(function)
    def run(*args, **kwargs) -> dict:
        try:
            value = function(*args, **kwargs)
            # DRF renders None as an empty body; JSON's null keeps it a value.
            return {"value": JSONRenderer().render(value).decode() if value is not None else "null"}
        except (ValidationError, PermissionDenied, Http404, Conflict) as refusal:
            return {"refused": _encode(refusal)}
        except api_exceptions.APIException as refusal:
            return {"refused": _encode(refusal)}

    return task(run, priority=priority)


def as_text(data: bytes) -> str:
    """Bytes (a PDF, an uploaded file) as a task's argument or value: JSON holds text."""
    return base64.b64encode(data).decode("ascii")


def as_bytes(text: str) -> bytes:
    return base64.b64decode(text)


def _encode(refusal: Exception) -> dict:
    if isinstance(refusal, ValidationError):
        messages = refusal.message_dict if hasattr(refusal, "error_dict") else refusal.messages
        return {"kind": "validation", "messages": messages}
    if isinstance(refusal, Conflict):
        return {"kind": "conflict", "detail": refusal.detail, "extra": refusal.extra}
    if isinstance(refusal, api_exceptions.APIException):
        name = f"{type(refusal).__module__}.{type(refusal).__qualname__}"
        if not name.startswith("rest_framework.exceptions."):
            name = "rest_framework.exceptions.APIException"
        return {"kind": "api", "class": name, "detail": refusal.detail}
    kind = "permission" if isinstance(refusal, PermissionDenied) else "not-found"
    return {"kind": kind, "args": [str(arg) for arg in refusal.args]}


def _raise(refused: dict) -> None:
    kind = refused["kind"]
    if kind == "validation":
        raise ValidationError(refused["messages"])
    if kind == "conflict":
        raise Conflict(refused["detail"], **refused["extra"])
    if kind == "api":
        raise import_string(refused["class"])(refused["detail"])
    raise (PermissionDenied if kind == "permission" else Http404)(*refused["args"])


# --- the request side ---------------------------------------------------------------------
def run_in_worker(offloaded_task, /, *args, **kwargs) -> Any:
    """Run the task in the worker and return its value, or raise its refusal (or
    `WorkerBusy`). Call it outside any transaction: the worker must see the task."""
    return json.loads(_run(offloaded_task, *args, **kwargs))


def answer_from_worker(offloaded_task, /, *args, status: int, headers=None, **kwargs):
    """`run_in_worker` for an API view whose answer is the task's value: a Response that
    sends the JSON the worker rendered (parsed only if the client asked for another
    format, such as the browsable API)."""
    return WorkerResponse(_run(offloaded_task, *args, **kwargs), status=status, headers=headers)


class WorkerResponse(Response):
    def __init__(self, rendered: str, **kwargs):
        self.rendered_json = rendered
        super().__init__(None, **kwargs)

    @property
    def data(self):
        if self._data is None and self.rendered_json is not None:
            self._data = json.loads(self.rendered_json)
        return self._data

    @data.setter
    def data(self, value):
        self._data = value

    @property
    def rendered_content(self):
        renderer = getattr(self, "accepted_renderer", None)
        plain = isinstance(renderer, JSONRenderer) and not renderer.get_indent(
            self.accepted_media_type, self.renderer_context
        )
        if not plain:
            return super().rendered_content
        self["Content-Type"] = renderer.media_type
        return self.rendered_json.encode()


def _run(offloaded_task, /, *args, **kwargs) -> str:
    result = offloaded_task.enqueue(*args, **kwargs)
    if isinstance(offloaded_task.get_backend(), DatabaseBackend):
        outcome = _await_row(result.id)
    else:  # the immediate backend (tests): the task has run inside `enqueue`
        if result.status != TaskResultStatus.SUCCESSFUL:
            raise TaskFailed(f"Task {result.id} failed: {result.errors[0].traceback}")
        outcome = result.return_value
    if "refused" in outcome:
        _raise(outcome["refused"])
    return outcome["value"]


def _await_row(result_id: str) -> dict:
    rows = DBTaskResult.objects.filter(id=result_id)
    wait = settings.TASK_WAIT_SECONDS
    start_by = time.monotonic() + wait
    finish_by = start_by + wait
    pause = FIRST_PAUSE
    while True:
        # Between looks the request holds no connection: the pool lends it to others.
        if not connection.in_atomic_block:
            connection.close()
        time.sleep(pause)
        pause = min(pause * 1.5, LONGEST_PAUSE)
        state = rows.values_list("status", flat=True).first()
        if state in FINISHED:
            break
        now = time.monotonic()
        if state == TaskResultStatus.READY and now > start_by and _withdraw(result_id):
            raise WorkerBusy(WorkerBusy.NOT_STARTED)
        if state is None or now > finish_by:
            raise WorkerBusy(WorkerBusy.STILL_RUNNING)
    row = rows.values("status", "return_value", "exception_class_path").get()
    rows.delete()  # the input (an uploaded file) does not stay in the queue
    if row["status"] != TaskResultStatus.SUCCESSFUL:
        raise TaskFailed(f"Task {result_id} failed in the worker ({row['exception_class_path']})")
    return row["return_value"]


def _withdraw(result_id: str) -> bool:
    """Delete the task if no worker has claimed it; False if one just did. Workers claim
    with SELECT … FOR UPDATE SKIP LOCKED (an exclusive transaction on SQLite), so exactly
    one of the two wins."""
    with exclusive_transaction():
        waiting = (
            DBTaskResult.objects.select_for_update(skip_locked=True)
            .filter(id=result_id, status=TaskResultStatus.READY)
            .values_list("id", flat=True)
            .first()
        )
        if waiting is None:
            return False
        DBTaskResult.objects.filter(id=waiting).delete()
    log.warning(
        "Task %s withdrawn: no worker started it within %s s", result_id, settings.TASK_WAIT_SECONDS
    )
    return True


def enqueue_after_commit(task, **arguments) -> None:
    """Queue `task` once the change that causes it commits. A queue out of reach is logged,
    never raised: what the task would send about is stored, and the pages show it."""

    def enqueue() -> None:
        try:
            task.enqueue(**arguments)
        except Exception:
            log.exception("Could not queue %s", getattr(task, "name", task))

    transaction.on_commit(enqueue)
