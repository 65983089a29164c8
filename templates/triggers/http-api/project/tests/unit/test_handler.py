{%- set f = features(cookiecutter) -%}
"""The HTTP API handler, invoked in-process with the sample events against a mocked table."""

from __future__ import annotations

import json
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

{% if f.secrets != "none" -%}
from {{ cookiecutter.package_name }} import clients, handler, notifications
{% else -%}
from {{ cookiecutter.package_name }} import clients, handler
{% endif -%}
from tests.unit.conftest import emf_documents

CONTENT_TYPE_JSON = "application/json"


def at_item(event: dict[str, Any], item_id: str) -> dict[str, Any]:
    """Point a sample ``/items/{item_id}`` event at another item."""
    path = f"/items/{item_id}"
    event["rawPath"] = path
    event["requestContext"]["http"]["path"] = path
    event["pathParameters"] = {"item_id": item_id}
    return event


def call(event: dict[str, Any], context: Any) -> tuple[int, dict[str, Any] | None]:
    response = handler.lambda_handler(event, context)
    body = json.loads(response["body"]) if response.get("body") else None
    if body is not None:
        assert response["headers"]["Content-Type"] == CONTENT_TYPE_JSON
    return response["statusCode"], body


@pytest.fixture
def created_item(resources, load_event, lambda_context) -> dict[str, Any]:
    status, body = call(load_event("create_item.json"), lambda_context)
    assert status == 201
    return body


def test_create_item_returns_201_and_stores_the_item(created_item, data_table):
    assert created_item["name"] == "Espresso beans"
    assert created_item["description"] == "1 kg, medium roast"
    stored = boto3.client("dynamodb").get_item(
        TableName=data_table, Key={"id": {"S": created_item["id"]}}
    )
    assert stored["Item"]["name"] == {"S": "Espresso beans"}
{%- if f.secrets != "none" %}


def test_create_item_notifies_the_webhook(created_item, webhook_secret, webhook_requests):
    (request,) = webhook_requests
    assert request.full_url == webhook_secret["url"]
    assert request.get_header("Authorization") == f"Bearer {webhook_secret['token']}"
    assert json.loads(request.data) == {"event": "item.created", "data": created_item}
{%- endif %}


def with_idempotency_key(
    event: dict[str, Any], key: str, body: str | None = None
) -> dict[str, Any]:
    """A create request carrying ``Idempotency-Key: key`` (and another body, if given)."""
    event["headers"]["idempotency-key"] = key
    if body is not None:
        event["body"] = body
    return event


def stored_items(table: str) -> list[dict[str, Any]]:
    return boto3.client("dynamodb").scan(TableName=table)["Items"]


def test_a_create_retried_with_its_idempotency_key_returns_the_same_item(
    resources, data_table, load_event, lambda_context
):
    first = call(with_idempotency_key(load_event("create_item.json"), "req-7f3a"), lambda_context)
    again = call(with_idempotency_key(load_event("create_item.json"), "req-7f3a"), lambda_context)
    assert first[0] == again[0] == 201
    assert again[1]["id"] == first[1]["id"]
    assert len(stored_items(data_table)) == 1
    other = call(with_idempotency_key(load_event("create_item.json"), "req-8e4b"), lambda_context)
    assert other[1]["id"] != first[1]["id"]
    assert len(stored_items(data_table)) == 2


def test_an_idempotency_key_reused_with_another_body_is_422(
    resources, data_table, load_event, lambda_context
):
    call(with_idempotency_key(load_event("create_item.json"), "req-7f3a"), lambda_context)
    event = with_idempotency_key(load_event("create_item.json"), "req-7f3a", '{"name": "Tea"}')
    status, body = call(event, lambda_context)
    assert status == 422
    assert body["message"] == "This Idempotency-Key was already used with another request body"
    assert len(stored_items(data_table)) == 1


@pytest.mark.parametrize("key", ["", "x" * 256, "tab\there"], ids=["empty", "too-long", "control"])
def test_an_invalid_idempotency_key_is_400(resources, load_event, lambda_context, key):
    status, body = call(with_idempotency_key(load_event("create_item.json"), key), lambda_context)
    assert status == 400
    assert body["message"] == "Idempotency-Key must be 1-255 printable characters"
{%- if f.api_auth != "none" %}


