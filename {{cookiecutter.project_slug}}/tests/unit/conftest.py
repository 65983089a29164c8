{%- set f = project_features(cookiecutter) -%}
"""Fixtures shared by the unit tests: a mocked AWS account, sample events and a Lambda context.

The environment is set before anything imports the function, because its
settings are read and its AWS clients created at import, as in Lambda. It lives
here, not in tests/, so that the integration tests keep the caller's real
credentials.
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
        "POWERTOOLS_SERVICE_NAME": "{{ cookiecutter.project_slug }}",
        "POWERTOOLS_METRICS_NAMESPACE": "{{ cookiecutter.project_slug }}",
{%- if f.table %}
        "TABLE_NAME": "data-test",
{%- endif %}
{%- if f.idempotency %}
        "IDEMPOTENCY_TABLE_NAME": "idempotency-test",
{%- endif %}
{%- if f.job_worker %}
        "WORKER_QUEUE_URL": "https://sqs.{{ cookiecutter.aws_region }}.amazonaws.com/123456789012/worker-test",
{%- endif %}
{%- if f.secrets == "ssm" %}
        "SECRET_NAME": "/{{ cookiecutter.secret_name }}",
{%- elif f.secrets == "secretsmanager" %}
        "SECRET_NAME": "{{ cookiecutter.secret_name }}",
{%- endif %}
    }
)

{% if f.aws_clients or f.source.test_fixtures %}import boto3
{% endif %}import pytest
from aws_lambda_powertools.metrics.provider import cold_start

# moto must be imported before the function creates its clients, so it can intercept them.
from moto import mock_aws

from {{ cookiecutter.package_name }}{% if f.secrets != "none" %} import notifications
from {{ cookiecutter.package_name }}{% endif %}.observability import logger, metrics

EVENTS_DIR = Path(__file__).resolve().parents[2] / "events"
REGION = "{{ cookiecutter.aws_region }}"
FUNCTION_NAME = "{{ cookiecutter.project_slug }}-dev-Function"
{%- if f.secrets != "none" %}
WEBHOOK = {"url": "https://hooks.example.com/{{ cookiecutter.project_slug }}", "token": "s3cr3t-token"}
{%- endif %}


@dataclass(frozen=True)
class FakeLambdaContext:
    """The attributes of the Lambda context object that Powertools reads."""

    function_name: str = FUNCTION_NAME
    function_version: str = "$LATEST"
    memory_limit_in_mb: int = {{ cookiecutter.memory_size | int }}
    invoked_function_arn: str = f"arn:aws:lambda:{REGION}:123456789012:function:{FUNCTION_NAME}"
    aws_request_id: str = "52fdfc07-2182-454f-963f-5f0f9a621d72"
    log_group_name: str = "/aws/lambda/{{ cookiecutter.project_slug }}-dev/function"
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
    """An empty mocked AWS account."""
    with mock_aws():
        yield
{%- if f.dynamodb_client %}


def create_table(name: str, *, ttl_attribute: str | None = None) -> str:
    """Create a table keyed on ``id``, shaped as in template.yaml."""
    client = boto3.client("dynamodb")
    client.create_table(
        TableName=name,
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        BillingMode="PAY_PER_REQUEST",
    )
    if ttl_attribute:
        client.update_time_to_live(
            TableName=name,
            TimeToLiveSpecification={"Enabled": True, "AttributeName": ttl_attribute},
        )
    return name
{%- endif %}
{%- if f.table %}


@pytest.fixture
def data_table(aws: None) -> str:
    """The data table, empty."""
    return create_table(os.environ["TABLE_NAME"])
{%- endif %}
{%- if f.idempotency %}


@pytest.fixture
def idempotency_table(aws: None) -> str:
    """The idempotency table, with its TTL attribute."""
    return create_table(os.environ["IDEMPOTENCY_TABLE_NAME"], ttl_attribute="expiration")
{%- endif %}
{%- if f.job_worker %}


@pytest.fixture
def worker_queue(aws: None) -> str:
    """The {{ f.job_module }}'s queue, where the API sends its jobs; returns its URL."""
    url = boto3.client("sqs").create_queue(QueueName="worker-test")["QueueUrl"]
    assert url == os.environ["WORKER_QUEUE_URL"], "the environment names another queue"
    return url
{%- endif %}
{%- if f.source.test_fixtures %}
{%- import "triggers/" ~ cookiecutter.trigger ~ "/conftest.py" as trigger_fixtures with context %}
{{- trigger_fixtures.fixtures() }}
{%- endif %}
{%- if f.secrets != "none" %}


@pytest.fixture
def webhook_secret(aws: None) -> Iterator[dict[str, str]]:
    """The webhook configuration, stored where the function reads it; the cache starts empty."""
{%- if f.secrets == "secretsmanager" %}
    boto3.client("secretsmanager").create_secret(
        Name=os.environ["SECRET_NAME"], SecretString=json.dumps(WEBHOOK)
    )
{%- else %}
    boto3.client("ssm").put_parameter(
        Name=os.environ["SECRET_NAME"], Value=json.dumps(WEBHOOK), Type="SecureString"
    )
{%- endif %}
    notifications._provider.clear_cache()
    yield WEBHOOK
    notifications._provider.clear_cache()


@dataclass
class FakeResponse:
    """Just enough of an HTTP response for notifications.notify."""

    status: int = 204

    def read(self) -> bytes:
        return b""

    def __enter__(self) -> FakeResponse:
        return self

    def __exit__(self, *_exc: object) -> None:
        return None


@dataclass
class RecordingOpener:
    """Stands in for the webhook opener: records each request and answers 204."""

    sent: list[Any]

    def open(self, request: Any, timeout: float) -> FakeResponse:
        assert timeout > 0
        self.sent.append(request)
        return FakeResponse()


@pytest.fixture
def webhook_requests(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Capture the webhook calls instead of sending them; returns the list of requests."""
    sent: list[Any] = []
    monkeypatch.setattr(notifications, "_opener", RecordingOpener(sent))
    return sent
{%- endif %}


@pytest.fixture
def resources(
    aws: None,
{%- if f.table %}
    data_table: str,
{%- endif %}
{%- if f.idempotency %}
    idempotency_table: str,
{%- endif %}
{%- if f.job_worker %}
    worker_queue: str,
{%- endif %}
{%- for fixture in f.source.test_fixtures %}
    {{ fixture }}: str,
{%- endfor %}
{%- if f.secrets != "none" %}
    webhook_secret: dict[str, str],
    webhook_requests: list[Any],
{%- endif %}
) -> None:
    """Every AWS resource the function uses, as the stack creates them."""


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


def emf_documents(output: str) -> list[dict[str, Any]]:
    """The CloudWatch embedded-metric-format documents in captured stdout."""
    lines = (json.loads(line) for line in output.splitlines() if line.startswith("{"))
    return [document for document in lines if "_aws" in document]


def metric_total(output: str, name: str) -> float:
    """The sum of metric ``name`` over the EMF documents in captured stdout."""
    return sum(sum(document[name]) for document in emf_documents(output) if name in document)


@pytest.fixture(autouse=True)
def _clear_metrics() -> Iterator[None]:
    """Drop metrics a failed invocation left unflushed, so tests stay independent."""
    yield
    metrics.clear_metrics()
