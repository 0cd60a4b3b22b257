"""ASGI entry point: HTTP through Django, websockets through Channels.

Every app that serves a websocket adds its routes to `websocket_urlpatterns` below.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

# Django must be set up before anything imports models.
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.urls import re_path  # noqa: E402

from config.body_limit import RequestBodyLimit  # noqa: E402
from config.consumers import DatabaseOutageGuard, NoSuchSocket  # noqa: E402
from mdt.routing import websocket_urlpatterns as mdt_websockets  # noqa: E402
from notifications.auth import TokenAuthMiddleware  # noqa: E402
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
            AllowedHostsOriginValidator(
                AuthMiddlewareStack(TokenAuthMiddleware(URLRouter(websocket_urlpatterns)))
            )
        ),
    }
)
