{% if cookiecutter.kinesis_stream_arn -%}
"""Smoke test of the deployed consumer: an order on the stream is processed.

The stream belongs to another team, so the test does not write to it: it invokes the
live alias with one record shaped as the event source mapping delivers it.
"""
{%- else -%}
"""Smoke test of the deployed consumer: an order put on the stream is processed."""
{%- endif %}

from __future__ import annotations

{% if cookiecutter.kinesis_stream_arn -%}
import base64
{% endif -%}
import json
import time
import uuid
from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.integration


def test_an_order_on_the_stream_is_processed(
    aws: Any, stack_outputs: dict[str, str], wait_for_log: Callable[..., dict[str, Any]]
):
    order_id = f"smoke-{uuid.uuid4()}"
    order = {"order_id": order_id, "customer_id": "c-smoke", "total_cents": 100, "currency": "EUR"}
    since = time.time()
{%- if cookiecutter.kinesis_stream_arn %}
    response = aws.client("lambda").invoke(
        FunctionName=stack_outputs["FunctionAliasArn"],
        Payload=json.dumps(stream_event(order, stack_outputs["SourceStreamArn"])).encode(),
    )
    assert "FunctionError" not in response, response["Payload"].read().decode()
    assert json.loads(response["Payload"].read()) == {"batchItemFailures": []}
{%- else %}
    aws.client("kinesis").put_record(
        StreamName=stack_outputs["SourceStreamName"],
        Data=json.dumps(order).encode(),
        PartitionKey=order_id,
    )
{%- endif %}
    assert wait_for_log("Order processed", since, order_id=order_id)["order_id"] == order_id
{%- if cookiecutter.kinesis_stream_arn %}


def stream_event(order: dict[str, Any], stream_arn: str) -> dict[str, Any]:
    """A one-record batch as Lambda's event source mapping reads it from the stream."""
    sequence_number = str(time.time_ns())
    return {
        "Records": [
            {
                "kinesis": {
                    "kinesisSchemaVersion": "1.0",
                    "partitionKey": order["order_id"],
                    "sequenceNumber": sequence_number,
                    "data": base64.b64encode(json.dumps(order).encode()).decode(),
                    "approximateArrivalTimestamp": time.time(),
                },
                "eventSource": "aws:kinesis",
                "eventVersion": "1.0",
                "eventID": f"shardId-000000000000:{sequence_number}",
                "eventName": "aws:kinesis:record",
                "eventSourceARN": stream_arn,
                "awsRegion": stream_arn.split(":")[3],
            }
        ]
    }
{%- endif %}
