"""A local stand-in for a deployed HTTP API, strict about authorization.

It answers the generated API's routes from memory, as the deployed function
would (201, 200, 204, 400, 404, 422 and the Idempotency-Key rules), and checks
each request as API Gateway's authorizer would: a SigV4 signature recomputed with
botocore from the same credentials (``iam``), or the expected bearer token
(``jwt``). A request that fails the check gets API Gateway's own 403 or 401.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials


@dataclass
class FakeApi:
    """What the fake API requires, and what it has seen."""

    auth: str  # none, iam or jwt
    credentials: Credentials | None = None
    region: str = "us-east-1"
    token: str = ""
    items: dict[str, dict[str, str]] = field(default_factory=dict)
    keys: dict[str, str] = field(default_factory=dict)
    refused: int = 0

    def authorized(self, method: str, url: str, headers: dict[str, str], body: bytes) -> bool:
        if self.auth == "jwt":
            return headers.get("authorization") == f"Bearer {self.token}"
        if self.auth == "iam":
            return self._signature_matches(method, url, headers, body)
        return True

    def _signature_matches(
        self, method: str, url: str, headers: dict[str, str], body: bytes
    ) -> bool:
        authorization = headers.get("authorization", "")
        if not authorization.startswith("AWS4-HMAC-SHA256 ") or "x-amz-date" not in headers:
            return False
        fields = dict(part.strip().split("=", 1) for part in authorization[17:].split(","))
        signed = fields["SignedHeaders"].split(";")
        request = AWSRequest(
            method=method, url=url, data=body or None, headers={h: headers[h] for h in signed}
        )
        request.context["timestamp"] = headers["x-amz-date"]
        signer = SigV4Auth(self.credentials, "execute-api", self.region)
        canonical = signer.canonical_request(request)
        expected = signer.signature(signer.string_to_sign(request, canonical), request)
        return fields["Signature"] == expected

    def answer(
        self, method: str, path: str, headers: dict[str, str], body: bytes
    ) -> tuple[int, Any]:
        if path == "/items" and method == "POST":
            return self._create(headers, body)
        if path.startswith("/items/"):
            item_id = path.removeprefix("/items/")
            if item_id not in self.items:
                return 404, {"error": "Not Found", "message": f"Item {item_id} not found"}
            if method == "GET":
                return 200, self.items[item_id]
            if method == "PUT":
                self.items[item_id] |= json.loads(body)
                return 200, self.items[item_id]
            if method == "DELETE":
                del self.items[item_id]
                return 204, None
        return 404, {"error": "Not Found", "message": f"No route for {method} {path}"}

    def _create(self, headers: dict[str, str], body: bytes) -> tuple[int, Any]:
        fields = json.loads(body)
        if not fields.get("name"):
            return 400, {"error": "Bad Request", "message": "'name' is required"}
        key = headers.get("idempotency-key")
        if key in self.keys:
            item = self.items[self.keys[key]]
            if item["name"] != fields["name"]:
                return 422, {"error": "Unprocessable Entity", "message": "key reused"}
            return 201, item
        item = {"id": uuid.uuid4().hex, "name": fields["name"], "description": ""}
        item |= fields
        self.items[item["id"]] = item
        if key:
            self.keys[key] = item["id"]
        return 201, item


@contextmanager
def serve(api: FakeApi) -> Iterator[str]:
    """Serve ``api`` on a free local port; yields its base URL."""

    class Handler(BaseHTTPRequestHandler):
        def _handle(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            headers = {name.lower(): value for name, value in self.headers.items()}
            url = f"http://{self.headers['Host']}{self.path}"
            if api.authorized(self.command, url, headers, body):
                status, payload = api.answer(self.command, self.path, headers, body)
            else:
                api.refused += 1
                status = 401 if api.auth == "jwt" else 403
                payload = {"message": "Unauthorized" if status == 401 else "Forbidden"}
            raw = json.dumps(payload).encode() if payload is not None else b""
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        do_GET = do_POST = do_PUT = do_DELETE = _handle

        def log_message(self, *_args: object) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
