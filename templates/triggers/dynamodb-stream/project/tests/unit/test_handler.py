{%- set f = features(cookiecutter) -%}
"""The table-stream handler: changes in order, partial failures, the filter{% if f.idempotency %} and duplicates{% endif %}."""

from __future__ import annotations

{% if f.idempotency or f.secrets != "none" -%}
import json
{% endif -%}
from collections.abc import Callable
from pathlib import Path
from typing import Any

import boto3
import pytest
from aws_lambda_powertools.utilities.batch.exceptions import BatchProcessingError
from botocore.config import Config
from cfnlint.decode.cfn_yaml import load

from {{ cookiecutter.package_name }} import handler
from tests.unit.conftest import metric_total
from tests.unit.stream_mapping import ShardMapping, mapping_settings

TEMPLATE = Path(__file__).resolve().parents[2] / "template.yaml"
LogRecords = Callable[[], list[dict[str, Any]]]


def sequence_numbers(records: list[dict[str, Any]]) -> list[str]:
    return [record["dynamodb"]["SequenceNumber"] for record in records]


def failed_sequence_numbers(response: dict[str, Any]) -> list[str]:
    return [failure["itemIdentifier"] for failure in response["batchItemFailures"]]


def processed_changes(log_records: LogRecords) -> list[tuple[str, str]]:
    """The (order id, change) pairs that took effect, in the order they did."""
    return [
        (record["order_id"], record["change"])
        for record in log_records()
        if record["message"] == "Order change processed"
    ]


def test_inserts_and_modifications_are_processed_in_order(
    resources, load_event, lambda_context, log_records, capsys
):
    response = handler.lambda_handler(load_event("order_changes.json"), lambda_context)
    assert response == {"batchItemFailures": []}
    assert processed_changes(log_records) == [
        ("o-1001", "created"),
        ("o-1001", "updated"),
        ("o-1002", "created"),
    ]
    assert metric_total(capsys.readouterr().out, "OrderChangesProcessed") == 3
{%- if f.table %}


def test_the_data_table_keeps_each_orders_latest_state(
    resources, data_table, load_event, lambda_context
):
    handler.lambda_handler(load_event("order_changes.json"), lambda_context)
    stored = boto3.client("dynamodb").scan(TableName=data_table)["Items"]
    totals = {item["id"]["S"]: item["total_cents"]["N"] for item in stored}
    assert totals == {"o-1001": "1499", "o-1002": "450"}
{%- endif %}


def test_an_invalid_item_stops_the_batch_and_lambda_retries_from_it(
    resources, load_event, lambda_context, log_records
):
    event = load_event("order_changes_with_invalid_item.json")
    records = event["Records"]
    invalid = records[1]["dynamodb"]["SequenceNumber"]

    response = handler.lambda_handler(event, lambda_context)

    # The invalid change and every change after it: Lambda checkpoints at the lowest
    # sequence number reported, the first failure, and retries from there.
    reported = failed_sequence_numbers(response)
    assert reported == sequence_numbers(records[1:])
    assert min(reported, key=int) == invalid
    assert processed_changes(log_records) == [("o-1001", "created")]
    (failure,) = [record for record in log_records() if record["level"] == "ERROR"]
    assert failure["sequence_number"] == invalid
    assert failure["records_after_it"] == 2
    assert "InvalidOrderError" in failure["exception"]


def test_a_batch_whose_first_change_fails_fails_whole_so_lambda_bisects_it(
    resources, load_event, lambda_context, log_records
):
    event = load_event("order_changes_with_invalid_item.json")
    event["Records"] = event["Records"][1:]
    with pytest.raises(BatchProcessingError):
        handler.lambda_handler(event, lambda_context)
    assert processed_changes(log_records) == []


def test_a_removal_that_gets_through_is_not_work(
    resources, load_event, lambda_context, log_records, capsys
):
    removal = load_event("order_changes.json")["Records"][1]
    removal["eventName"] = "REMOVE"
    removal["dynamodb"].pop("NewImage")
    response = handler.lambda_handler({"Records": [removal]}, lambda_context)
    assert response == {"batchItemFailures": []}
    assert processed_changes(log_records) == []
    assert metric_total(capsys.readouterr().out, "OrderChangesProcessed") == 0


def create_source_table(name: str) -> str:
    """A table shaped as template.yaml declares SourceTable, with its stream; returns the ARN."""
    table = load(str(TEMPLATE))["Resources"]["SourceTable"]["Properties"]
    description = boto3.client("dynamodb").create_table(
        TableName=name,
        BillingMode=table["BillingMode"],
        AttributeDefinitions=table["AttributeDefinitions"],
        KeySchema=table["KeySchema"],
        StreamSpecification={"StreamEnabled": True, **table["StreamSpecification"]},
    )["TableDescription"]
    return description["LatestStreamArn"]


