"""Fixtures shared by the unit tests: a mocked AWS account, sample events and a Lambda context.

The environment is set before anything imports the function, because its
settings are read and its AWS clients created at import, as in Lambda.
"""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Fake credentials keep every test off real AWS, whatever the developer's shell has.
os.environ.update(
    {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SECURITY_TOKEN": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_DEFAULT_REGION": "{{ cookiecutter.aws_region }}",
        "TABLE_NAME": "items-test",
        "POWERTOOLS_SERVICE_NAME": "{{ cookiecutter.project_slug }}",
        "POWERTOOLS_METRICS_NAMESPACE": "{{ cookiecutter.project_slug }}",
    }
)

import boto3
import pytest
from aws_lambda_powertools.metrics.provider import cold_start

# moto must be imported before the function creates its clients, so it can intercept them.
from moto import mock_aws

from {{ cookiecutter.package_name }}.observability import logger, metrics

EVENTS_DIR = Path(__file__).resolve().parents[1] / "events"


@dataclass(frozen=True)
class FakeLambdaContext:
    """The attributes of the Lambda context object that Powertools reads."""

    function_name: str = "{{ cookiecutter.project_slug }}-items"
    function_version: str = "$LATEST"
    memory_limit_in_mb: int = {{ cookiecutter.memory_size | int }}
    invoked_function_arn: str = (
        "arn:aws:lambda:{{ cookiecutter.aws_region }}:123456789012:function:{{ cookiecutter.project_slug }}-items"
    )
    aws_request_id: str = "52fdfc07-2182-454f-963f-5f0f9a621d72"
    log_group_name: str = "/aws/lambda/{{ cookiecutter.project_slug }}-dev/items"
    log_stream_name: str = "2026/12/04/[$LATEST]0123456789abcdef"

    def get_remaining_time_in_millis(self) -> int:
        return {{ cookiecutter.timeout | int }} * 1000


@pytest.fixture
def lambda_context() -> FakeLambdaContext:
    return FakeLambdaContext()


@pytest.fixture
def load_event() -> Callable[[str], dict[str, Any]]:
    """Load a sample event from events/ by file name."""

    def load(name: str) -> dict[str, Any]:
        return json.loads((EVENTS_DIR / name).read_text())

    return load


@pytest.fixture
def aws() -> Iterator[None]:
    with mock_aws():
        yield


@pytest.fixture
def items_table(aws: None) -> str:
    """Create the items table, shaped as in template.yaml, and return its name."""
    name = os.environ["TABLE_NAME"]
    boto3.client("dynamodb").create_table(
        TableName=name,
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        BillingMode="PAY_PER_REQUEST",
    )
    return name


@pytest.fixture
def cold_execution_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the next invocation count as the first in a new execution environment."""
    monkeypatch.setattr(cold_start, "is_cold_start", True)
    monkeypatch.setattr("aws_lambda_powertools.logging.logger.is_cold_start", True)


@pytest.fixture
def log_records() -> Iterator[Callable[[], list[dict[str, Any]]]]:
    """Capture the function's structured log lines and return them parsed."""
    handler = logger.registered_handler
    buffer = io.StringIO()
    original = handler.setStream(buffer)
    try:
        yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines()]
    finally:
        handler.setStream(original)


@pytest.fixture(autouse=True)
def _clear_metrics() -> Iterator[None]:
    """Drop metrics a failed invocation left unflushed, so tests stay independent."""
    yield
    metrics.clear_metrics()
