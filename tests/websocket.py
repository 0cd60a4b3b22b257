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

    async def connect(self, timeout: float = 5):
        """(True, None) when accepted, (False, close code) when refused. A refused socket
        is then told the connection is gone, as a real server does, so that the
        application ends instead of being cancelled at the end of the test."""
        await self.send_input({"type": "websocket.connect"})
        answer = await self.receive_output(timeout)
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