def as_lambda_record(record: dict[str, Any], stream_arn: str) -> dict[str, Any]:
    """Shape a GetRecords result the way the event source mapping delivers it."""
    change = record["dynamodb"]
    created = change["ApproximateCreationDateTime"].timestamp()
    return record | {
        "dynamodb": change | {"ApproximateCreationDateTime": created},
        "eventSourceARN": stream_arn,
    }


def stream_records(stream_arn: str) -> list[dict[str, Any]]:
    """Read the stream's shards from where the event source mapping starts."""
    # moto does not answer the account-based endpoint botocore picks for a stream ARN.
    streams = boto3.client("dynamodbstreams", config=Config(account_id_endpoint_mode="disabled"))
    records = []
    for shard in streams.describe_stream(StreamArn=stream_arn)["StreamDescription"]["Shards"]:
        iterator = streams.get_shard_iterator(
            StreamArn=stream_arn,
            ShardId=shard["ShardId"],
            ShardIteratorType=mapping_settings()["StartingPosition"],
        )["ShardIterator"]
        found = streams.get_records(ShardIterator=iterator)["Records"]
        records += [as_lambda_record(record, stream_arn) for record in found]
    return records


def item(order_id: str, total_cents: int) -> dict[str, Any]:
    return {
        "order_id": {"S": order_id},
        "customer_id": {"S": "c-41"},
        "total_cents": {"N": str(total_cents)},
        "currency": {"S": "EUR"},
    }


def test_the_mapping_delivers_what_the_table_records_but_removals(
    resources, lambda_context, log_records
):
    """Writes to a table shaped like SourceTable reach the handler through its stream."""
    table = "{{ cookiecutter.project_slug }}-orders"
    stream_arn = create_source_table(table)
    client = boto3.client("dynamodb")
    client.put_item(TableName=table, Item=item("o-1", 1299))
    client.put_item(TableName=table, Item=item("o-1", 1499))
    client.delete_item(TableName=table, Key={"order_id": {"S": "o-1"}})
    client.put_item(TableName=table, Item=item("o-2", 450))
    records = stream_records(stream_arn)
    assert [record["eventName"] for record in records] == ["INSERT", "MODIFY", "REMOVE", "INSERT"]

    mapping = ShardMapping(handler.lambda_handler, lambda_context)
    mapping.deliver(records)

    assert processed_changes(log_records) == [
        ("o-1", "created"),
        ("o-1", "updated"),
        ("o-2", "created"),
    ]
    delivered = {number for batch in mapping.invocations for number in batch}
    assert records[2]["dynamodb"]["SequenceNumber"] not in delivered
    assert mapping.discarded == []
{%- if f.idempotency %}


def test_duplicate_delivery_is_processed_once(resources, load_event, lambda_context, capsys):
    event = load_event("order_changes.json")
    first = handler.lambda_handler(event, lambda_context)
    second = handler.lambda_handler(event, lambda_context)
    assert first == second == {"batchItemFailures": []}
    assert metric_total(capsys.readouterr().out, "OrderChangesProcessed") == 3


def test_a_later_change_of_the_same_order_is_new_work(
    resources, load_event, lambda_context, log_records
):
    """Keyed on the sequence number: the order id alone would drop the second change."""
    change = load_event("order_changes.json")["Records"][1]
    later = json.loads(json.dumps(change))
    later["dynamodb"]["SequenceNumber"] = str(int(change["dynamodb"]["SequenceNumber"]) + 10)
    handler.lambda_handler({"Records": [change, later]}, lambda_context)
    assert processed_changes(log_records) == [("o-1001", "updated"), ("o-1001", "updated")]
{%- endif %}
{%- if f.secrets != "none" %}


def test_each_change_notifies_the_webhook(resources, load_event, lambda_context, webhook_requests):
    handler.lambda_handler(load_event("order_changes.json"), lambda_context)
    events = [json.loads(request.data) for request in webhook_requests]
    assert [(e["event"], e["data"]["order_id"]) for e in events] == [
        ("order.created", "o-1001"),
        ("order.updated", "o-1001"),
        ("order.created", "o-1002"),
    ]
    assert events[1]["data"]["total_cents"] == 1499
{%- endif %}


def test_logs_carry_the_lambda_context(
    resources, load_event, lambda_context, log_records, cold_execution_environment
):
    handler.lambda_handler(load_event("order_changes.json"), lambda_context)
    processed = [r for r in log_records() if r["message"] == "Order change processed"]
    assert [record["sequence_number"] for record in processed] == sequence_numbers(
        load_event("order_changes.json")["Records"]
    )
    assert processed[0]["function_request_id"] == lambda_context.aws_request_id
    assert processed[0]["cold_start"] is True
    assert processed[0]["service"] == "{{ cookiecutter.project_slug }}"
