"""ASGI entry point: HTTP through Django, websockets through Channels.

Every app that serves a websocket adds its routes to `websocket_urlpatterns` below.
"""

import logging
import os
import re
from urllib.parse import unquote

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

# Django must be set up before anything imports models.
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from django.urls import re_path  # noqa: E402

from config.static_manifest import require_manifest  # noqa: E402

# With DEBUG off and no `collectstatic`, refuse to start rather than answer 500 to every page.
require_manifest()

from coordination import privacy  # noqa: E402

# The privacy guard's word lists and named-entity model (about 2.5 s; README, "The privacy
# guard"): loaded as the process starts, not on the first note someone saves.
privacy.warm_up()

from config.body_limit import RequestBodyLimit  # noqa: E402
from config.consumers import (  # noqa: E402
    DatabaseOutageGuard,
    NoSuchSocket,
    OriginCheck,
    RefusalsReachTheClient,
)
from mdt.routing import websocket_urlpatterns as mdt_websockets  # noqa: E402
from notifications.auth import SocketAuthMiddleware  # noqa: E402
from notifications.routing import websocket_urlpatterns as alert_websockets  # noqa: E402

websocket_urlpatterns: list = [
    *alert_websockets,
    *mdt_websockets,
    re_path(r"", NoSuchSocket.as_asgi()),  # last: any other path is refused cleanly
]

application = ProtocolTypeRouter(
    {
        "http": RequestBodyLimit(django_asgi_app),
        "websocket": DatabaseOutageGuard(
            RefusalsReachTheClient(
                OriginCheck(
                    AuthMiddlewareStack(SocketAuthMiddleware(URLRouter(websocket_urlpatterns)))
                )
            )
        ),
    }
)


class RedactCredentials(logging.Filter):
    """uvicorn writes every websocket handshake with its query string (`"WebSocket
    /ws/alerts/?ticket=…" [accepted]`) and every HTTP request line to its log: the value of
    any `ticket` or `token` parameter is replaced before the line is written. Lantern
    refuses a token in a URL, but a client that puts one there must not also leak it."""

    PARAMETER = re.compile(r"([?&;])([^=&;#\s\"]*)=([^&;#\s\"]*)")
    SECRET_NAMES = {"ticket", "token"}

    def _redact(self, text: str) -> str:
        def hide(found: re.Match) -> str:
            if unquote(found[2]).strip().lower() not in self.SECRET_NAMES:
                return found[0]
            return f"{found[1]}{found[2]}=[redacted]"

        return self.PARAMETER.sub(hide, text) if "=" in text else text

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = self._redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(
                self._redact(arg) if isinstance(arg, str) else arg for arg in record.args
            )
        return True


# uvicorn has set up its loggers before it imports this module (and in each worker).
for _server_log in ("uvicorn.error", "uvicorn.access"):
    logging.getLogger(_server_log).addFilter(RedactCredentials())
