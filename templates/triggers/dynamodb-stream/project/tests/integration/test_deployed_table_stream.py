"""Smoke test of the deployed consumer: an order written to the source table is processed."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest

pytestmark = pytest.mark.integration


@pytest.fixture
def order_id(aws: Any, stack_outputs: dict[str, str]) -> Iterator[str]:
    """A fresh order id; its item is deleted from the source table after the test."""
    order_id = f"smoke-{uuid.uuid4()}"
    yield order_id
    aws.resource("dynamodb").Table(stack_outputs["SourceTableName"]).delete_item(
        Key={"order_id": order_id}
    )


def test_an_order_written_to_the_table_is_processed(
    aws: Any,
    stack_outputs: dict[str, str],
    wait_for_log: Callable[..., dict[str, Any]],
    order_id: str,
):
    order = {"order_id": order_id, "customer_id": "c-smoke", "total_cents": 100, "currency": "EUR"}
    since = time.time()
    aws.resource("dynamodb").Table(stack_outputs["SourceTableName"]).put_item(Item=order)
    record = wait_for_log("Order change processed", since, order_id=order_id)
    assert (record["order_id"], record["change"]) == (order_id, "created")
