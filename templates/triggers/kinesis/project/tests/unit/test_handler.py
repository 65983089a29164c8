{%- set f = features(cookiecutter) -%}
"""The Kinesis handler: in-order partial failures, the mapping's retries and {% if f.idempotency %}duplicate records{% else %}logging{% endif %}."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import Any

import boto3
import pytest
from aws_lambda_powertools.utilities.batch.exceptions import BatchProcessingError

from {{ cookiecutter.package_name }} import handler
from tests.unit.conftest import metric_total
from tests.unit.stream_mapping import ShardMapping, mapping_settings

LogRecords = Callable[[], list[dict[str, Any]]]


def sequence_numbers(records: list[dict[str, Any]]) -> list[str]:
    return [record["kinesis"]["sequenceNumber"] for record in records]


def failed_sequence_numbers(response: dict[str, Any]) -> list[str]:
    return [failure["itemIdentifier"] for failure in response["batchItemFailures"]]


def processed_orders(log_records: LogRecords) -> list[str]:
    """The orders that took effect, in the order they did."""
    return [r["order_id"] for r in log_records() if r["message"] == "Order processed"]


def order(number: int) -> dict[str, Any]:
    return {
        "order_id": f"o-{number}",
        "customer_id": "c-41",
        "total_cents": 100 * number,
        "currency": "EUR",
    }


def test_valid_batch_processes_every_order(resources, load_event, lambda_context, capsys):
    response = handler.lambda_handler(load_event("orders_stream.json"), lambda_context)
    assert response == {"batchItemFailures": []}
    assert metric_total(capsys.readouterr().out, "OrdersProcessed") == 3
{%- if f.table %}


def test_valid_batch_is_stored(resources, data_table, load_event, lambda_context):
    handler.lambda_handler(load_event("orders_stream.json"), lambda_context)
    stored = boto3.client("dynamodb").scan(TableName=data_table)["Items"]
    assert sorted(item["id"]["S"] for item in stored) == ["o-1001", "o-1002", "o-1003"]
{%- endif %}


def test_a_bad_record_stops_the_batch_and_lambda_retries_from_it(
    resources, load_event, lambda_context, log_records, capsys
):
    event = load_event("orders_stream_with_poison_record.json")
    records = event["Records"]
    poison = records[1]["kinesis"]["sequenceNumber"]

    response = handler.lambda_handler(event, lambda_context)

    # The bad record and every record after it: Lambda checkpoints at the lowest sequence
    # number reported, the first failure, and retries from there.
    reported = failed_sequence_numbers(response)
    assert reported == sequence_numbers(records[1:])
    assert min(reported, key=int) == poison
    # Nothing after the bad record took effect ahead of it.
    assert processed_orders(log_records) == ["o-1001"]
    output = capsys.readouterr().out
    assert metric_total(output, "OrdersProcessed") == 1
    assert metric_total(output, "RecordsFailed") == 1
    (failure,) = [record for record in log_records() if record["level"] == "ERROR"]
    assert failure["sequence_number"] == poison
    assert failure["records_after_it"] == 2
    assert "JSONDecodeError" in failure["exception"]


def test_a_batch_whose_first_record_fails_fails_whole_so_lambda_bisects_it(
    resources, load_event, lambda_context, log_records
):
    event = load_event("orders_stream_with_poison_record.json")
    event["Records"] = event["Records"][1:]
    with pytest.raises(BatchProcessingError):
        handler.lambda_handler(event, lambda_context)
    assert processed_orders(log_records) == []


def as_lambda_record(record: dict[str, Any], stream_arn: str, shard_id: str) -> dict[str, Any]:
    """Shape a GetRecords result the way the event source mapping delivers it."""
    return {
        "kinesis": {
            "kinesisSchemaVersion": "1.0",
            "partitionKey": record["PartitionKey"],
            "sequenceNumber": record["SequenceNumber"],
            "data": base64.b64encode(record["Data"]).decode(),
            "approximateArrivalTimestamp": record["ApproximateArrivalTimestamp"].timestamp(),
        },
        "eventSource": "aws:kinesis",
        "eventVersion": "1.0",
        "eventID": f"{shard_id}:{record['SequenceNumber']}",
        "eventName": "aws:kinesis:record",
        "invokeIdentityArn": "arn:aws:iam::123456789012:role/{{ cookiecutter.project_slug }}-dev-FunctionRole",
        "awsRegion": "{{ cookiecutter.aws_region }}",
        "eventSourceARN": stream_arn,
    }


def shard_records(stream: str, payloads: list[bytes]) -> list[dict[str, Any]]:
    """Put the payloads under one partition key, then read their shard as the mapping starts."""
    client = boto3.client("kinesis")
    for payload in payloads:
        client.put_record(StreamName=stream, Data=payload, PartitionKey="c-41")
    arn = client.describe_stream_summary(StreamName=stream)["StreamDescriptionSummary"]["StreamARN"]
    records = []
    for shard in client.list_shards(StreamName=stream)["Shards"]:
        iterator = client.get_shard_iterator(
            StreamName=stream,
            ShardId=shard["ShardId"],
            ShardIteratorType=mapping_settings()["StartingPosition"],
        )["ShardIterator"]
        found = client.get_records(ShardIterator=iterator)["Records"]
        records += [as_lambda_record(record, arn, shard["ShardId"]) for record in found]
    assert len(records) == len(payloads)
    return records


def test_the_mapping_sends_a_bad_record_alone_to_the_failure_queue(
    resources, source_stream, lambda_context, log_records
):
    """Bisecting isolates the bad record; every other order takes effect once, in order."""
    orders = [order(number) for number in range(1, 8)]
    payloads = [json.dumps(o).encode() for o in orders]
    payloads.insert(3, b"not an order")
    records = shard_records(source_stream, payloads)
    poison = records[3]["kinesis"]["sequenceNumber"]

    mapping = ShardMapping(handler.lambda_handler, lambda_context)
    mapping.deliver(records)

    assert mapping.discarded == [[poison]]
    retries = int(mapping.settings["MaximumRetryAttempts"])
    alone = mapping.invocations.count([poison])
    assert 1 < alone <= retries + 1
    assert processed_orders(log_records) == [o["order_id"] for o in orders]


def test_a_record_that_fails_once_takes_effect_before_the_records_after_it(
    resources, source_stream, lambda_context, log_records, monkeypatch
):
    orders = [order(number) for number in range(1, 6)]
    records = shard_records(source_stream, [json.dumps(o).encode() for o in orders])
    failing_once = [orders[2]["order_id"]]
    process_order = handler.process_order

    def flaky_downstream(order: Any) -> Any:
        if order.order_id in failing_once:
            failing_once.remove(order.order_id)
            raise ConnectionError("the downstream service is briefly unavailable")
        return process_order(order=order)

    monkeypatch.setattr(handler, "process_order", flaky_downstream)
    mapping = ShardMapping(handler.lambda_handler, lambda_context)
    mapping.deliver(records)

    assert mapping.discarded == []
    assert failing_once == []
    assert processed_orders(log_records) == [o["order_id"] for o in orders]
{%- if f.idempotency %}


def test_duplicate_delivery_is_processed_once(resources, load_event, lambda_context, capsys):
    event = load_event("orders_stream.json")
    first = handler.lambda_handler(event, lambda_context)
    second = handler.lambda_handler(event, lambda_context)
    assert first == second == {"batchItemFailures": []}
    assert metric_total(capsys.readouterr().out, "OrdersProcessed") == 3


def test_a_producers_retry_is_processed_once(resources, load_event, lambda_context, capsys):
    """PutRecords retried by a producer writes the order again, under a new sequence number."""
    event = load_event("orders_stream.json")
    again = json.loads(json.dumps(event["Records"][0]))
    last = int(event["Records"][-1]["kinesis"]["sequenceNumber"])
    again["kinesis"]["sequenceNumber"] = str(last + 1)
    event["Records"].append(again)
    assert handler.lambda_handler(event, lambda_context) == {"batchItemFailures": []}
    assert metric_total(capsys.readouterr().out, "OrdersProcessed") == 3
{%- endif %}
{%- if f.secrets != "none" %}


def test_each_order_notifies_the_webhook(resources, load_event, lambda_context, webhook_requests):
    handler.lambda_handler(load_event("orders_stream.json"), lambda_context)
    events = [json.loads(request.data) for request in webhook_requests]
    assert [event["data"]["order_id"] for event in events] == ["o-1001", "o-1002", "o-1003"]
    assert {event["event"] for event in events} == {"order.processed"}
{%- endif %}


def test_logs_carry_the_lambda_context(
    resources, load_event, lambda_context, log_records, cold_execution_environment
):
    handler.lambda_handler(load_event("orders_stream.json"), lambda_context)
    processed = [record for record in log_records() if record["message"] == "Order processed"]
    assert [record["order_id"] for record in processed] == ["o-1001", "o-1002", "o-1003"]
    assert processed[0]["function_request_id"] == lambda_context.aws_request_id
    assert processed[0]["cold_start"] is True
    assert processed[0]["service"] == "{{ cookiecutter.project_slug }}"
