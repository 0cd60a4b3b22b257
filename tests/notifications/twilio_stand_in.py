"""A local stand-in for Twilio's REST API, holding Lantern's requests to the shape Twilio
documents: `POST /2010-04-01/Accounts/{AccountSid}/Messages.json` (To, From, Body,
StatusCallback) and `.../Calls.json` (To, From, Twiml, StatusCallback), form-encoded, with
HTTP Basic auth as the account SID and auth token; it answers 201 with the resource's JSON
(`sid`, `status`, …), or with the status a test sets."""

from __future__ import annotations

import base64
import itertools
import json
import re
import threading
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

from tests.live import free_port

ACCOUNT_SID = "AC" + "0" * 32
AUTH_TOKEN = "stand-in-auth-token-0000000000000"
RESOURCE = re.compile(r"^/2010-04-01/Accounts/(AC[0-9a-f]{32})/(Messages|Calls)\.json$")


@dataclass
class Request:
    kind: str  # "Messages" or "Calls"
    form: dict[str, str]
    auth: tuple[str, str]


class TwilioStandIn:
    def __init__(self):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.requests: list[Request] = []
        self.fail: set[str] = set()  # kinds answered 400 (as Twilio refuses a bad number)
        serial = itertools.count(1)
        stand_in = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802
                found = RESOURCE.match(self.path)
                raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                scheme, _, encoded = self.headers.get("Authorization", "").partition(" ")
                user, _, password = base64.b64decode(encoded).decode().partition(":")
                if scheme != "Basic" or found is None or user != found[1]:
                    return self._answer(401, {"code": 20003, "message": "Authenticate"})
                form = {key: values[0] for key, values in parse_qs(raw.decode()).items()}
                kind = found[2]
                stand_in.requests.append(Request(kind, form, (user, password)))
                if kind in stand_in.fail:
                    return self._answer(400, {"code": 21211, "message": "Invalid 'To'"})
                prefix = "SM" if kind == "Messages" else "CA"
                sid = f"{prefix}{next(serial):032x}"
                body = {"sid": sid, "account_sid": user, "status": "queued", "to": form.get("To")}
                body["from"] = form.get("From")
                return self._answer(201, body)

            def _answer(self, status, payload):
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
