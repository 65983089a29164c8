{%- set f = features(cookiecutter) -%}
"""The EventBridge handler: valid events processed, invalid ones failed for the retry path."""

from __future__ import annotations

{% if f.secrets != "none" %}import json

{% endif %}{% if f.table %}import boto3
{% endif %}import pytest
{%- if f.idempotency %}
from aws_lambda_powertools.utilities.idempotency.exceptions import IdempotencyValidationError
{%- endif %}

from {{ cookiecutter.package_name }} import handler
from {{ cookiecutter.package_name }}.orders import InvalidOrderError
from tests.unit.conftest import metric_total


def test_valid_event_is_processed(resources, load_event, lambda_context, capsys):
    result = handler.lambda_handler(load_event("order_placed.json"), lambda_context)
    assert result == {"order_id": "o-1001", "status": "processed"}
    assert metric_total(capsys.readouterr().out, "OrdersProcessed") == 1
{%- if f.table %}


def test_valid_event_is_stored(resources, data_table, load_event, lambda_context):
    handler.lambda_handler(load_event("order_placed.json"), lambda_context)
    item = boto3.client("dynamodb").get_item(TableName=data_table, Key={"id": {"S": "o-1001"}})
    assert item["Item"]["customer_id"] == {"S": "c-41"}
    assert item["Item"]["total_cents"] == {"N": "1299"}
{%- endif %}


def test_invalid_event_fails_the_invocation_and_is_logged(
    resources, load_event, lambda_context, log_records
):
    event = load_event("order_placed_invalid.json")
    with pytest.raises(InvalidOrderError, match="total_cents"):
        handler.lambda_handler(event, lambda_context)
    (error,) = [record for record in log_records() if record["level"] == "ERROR"]
    assert error["correlation_id"] == event["id"]
    assert "InvalidOrderError" in error["exception_name"]


def test_event_without_detail_fails_the_invocation(resources, load_event, lambda_context):
    event = load_event("order_placed.json")
    del event["detail"]
    with pytest.raises(KeyError):
        handler.lambda_handler(event, lambda_context)
{%- if f.idempotency %}


def test_duplicate_event_is_processed_once(resources, load_event, lambda_context, capsys):
    event = load_event("order_placed.json")
    first = handler.lambda_handler(event, lambda_context)
    second = handler.lambda_handler(event, lambda_context)
    assert first == second
    assert metric_total(capsys.readouterr().out, "OrdersProcessed") == 1


def test_a_different_order_under_the_same_id_is_a_conflict(resources, load_event, lambda_context):
    event = load_event("order_placed.json")
    handler.lambda_handler(event, lambda_context)
    event["detail"]["total_cents"] += 1
    with pytest.raises(IdempotencyValidationError):
        handler.lambda_handler(event, lambda_context)
{%- endif %}
{%- if f.secrets != "none" %}


def test_processing_notifies_the_webhook(resources, load_event, lambda_context, webhook_requests):
    handler.lambda_handler(load_event("order_placed.json"), lambda_context)
    (request,) = webhook_requests
    assert json.loads(request.data)["event"] == "order.processed"
{%- endif %}


def test_logs_carry_the_event_id_as_correlation_id(
    resources, load_event, lambda_context, log_records, cold_execution_environment
):
    event = load_event("order_placed.json")
    handler.lambda_handler(event, lambda_context)
    (processed,) = [record for record in log_records() if record["message"] == "Order processed"]
    assert processed["correlation_id"] == event["id"]
    assert processed["cold_start"] is True
    assert processed["function_name"] == lambda_context.function_name
