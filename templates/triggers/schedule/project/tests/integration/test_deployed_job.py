"""Smoke test of the deployed job: one run through the live alias, as the scheduler sends it."""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest

pytestmark = pytest.mark.integration


def test_a_run_invoked_as_the_scheduler_does_completes(
    aws: Any, stack_outputs: dict[str, str], wait_for_log: Callable[..., dict[str, Any]]
):
    # A scheduled time of its own, so an idempotent job does not take it for an earlier run.
    scheduled_time = datetime.now(UTC).isoformat(timespec="microseconds")
    run = {"scheduled_time": scheduled_time, "execution_id": f"smoke-{uuid.uuid4()}"}
    since = time.time()
    response = aws.client("lambda").invoke(
        FunctionName=stack_outputs["FunctionAliasArn"], Payload=json.dumps(run).encode()
    )
    assert "FunctionError" not in response, response["Payload"].read().decode()
    assert wait_for_log("Job completed", since, scheduled_time=scheduled_time)
