"""End-to-end checks against a deployed stack.

Set STACK_API_URL to the stack's ApiUrl output (`make test-integration` after
`make deploy`); without it these tests are skipped.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from typing import Any

import pytest

API_URL = os.environ.get("STACK_API_URL", "").rstrip("/")

pytestmark = [
    pytest.mark.integration,
    pytest.mark.skipif(not API_URL, reason="STACK_API_URL is not set: no deployed stack"),
]


def request(method: str, path: str, body: dict[str, Any] | None = None) -> tuple[int, Any]:
    data = json.dumps(body).encode() if body is not None else None
    http_request = urllib.request.Request(  # noqa: S310 - the URL is the stack's own https endpoint
        f"{API_URL}{path}", data=data, method=method, headers={"content-type": "application/json"}
    )
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


def test_invalid_body_is_rejected_with_400():
    status, body = request("POST", "/items", {"description": "no name"})
    assert status == 400
    assert body["error"] == "Bad Request"
