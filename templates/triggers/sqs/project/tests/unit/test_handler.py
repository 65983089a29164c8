{%- set f = features(cookiecutter) -%}
"""The SQS handler: partial batch failures, the redrive path and {% if f.idempotency %}duplicate deliveries{% else %}logging{% endif %}."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import boto3
import pytest
from aws_lambda_powertools.utilities.batch.exceptions import BatchProcessingError
from cfnlint.decode.cfn_yaml import load
from moto.sqs import models as moto_sqs

from {{ cookiecutter.package_name }}{{ f.subpackage }} import handler
from tests.unit.conftest import metric_total

POISON_BODY_PREFIX = '{"order_id": "o-1002"'
TEMPLATE = Path(__file__).resolve().parents[{{ 3 if f.module else 2 }}] / "template.yaml"


def failed_ids(response: dict[str, Any]) -> list[str]:
    return [failure["itemIdentifier"] for failure in response["batchItemFailures"]]


def test_valid_batch_processes_every_order(resources, load_event, lambda_context, capsys):
    response = handler.lambda_handler(load_event("orders_batch.json"), lambda_context)
    assert response == {"batchItemFailures": []}
    assert metric_total(capsys.readouterr().out, "OrdersProcessed") == 3
{%- if f.table %}


def test_valid_batch_is_stored(resources, data_table, load_event, lambda_context):
    handler.lambda_handler(load_event("orders_batch.json"), lambda_context)
    stored = boto3.client("dynamodb").scan(TableName=data_table)["Items"]
    assert sorted(item["id"]["S"] for item in stored) == ["o-1001", "o-1002", "o-1003"]
{%- endif %}


def test_poison_message_is_reported_alone_and_the_rest_succeed(
    resources, load_event, lambda_context, log_records, capsys
):
    event = load_event("orders_batch_with_poison_message.json")
    poison = event["Records"][1]

    response = handler.lambda_handler(event, lambda_context)

    assert failed_ids(response) == [poison["messageId"]]
    metrics_output = capsys.readouterr().out
    assert metric_total(metrics_output, "OrdersProcessed") == 2
    assert metric_total(metrics_output, "MessagesFailed") == 1
    (failure,) = [record for record in log_records() if record["level"] == "ERROR"]
    assert failure["message_id"] == poison["messageId"]
    assert failure["receive_count"] == 1
    assert "JSONDecodeError" in failure["exception"]


def test_a_batch_where_every_message_fails_is_retried_whole(resources, load_event, lambda_context):
    event = load_event("orders_batch_with_poison_message.json")
    event["Records"] = [event["Records"][1]]
    with pytest.raises(BatchProcessingError):
        handler.lambda_handler(event, lambda_context)


def as_lambda_record(message: dict[str, Any], queue_arn: str) -> dict[str, Any]:
    """Shape a ReceiveMessage result the way the event source mapping delivers it."""
    return {
        "messageId": message["MessageId"],
        "receiptHandle": message["ReceiptHandle"],
        "body": message["Body"],
        "attributes": message["Attributes"],
        "messageAttributes": {},
        "md5OfBody": message["MD5OfBody"],
        "eventSource": "aws:sqs",
        "eventSourceARN": queue_arn,
        "awsRegion": "{{ cookiecutter.aws_region }}",
    }


@pytest.fixture
def sqs_clock(monkeypatch: pytest.MonkeyPatch) -> Callable[[float], None]:
    """Move moto's SQS clock (it reads moto.sqs.models.unix_time_millis) forward by seconds."""
    offset_ms = [0.0]
    real_millis = moto_sqs.unix_time_millis

    def millis(moment: Any = None) -> float:
        return real_millis(moment) + offset_ms[0]

    def advance(seconds: float) -> None:
        offset_ms[0] += seconds * 1000

    monkeypatch.setattr(moto_sqs, "unix_time_millis", millis)
    return advance


