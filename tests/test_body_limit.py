"""Every request body has a size limit, applied before Django reads it: a body that says
it is too long, or turns out to be, answers 413 and reaches no view."""

import asyncio
import json

from asgiref.testing import ApplicationCommunicator
from django.test import override_settings

from config.body_limit import RequestBodyLimit


class Recorder:
    """An inner app that reads the whole body, as Django does, and answers 201."""

    def __init__(self):
        self.read = 0
        self.answered = False

    async def __call__(self, scope, receive, send):
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            self.read += len(message.get("body", b""))
            if not message.get("more_body"):
                break
        self.answered = True
        await send({"type": "http.response.start", "status": 201, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})


def _scope(path="/api/v1/referrals/", length=None):
    headers = [(b"content-type", b"application/json")]
    if length is not None:
        headers.append((b"content-length", str(length).encode()))
    return {"type": "http", "method": "POST", "path": path, "headers": headers}


async def _answer(app, scope, chunks):
    communicator = ApplicationCommunicator(app, scope)
    for index, chunk in enumerate(chunks):
        await communicator.send_input(
            {"type": "http.request", "body": chunk, "more_body": index < len(chunks) - 1}
        )
    start = await communicator.receive_output(timeout=5)
    body = await communicator.receive_output(timeout=5)
    await communicator.wait(timeout=5)
    return start, body


@override_settings(REQUEST_BODY_MAX_BYTES=1_000)
def test_a_body_declared_too_long_is_refused_unread():
    inner = Recorder()
    start, body = asyncio.run(_answer(RequestBodyLimit(inner), _scope(length=5_000), [b"x" * 10]))
    assert start["status"] == 413
    assert "at most" in json.loads(body["body"])["detail"]
    assert inner.read == 0


@override_settings(REQUEST_BODY_MAX_BYTES=1_000)
def test_a_chunked_body_that_grows_too_long_is_cut_off():
    inner = Recorder()
    start, _ = asyncio.run(
        _answer(RequestBodyLimit(inner), _scope(), [b"x" * 600, b"x" * 600, b"x"])
    )
    assert start["status"] == 413
    assert not inner.answered
    assert inner.read <= 600


@override_settings(REQUEST_BODY_MAX_BYTES=1_000)
def test_a_body_within_the_limit_passes():
    inner = Recorder()
    start, _ = asyncio.run(_answer(RequestBodyLimit(inner), _scope(length=900), [b"x" * 900]))
    assert start["status"] == 201
    assert inner.read == 900


@override_settings(REQUEST_BODY_MAX_BYTES=1_000)
def test_a_page_gets_the_refusal_as_text():
    start, body = asyncio.run(
        _answer(RequestBodyLimit(Recorder()), _scope(path="/referrals/new/", length=2_000), [b""])
    )
    assert start["status"] == 413
    assert (b"content-type", b"text/plain; charset=utf-8") in start["headers"]
    assert b"larger than Lantern accepts" in body["body"]


def test_the_server_applies_it():
    from config.asgi import application

    assert isinstance(application.application_mapping["http"], RequestBodyLimit)
