"""Every request body has a size limit, applied before Django reads a byte of it.

Under ASGI, Django spools a whole body to memory and disk before any view runs, and DRF's
parsers read it without Django's DATA_UPLOAD_MAX_MEMORY_SIZE check: a client could make a
process read and parse gigabytes. This ASGI wrapper answers 413 to a body that says it is
too long (Content-Length) or turns out to be (a chunked body is counted as it arrives).
The largest honest body is an annual submission's 20,000 case rows or its file.
"""

from __future__ import annotations

import json

from django.conf import settings


def _declared_length(scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


class RequestBodyLimit:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = settings.REQUEST_BODY_MAX_BYTES
        declared = _declared_length(scope)
        if declared is not None and declared > limit:
            return await _too_large(scope, send, limit)
        received = 0
        exceeded = False
        started = False

        async def counted_receive():
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # Django stops reading at a disconnect (RequestAborted) and answers
                    # nothing; the 413 is sent below.
                    exceeded = True
                    return {"type": "http.disconnect"}
            return message

        async def watched_send(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        await self.app(scope, counted_receive, watched_send)
        if exceeded and not started:
            await _too_large(scope, send, limit)


async def _too_large(scope, send, limit: int) -> None:
    detail = f"The request is larger than Lantern accepts ({limit // 1_000_000} MB at most)."
    if scope.get("path", "").startswith("/api/"):
        body, kind = json.dumps({"detail": detail}).encode(), b"application/json"
    else:
        body, kind = detail.encode(), b"text/plain; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