def test_idempotency_keys_are_scoped_to_the_caller(
    resources, data_table, load_event, lambda_context
):
    mine = call(with_idempotency_key(load_event("create_item.json"), "req-1"), lambda_context)
    event = with_idempotency_key(load_event("create_item.json"), "req-1")
{%- if f.api_auth == "jwt" %}
    event["requestContext"]["authorizer"]["jwt"]["claims"]["sub"] = "another-user"
{%- else %}
    event["requestContext"]["authorizer"]["iam"]["userArn"] = "arn:aws:iam::123456789012:user/other"
{%- endif %}
    theirs = call(event, lambda_context)
    assert theirs[1]["id"] != mine[1]["id"]
    assert len(stored_items(data_table)) == 2
{%- endif %}
{%- if f.secrets != "none" %}


def test_a_create_whose_webhook_failed_is_retried_without_a_duplicate(
    resources, data_table, load_event, lambda_context, webhook_requests, monkeypatch
):
    """The item is written, the webhook fails (5xx to the caller); the retry completes the work."""
    working_opener = notifications._opener

    class FailingOpener:
        def open(self, _request: Any, timeout: float) -> None:
            assert timeout > 0
            raise notifications.WebhookDeliveryError("webhook answered 503 Service Unavailable")

    monkeypatch.setattr(notifications, "_opener", FailingOpener())
    event = with_idempotency_key(load_event("create_item.json"), "req-7f3a")
    with pytest.raises(notifications.WebhookDeliveryError):
        handler.lambda_handler(event, lambda_context)
    (written,) = stored_items(data_table)

    monkeypatch.setattr(notifications, "_opener", working_opener)
    retry = with_idempotency_key(load_event("create_item.json"), "req-7f3a")
    status, body = call(retry, lambda_context)
    assert status == 201
    assert body["id"] == written["id"]["S"]
    assert len(stored_items(data_table)) == 1
    (notified,) = webhook_requests
    assert json.loads(notified.data)["data"]["id"] == body["id"]


def test_a_completed_create_is_answered_again_without_a_second_notification(
    resources, data_table, load_event, lambda_context, webhook_requests
):
    first = call(with_idempotency_key(load_event("create_item.json"), "req-7f3a"), lambda_context)
    again = call(with_idempotency_key(load_event("create_item.json"), "req-7f3a"), lambda_context)
    assert again == first
    assert len(webhook_requests) == 1
    assert len(stored_items(data_table)) == 1
{%- endif %}


def test_get_item_returns_the_stored_item(created_item, load_event, lambda_context):
    status, body = call(at_item(load_event("get_item.json"), created_item["id"]), lambda_context)
    assert status == 200
    assert body == created_item


def test_replace_item_updates_fields_and_timestamp(created_item, load_event, lambda_context):
    event = at_item(load_event("replace_item.json"), created_item["id"])
    status, body = call(event, lambda_context)
    assert status == 200
    assert body["description"] == "2 kg, dark roast"
    assert body["created_at"] == created_item["created_at"]
    assert body["updated_at"] >= created_item["updated_at"]


def test_deleted_item_is_gone(created_item, load_event, lambda_context):
    status, body = call(at_item(load_event("delete_item.json"), created_item["id"]), lambda_context)
    assert (status, body) == (204, None)
    status, _ = call(at_item(load_event("get_item.json"), created_item["id"]), lambda_context)
    assert status == 404


@pytest.mark.parametrize("event_file", ["get_item.json", "replace_item.json", "delete_item.json"])
def test_missing_item_returns_404(resources, load_event, lambda_context, event_file):
    status, body = call(load_event(event_file), lambda_context)
    assert status == 404
    assert body["error"] == "Not Found"
    assert "3f2b8c1d9e4a4b6f8a7c5d2e1f0a9b8c" in body["message"]


def test_unknown_route_returns_404_json(resources, load_event, lambda_context):
    event = load_event("get_item.json")
    event["rawPath"] = event["requestContext"]["http"]["path"] = "/orders"
    status, body = call(event, lambda_context)
    assert status == 404
    assert body["message"] == "No route for GET /orders"


