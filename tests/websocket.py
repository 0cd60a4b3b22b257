"""A websocket test client on asgiref's ApplicationCommunicator (what Channels' own
WebsocketCommunicator does, without `channels.testing`, whose import needs daphne)."""

import json
from urllib.parse import urlsplit

from asgiref.testing import ApplicationCommunicator


class WebsocketClient(ApplicationCommunicator):
    def __init__(self, application, path: str, headers=None):
        parts = urlsplit(path)
        scope = {
            "type": "websocket",
            "path": parts.path,
            "raw_path": parts.path.encode(),
            "query_string": parts.query.encode(),
            "headers": headers or [],
            "subprotocols": [],
            "client": ("127.0.0.1", 50000),
            "server": ("127.0.0.1", 8000),
        }
        super().__init__(application, scope)
        self.held: list[dict] = []

    async def receive_output(self, timeout: float = 1):
        if self.held:
            return self.held.pop(0)
        return await super().receive_output(timeout)

    async def receive_nothing(self, timeout: float = 0.1, interval: float = 0.01) -> bool:
        return not self.held and await super().receive_nothing(timeout, interval)

    async def connect(self, timeout: float = 5):
        """(True, None) when accepted, (False, close code) when refused. A refused socket
        is then told the connection is gone, as a real server does, so that the
        application ends instead of being cancelled at the end of the test."""
        await self.send_input({"type": "websocket.connect"})
        answer = await self.receive_output(timeout)
        if answer["type"] == "websocket.accept" and not self.output_queue.empty():
            # config.consumers.RefusalsReachTheClient sends a refusal as an accept and its
            # close together, so that a browser reads the code: the close is queued already.
            following = self.output_queue.get_nowait()
            if following["type"] == "websocket.close" and 4000 <= following["code"] <= 4999:
                answer = following
            else:
                self.held.append(following)  # a real first event: keep its place
        if answer["type"] == "websocket.close":
            code = answer.get("code", 1000)
            await self.send_input({"type": "websocket.disconnect", "code": code})
            await self.wait(timeout)
            return False, code
        return True, None

    async def send_json_to(self, data) -> None:
        await self.send_input({"type": "websocket.receive", "text": json.dumps(data)})

    async def receive_json_from(self, timeout: float = 5):
        answer = await self.receive_output(timeout)
        assert answer["type"] == "websocket.send", answer
        return json.loads(answer["text"])

    async def disconnect(self, code: int = 1000, timeout: float = 5) -> None:
        await self.send_input({"type": "websocket.disconnect", "code": code})
        await self.wait(timeout)


ORIGIN = (b"origin", b"http://127.0.0.1")


def session_headers(user) -> list:
    """A socket's headers as a browser signed in as `user` sends them: its session cookie
    and an allowed Origin."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    return [ORIGIN, (b"cookie", cookie.encode())]
