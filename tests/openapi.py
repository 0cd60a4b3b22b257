"""One API answer checked against the OpenAPI schema Lantern serves: the check the fuzzer
(tests/test_api_fuzz.py) runs on every answer, for focused regression tests."""

import functools

import requests
import schemathesis
from rest_framework.test import APIClient


@functools.cache
def _served() -> dict:
    return APIClient().get("/api/v1/schema/", {"format": "json"}).json()


def assert_matches_schema(response, *, method: str, path: str) -> None:
    """`path` as the schema names it (`/api/v1/parishes/{id}/`). Raises with each
    violation when the answer (body, status, content type) breaks the schema."""
    operation = schemathesis.openapi.from_dict(_served())[path][method.upper()]
    sent = requests.Request(method.upper(), f"http://testserver{response.wsgi_request.path}")
    answer = schemathesis.Response(
        status_code=response.status_code,
        headers={name: [value] for name, value in response.headers.items()},
        content=response.content,
        request=sent.prepare(),
        elapsed=0.0,
        verify=False,
    )
    operation.validate_response(answer)
