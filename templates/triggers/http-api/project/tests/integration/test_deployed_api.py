{%- set f = features(cookiecutter) -%}
"""End-to-end checks against a deployed stack: the API's smoke tests.

`make test-integration ENV=...` runs them against the environment's stack (its ApiUrl
output); STACK_API_URL points them at another deployment of the API instead.
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
{%- if f.job_worker or f.table_consumer %}
import time
{%- endif %}
import urllib.error
import urllib.request
import uuid
{%- if f.job_worker or f.table_consumer %}
from collections.abc import Callable
{%- endif %}
from typing import Any

{% if f.api_auth == "iam" -%}
import boto3
{% endif -%}
import pytest
{%- if f.api_auth == "iam" %}
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
{%- endif %}
{%- if f.api_auth == "iam" %}

CREDENTIALS = boto3.session.Session().get_credentials()
{%- elif f.api_auth == "jwt" %}

TOKEN = os.environ.get("STACK_API_TOKEN", "")
{%- endif %}

pytestmark = [
    pytest.mark.integration,
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


@pytest.fixture(scope="module")
def api_url(request: pytest.FixtureRequest) -> str:
    """STACK_API_URL when set, else the deployed stack's ApiUrl output."""
    url = os.environ.get("STACK_API_URL") or request.getfixturevalue("stack_outputs")["ApiUrl"]
    return url.rstrip("/")


def call(
    api_url: str, method: str, path: str, body: dict[str, Any] | None = None, **headers: str
) -> tuple[int, Any]:
    url = f"{api_url}{path}"
    data = json.dumps(body).encode() if body is not None else None
    headers = auth_headers(method, url, data, {"content-type": "application/json", **headers})
    # The URL is the stack's own endpoint, from its outputs or STACK_API_URL.
    http_request = urllib.request.Request(url, data=data, method=method, headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(http_request, timeout=30) as response:  # noqa: S310
            raw = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        raw, status = error.read(), error.code
    return status, json.loads(raw) if raw else None


def test_item_lifecycle(api_url: str):
    status, created = call(api_url, "POST", "/items", {"name": "integration test item"})
    assert status == 201
    item_path = f"/items/{created['id']}"
    try:
        assert call(api_url, "GET", item_path) == (200, created)
        replacement = {"name": "renamed", "description": "x"}
        status, replaced = call(api_url, "PUT", item_path, replacement)
        assert (status, replaced["name"]) == (200, "renamed")
    finally:
        assert call(api_url, "DELETE", item_path)[0] == 204
    assert call(api_url, "GET", item_path)[0] == 404


def test_a_create_retried_with_its_idempotency_key_returns_the_same_item(api_url: str):
    key = {"Idempotency-Key": str(uuid.uuid4())}
    body = {"name": "integration test item"}
    status, created = call(api_url, "POST", "/items", body, **key)
    try:
        assert status == 201
        assert call(api_url, "POST", "/items", body, **key) == (201, created)
    finally:
        call(api_url, "DELETE", f"/items/{created['id']}")


def test_invalid_body_is_rejected_with_400(api_url: str):
    status, body = call(api_url, "POST", "/items", {"description": "no name"})
    assert status == 400
    assert body["error"] == "Bad Request"


def test_unknown_route_gets_the_functions_json_404(api_url: str):
    status, body = call(api_url, "GET", "/no-such-route")
    assert status == 404
    assert body == {"error": "Not Found", "message": "No route for GET /no-such-route"}
{%- if f.job_worker %}


def test_an_order_is_queued_and_the_{{ f.job_module }}_processes_it(
    api_url: str, wait_for_log: Callable[..., dict[str, Any]]
):
    since = time.time()
    order = {"customer_id": "c-smoke", "total_cents": 100, "currency": "EUR"}
    status, queued = call(api_url, "POST", "/orders", order)
    assert (status, queued["status"]) == (202, "queued")
    processed = wait_for_log("Order processed", since, group="{{ f.job_module }}", order_id=queued["order_id"])
    assert processed["order_id"] == queued["order_id"]
{%- endif %}
{%- if f.table_consumer %}


def test_an_item_s_changes_reach_the_{{ f.table_consumer_module }}_consumer(
    api_url: str, wait_for_log: Callable[..., dict[str, Any]]
):
    """The consumer reads the data table's stream: a creation and a deletion reach it."""
    since = time.time()
    status, created = call(api_url, "POST", "/items", {"name": "integration test item"})
    assert status == 201
    change = {"group": "{{ f.table_consumer_module }}", "item_id": created["id"]}
    try:
        assert wait_for_log("Item change processed", since, **change, change="created")
    finally:
        assert call(api_url, "DELETE", f"/items/{created['id']}")[0] == 204
    assert wait_for_log("Item change processed", since, **change, change="deleted")
{%- endif %}
