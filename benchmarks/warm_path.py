"""Per-invocation cost of the generated API handler against bare handlers, with no network.

    python warm_path.py PACKAGE INVOCATIONS   (run by cold_start.py in the project's virtualenv)

Every DynamoDB GetItem is answered by a canned HTTP response at botocore's
``before-send`` hook, so serialisation and parsing run as in Lambda and only the
network is skipped. Prints microseconds per call as JSON: the generated handler
(logger, tracer, metrics, resolver, validation), a bare handler making the same
call with a client created once, and a naive one creating its client per call.
"""

from __future__ import annotations

import contextlib
import importlib
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

import boto3
from botocore.awsrequest import AWSResponse

ITEM_ID = "3f2b8c1d9e4a4b6f8a7c5d2e1f0a9b8c"
ITEM = {
    "id": {"S": ITEM_ID},
    "name": {"S": "Espresso beans"},
    "description": {"S": "1 kg"},
    "created_at": {"S": "2026-12-04T10:15:30.000+00:00"},
    "updated_at": {"S": "2026-12-04T10:15:30.000+00:00"},
}
EVENT = {
    "version": "2.0",
    "routeKey": "GET /items/{item_id}",
    "rawPath": f"/items/{ITEM_ID}",
    "rawQueryString": "",
    "headers": {"accept": "application/json"},
    "requestContext": {
        "accountId": "123456789012",
        "apiId": "abc123",
        "domainName": "abc123.execute-api.us-east-1.amazonaws.com",
        "http": {"method": "GET", "path": f"/items/{ITEM_ID}", "protocol": "HTTP/1.1",
                 "sourceIp": "203.0.113.10", "userAgent": "bench"},
        "requestId": "bench-request",
        "routeKey": "GET /items/{item_id}",
        "stage": "$default",
        "time": "04/Dec/2026:10:15:30 +0000",
        "timeEpoch": 1796379330000,
    },
    "pathParameters": {"item_id": ITEM_ID},
    "isBase64Encoded": False,
}  # fmt: skip


class Context:
    function_name = "benchmark-Function"
    function_version = "$LATEST"
    memory_limit_in_mb = 256
    invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:benchmark-Function"
    aws_request_id = "52fdfc07-2182-454f-963f-5f0f9a621d72"

    def get_remaining_time_in_millis(self) -> int:
        return 10_000


class _Body:
    def __init__(self, payload: bytes) -> None:
        self._payload = payload

    def stream(self, **_kwargs: Any) -> Any:
        yield self._payload


def canned_get_item(**_kwargs: Any) -> AWSResponse:
    body = json.dumps({"Item": ITEM}).encode()
    return AWSResponse("https://dynamodb", 200, {"x-amzn-requestid": "bench"}, _Body(body))


def microseconds_per_call(call: Callable[[], Any], invocations: int, repeats: int = 5) -> float:
    """Median over ``repeats`` rounds of the mean time of one call, in microseconds."""
    rounds = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(invocations):
            call()
        rounds.append((time.perf_counter() - start) / invocations * 1e6)
    return statistics.median(rounds)


def main(package: str, invocations: int) -> None:
    # Registered on the default session before any client exists, so every client
    # (the function's, the bare and the naive ones) gets the canned response.
    boto3.setup_default_session()
    boto3.DEFAULT_SESSION._session.register("before-send.dynamodb.GetItem", canned_get_item)
    handler = importlib.import_module(f"{package}.handler")
    clients = importlib.import_module(f"{package}.clients")

    bare_client = boto3.client("dynamodb", config=clients.AWS_CLIENT_CONFIG)
    context = Context()

    def generated() -> Any:
        return handler.lambda_handler(EVENT, context)

    def bare() -> Any:
        item = bare_client.get_item(TableName="data", Key={"id": {"S": ITEM_ID}})["Item"]
        return {"statusCode": 200, "body": json.dumps(item)}

    def naive() -> Any:
        client = boto3.client("dynamodb")
        item = client.get_item(TableName="data", Key={"id": {"S": ITEM_ID}})["Item"]
        return {"statusCode": 200, "body": json.dumps(item)}

    assert generated()["statusCode"] == 200
    with open(os.devnull, "w") as sink, contextlib.redirect_stdout(sink):
        figures = {
            "generated": microseconds_per_call(generated, invocations),
            "bare": microseconds_per_call(bare, invocations),
            "naive": microseconds_per_call(naive, max(invocations // 20, 20)),
        }
    print(json.dumps(figures))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