@pytest.mark.parametrize(
    ("raw_body", "message"),
    [
        ("{not json", "Request body must be a JSON object"),
        ('["a list"]', "Request body must be a JSON object"),
        ("", "Request body must be a JSON object"),
        ('{"description": "no name"}', "'name' is required and must be a non-empty string"),
        ('{"name": "   "}', "'name' is required and must be a non-empty string"),
        ('{"name": 42}', "'name' is required and must be a non-empty string"),
        ('{"name": "' + "x" * 201 + '"}', "'name' must be at most 200 characters"),
        ('{"name": "ok", "description": 7}', "'description' must be a string"),
        ('{"name": "ok", "price": 3}', "Unknown fields: price"),
    ],
    ids=[
        "invalid-json",
        "not-an-object",
        "empty",
        "missing-name",
        "blank-name",
        "name-not-string",
        "name-too-long",
        "description-not-string",
        "unknown-field",
    ],
)
def test_invalid_body_returns_400_with_reason(
    resources, load_event, lambda_context, raw_body, message
):
    event = load_event("create_item.json")
    event["body"] = raw_body
    status, body = call(event, lambda_context)
    assert status == 400
    assert body["error"] == "Bad Request"
    assert body["message"].startswith(message)


def test_malformed_item_id_returns_400_without_calling_dynamodb(aws, load_event, lambda_context):
    # No table exists: reaching DynamoDB would raise instead of answering 400.
    status, body = call(at_item(load_event("get_item.json"), "not-an-item-id"), lambda_context)
    assert status == 400
    assert "32 lowercase hexadecimal" in body["message"]


def test_unexpected_error_is_logged_with_stack_and_reraised(
    aws, load_event, lambda_context, log_records
):
    # No table: DynamoDB answers ResourceNotFoundException, which the API does not expect.
    with pytest.raises(ClientError, match="ResourceNotFoundException"):
        handler.lambda_handler(load_event("create_item.json"), lambda_context)
    errors = [record for record in log_records() if record["level"] == "ERROR"]
    assert len(errors) == 1
    assert errors[0]["message"] == "Unhandled error while handling the request"
    assert "ResourceNotFoundException" in errors[0]["exception"]
    assert errors[0]["exception_name"] == "ResourceNotFoundException"
    assert "Traceback" in errors[0]["exception"]
    assert errors[0]["correlation_id"] == "Cl9aRjQpoAMEbPw="


def test_logs_are_structured_with_lambda_context_and_correlation_id(
    resources, load_event, lambda_context, log_records, cold_execution_environment
):
    call(load_event("create_item.json"), lambda_context)
    call(load_event("create_item.json"), lambda_context)
    first, second = (r for r in log_records() if r["message"] == "Item created")
    assert first["level"] == "INFO"
    assert first["service"] == "{{ cookiecutter.project_slug }}"
    assert first["function_name"] == lambda_context.function_name
    assert first["function_request_id"] == lambda_context.aws_request_id
    assert first["function_memory_size"] == lambda_context.memory_limit_in_mb
    assert first["correlation_id"] == "Cl9aRjQpoAMEbPw="
    assert len(first["item_id"]) == 32
    assert (first["cold_start"], second["cold_start"]) == (True, False)


def test_metrics_include_cold_start_once_and_business_metric(
    resources, load_event, lambda_context, cold_execution_environment, capsys
):
    call(load_event("create_item.json"), lambda_context)
    call(load_event("create_item.json"), lambda_context)
    documents = emf_documents(capsys.readouterr().out)

    cold_starts = [doc for doc in documents if "ColdStart" in doc]
    assert len(cold_starts) == 1
    assert cold_starts[0]["function_name"] == lambda_context.function_name
    created = [doc for doc in documents if "ItemCreated" in doc]
    assert [doc["ItemCreated"] for doc in created] == [[1.0], [1.0]]
    directive = created[0]["_aws"]["CloudWatchMetrics"][0]
    assert directive["Namespace"] == "{{ cookiecutter.project_slug }}"
    assert directive["Metrics"] == [{"Name": "ItemCreated", "Unit": "Count"}]
    assert directive["Dimensions"] == [["service"]]


def test_aws_clients_are_created_once_and_reused(
    resources, load_event, lambda_context, monkeypatch
):
    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise AssertionError("a client was created during an invocation")

    monkeypatch.setattr(boto3, "client", refuse)
    monkeypatch.setattr(boto3.Session, "client", refuse)
    for _ in range(2):
        status, _ = call(load_event("create_item.json"), lambda_context)
        assert status == 201
    assert handler.store._client is clients.dynamodb


def test_client_has_explicit_timeouts_and_retry_mode():
    config = clients.dynamodb.meta.config
    assert (config.connect_timeout, config.read_timeout) == (1.0, 2.0)
    # Three attempts in all: the first call and two retries.
    assert config.retries == {"mode": "standard", "total_max_attempts": 3}