def source_queue_settings() -> tuple[int, int]:
    """{{ f.prefix }}SourceQueue's maxReceiveCount and VisibilityTimeout, as template.yaml deploys them."""
    queue = load(str(TEMPLATE))["Resources"]["{{ f.prefix }}SourceQueue"]["Properties"]
    return int(queue["RedrivePolicy"]["maxReceiveCount"]), int(queue["VisibilityTimeout"])


def receive(queue_url: str) -> list[dict[str, Any]]:
    """One ReceiveMessage call, as the event source mapping polls."""
    return (
        boto3.client("sqs")
        .receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, AttributeNames=["All"])
        .get("Messages", [])
    )


def test_poison_message_ends_in_the_dead_letter_queue(
    resources, load_event, lambda_context, sqs_clock
):
    """Drive queues shaped by template.yaml as the event source mapping does."""
    max_receives, visibility_timeout = source_queue_settings()
    sqs = boto3.client("sqs")
    dlq_url = sqs.create_queue(QueueName="orders-dlq")["QueueUrl"]
    dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])
    redrive = {
        "deadLetterTargetArn": dlq_arn["Attributes"]["QueueArn"],
        "maxReceiveCount": max_receives,
    }
    queue_url = sqs.create_queue(
        QueueName="orders",
        Attributes={
            "RedrivePolicy": json.dumps(redrive),
            "VisibilityTimeout": str(visibility_timeout),
        },
    )["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])[
        "Attributes"
    ]["QueueArn"]
    records = load_event("orders_batch_with_poison_message.json")["Records"]
    bodies = [record["body"] for record in records]
    for body in bodies:
        sqs.send_message(QueueUrl=queue_url, MessageBody=body)

    handled: list[str] = []
    while (messages := receive(queue_url)) and len(handled) < 10 * len(bodies):
        handled += [message["Body"] for message in messages]
        event = {"Records": [as_lambda_record(message, queue_arn) for message in messages]}
        try:
            failed = set(failed_ids(handler.lambda_handler(event, lambda_context)))
        except BatchProcessingError:
            failed = {message["MessageId"] for message in messages}
        for message in messages:
            if message["MessageId"] not in failed:
                sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
        # A failed message is not delivered again while the visibility timeout runs...
        sqs_clock(visibility_timeout - 1)
        assert receive(queue_url) == []
        # ...and is once it has passed.
        sqs_clock(2)

    assert handled.count(bodies[1]) == max_receives
    assert sorted(set(handled)) == sorted(bodies)
    dead = sqs.receive_message(QueueUrl=dlq_url, MaxNumberOfMessages=10)["Messages"]
    assert [message["Body"] for message in dead] == [bodies[1]]
    assert bodies[1].startswith(POISON_BODY_PREFIX)
{%- if f.idempotency %}


def test_duplicate_delivery_is_processed_once(resources, load_event, lambda_context, capsys):
    event = load_event("orders_batch.json")
    first = handler.lambda_handler(event, lambda_context)
    second = handler.lambda_handler(event, lambda_context)
    assert first == second == {"batchItemFailures": []}
    assert metric_total(capsys.readouterr().out, "OrdersProcessed") == 3
{%- endif %}
{%- if f.secrets != "none" %}


def test_each_order_notifies_the_webhook(resources, load_event, lambda_context, webhook_requests):
    handler.lambda_handler(load_event("orders_batch.json"), lambda_context)
    events = [json.loads(request.data) for request in webhook_requests]
    assert [event["data"]["order_id"] for event in events] == ["o-1001", "o-1002", "o-1003"]
    assert {event["event"] for event in events} == {"order.processed"}
{%- endif %}


def test_logs_carry_the_lambda_context(
    resources, load_event, lambda_context, log_records, cold_execution_environment
):
    handler.lambda_handler(load_event("orders_batch.json"), lambda_context)
    processed = [record for record in log_records() if record["message"] == "Order processed"]
    assert [record["order_id"] for record in processed] == ["o-1001", "o-1002", "o-1003"]
    assert processed[0]["function_request_id"] == lambda_context.aws_request_id
    assert processed[0]["cold_start"] is True
    assert processed[0]["service"] == "{{ cookiecutter.project_slug }}"
