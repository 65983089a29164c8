{%- set f = features(cookiecutter) -%}
"""End-to-end checks against a deployed stack.

Set STACK_API_URL to the stack's ApiUrl output (`make test-integration` after
`make deploy`); without it these tests are skipped.
{%- if f.api_auth == "iam" %}

Requests are signed with SigV4 using your AWS credentials, whose role must be
allowed `execute-api:Invoke` on the API.
{%- elif f.api_auth == "jwt" %}

Set STACK_API_TOKEN to a JWT from the API's issuer for its audience (JwtIssuer,
JwtAudience); without one these tests are skipped.
{%- endif %}
"""

from __future__ import annotations

import json
import os
{%- if f.api_auth == "iam" %}
import re
{%- endif %}
import urllib.error
import urllib.request
import uuid
from typing import Any

{% if f.api_auth == "iam" -%}
import boto3
{% endif -%}
import pytest
{%- if f.api_auth == "iam" %}
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
{%- endif %}

API_URL = os.environ.get("STACK_API_URL", "").rstrip("/")
{%- if f.api_auth == "iam" %}
CREDENTIALS = boto3.session.Session().get_credentials()
{%- elif f.api_auth == "jwt" %}
TOKEN = os.environ.get("STACK_API_TOKEN", "")
{%- endif %}

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not API_URL, reason="STACK_API_URL is not set: no deployed stack"),
{%- if f.api_auth == "iam" %}
    pytest.mark.skipif(
        CREDENTIALS is None, reason="no AWS credentials to sign the requests with (SigV4)"
    ),
{%- elif f.api_auth == "jwt" %}
    pytest.mark.skipif(
        not TOKEN, reason="STACK_API_TOKEN is not set: the API needs a JWT from its issuer"
    ),
{%- endif %}
]
{%- if f.api_auth == "iam" %}


def region_of(url: str) -> str:
    """The region in an execute-api URL, else the one the environment or samconfig.toml names."""
    match = re.search(r"\.execute-api\.([a-z0-9-]+)\.", url)
    if match:
        return match[1]
    configured = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION")
    return configured or "{{ cookiecutter.aws_region }}"


def auth_headers(
    method: str, url: str, body: bytes | None, headers: dict[str, str]
) -> dict[str, str]:
    """The SigV4 headers (Authorization, X-Amz-Date, ...) of this request for execute-api."""
    request = AWSRequest(method=method, url=url, data=body, headers=headers)
    SigV4Auth(CREDENTIALS.get_frozen_credentials(), "execute-api", region_of(url)).add_auth(request)
    return dict(request.headers.items())
{%- elif f.api_auth == "jwt" %}


def auth_headers(
    _method: str, _url: str, _body: bytes | None, headers: dict[str, str]
) -> dict[str, str]:
    """The bearer token the JWT authorizer checks."""
    return {**headers, "Authorization": f"Bearer {TOKEN}"}
{%- else %}


def auth_headers(
    _method: str, _url: str, _body: bytes | None, headers: dict[str, str]
) -> dict[str, str]:
    """The API has no authorizer: nothing to add."""
    return headers
{%- endif %}


def request(
    method: str, path: str, body: dict[str, Any] | None = None, **headers: str
) -> tuple[int, Any]:
    url = f"{API_URL}{path}"
    data = json.dumps(body).encode() if body is not None else None
    headers = auth_headers(method, url, data, {"content-type": "application/json", **headers})
    # The URL is the stack's own endpoint, from STACK_API_URL.
    http_request = urllib.request.Request(url, data=data, method=method, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(http_request, timeout=30) as response:  # noqa: S310
            raw = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        raw, status = error.read(), error.code
    return status, json.loads(raw) if raw else None


def test_item_lifecycle():
    status, created = request("POST", "/items", {"name": "integration test item"})
    assert status == 201
    item_path = f"/items/{created['id']}"
    try:
        assert request("GET", item_path) == (200, created)
        status, replaced = request("PUT", item_path, {"name": "renamed", "description": "x"})
        assert (status, replaced["name"]) == (200, "renamed")
    finally:
        assert request("DELETE", item_path)[0] == 204
    assert request("GET", item_path)[0] == 404


def test_a_create_retried_with_its_idempotency_key_returns_the_same_item():
    key = str(uuid.uuid4())
    body = {"name": "integration test item"}
    status, created = request("POST", "/items", body, **{"Idempotency-Key": key})
    try:
        assert status == 201
        assert request("POST", "/items", body, **{"Idempotency-Key": key}) == (201, created)
    finally:
        request("DELETE", f"/items/{created['id']}")


def test_invalid_body_is_rejected_with_400():
    status, body = request("POST", "/items", {"description": "no name"})
    assert status == 400
    assert body["error"] == "Bad Request"


def test_unknown_route_gets_the_functions_json_404():
    status, body = request("GET", "/no-such-route")
    assert status == 404
    assert body == {"error": "Not Found", "message": "No route for GET /no-such-route"}
