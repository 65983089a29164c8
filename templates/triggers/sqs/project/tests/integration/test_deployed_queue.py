"""Smoke test of the deployed consumer: an order sent to SourceQueue is processed."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.integration


def test_an_order_sent_to_the_queue_is_processed(
    aws: Any, stack_outputs: dict[str, str], wait_for_log: Callable[..., dict[str, Any]]
):
    order_id = f"smoke-{uuid.uuid4()}"
    order = {"order_id": order_id, "customer_id": "c-smoke", "total_cents": 100, "currency": "EUR"}
    since = time.time()
    aws.client("sqs").send_message(
        QueueUrl=stack_outputs["SourceQueueUrl"], MessageBody=json.dumps(order)
    )
    assert wait_for_log("Order processed", since, order_id=order_id)["order_id"] == order_id
