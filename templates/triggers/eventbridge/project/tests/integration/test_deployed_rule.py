"""Smoke test of the deployed rule: a matching event put on the bus is processed."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.integration

EVENT_BUS = {{ cookiecutter.event_bus_name | tojson }}


def test_a_matching_event_is_processed(aws: Any, wait_for_log: Callable[..., dict[str, Any]]):
    order_id = f"smoke-{uuid.uuid4()}"
    order = {"order_id": order_id, "customer_id": "c-smoke", "total_cents": 100, "currency": "EUR"}
    since = time.time()
    response = aws.client("events").put_events(
        Entries=[
            {
                "EventBusName": EVENT_BUS,
                "Source": {{ cookiecutter.event_source | tojson }},
                "DetailType": {{ cookiecutter.event_detail_type | tojson }},
                "Detail": json.dumps(order),
            }
        ]
    )
    assert response["FailedEntryCount"] == 0, response["Entries"]
    assert wait_for_log("Order processed", since, order_id=order_id)["order_id"] == order_id
