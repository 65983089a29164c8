{%- set f = features(cookiecutter) -%}
"""Random records: the first bad one and all after it are reported; none of those take effect."""

from __future__ import annotations

import base64
import json
import uuid
from typing import Any

import pytest
from aws_lambda_powertools.utilities.batch.exceptions import BatchProcessingError
{%- if f.dynamodb_client %}
from botocore.exceptions import ClientError, ReadTimeoutError
{%- endif %}
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from {{ cookiecutter.package_name }} import handler
{%- if f.dynamodb_client %}
from {{ cookiecutter.package_name }}.clients import dynamodb
{%- endif %}
from tests.unit.conftest import metric_total

PROPERTY_SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
valid_orders = st.builds(
    lambda total, currency: {
        "order_id": f"o-{uuid.uuid4().hex[:16]}",
        "customer_id": "c-1",
        "total_cents": total,
        "currency": currency,
    },
    total=st.integers(min_value=0, max_value=10**9),
    currency=st.sampled_from(["EUR", "USD", "GBP"]),
).map(lambda order: base64.b64encode(json.dumps(order).encode()).decode())
# Record data a producer could put: bytes that are not UTF-8 or not JSON, JSON that is not
# an order, an order with a field of the wrong type.
invalid_data = st.one_of(
    st.binary(max_size=64).filter(lambda raw: not _is_json_object(raw)),
    st.text().filter(lambda text: not _is_json_object(text.encode())).map(str.encode),
    st.builds(
        lambda field, value: json.dumps(
            {"order_id": "o-1", "customer_id": "c-1", "total_cents": 1, "currency": "EUR"}
            | {field: value}
        ).encode(),
        field=st.sampled_from(["order_id", "customer_id", "total_cents", "currency"]),
        value=st.one_of(st.none(), st.floats(allow_nan=False), st.lists(st.integers())),
    ),
).map(lambda raw: base64.b64encode(raw).decode())


def _is_json_object(raw: bytes) -> bool:
    try:
        return isinstance(json.loads(raw), dict)
    except ValueError:
        return False


def record(data: str, sequence_number: int, template: dict[str, Any]) -> dict[str, Any]:
    kinesis = template["kinesis"] | {"data": data, "sequenceNumber": str(sequence_number)}
    return template | {"kinesis": kinesis}


@PROPERTY_SETTINGS
@given(records=st.lists(st.tuples(st.booleans(), st.data()), min_size=1, max_size=10))
def test_the_first_bad_record_and_all_after_it_are_reported(
    resources, load_event, lambda_context, capsys, records
):
    capsys.readouterr()
    template = load_event("orders_stream.json")["Records"][0]
    first_sequence_number = int(template["kinesis"]["sequenceNumber"])
    batch, first_bad = [], None
    for position, (is_valid, data) in enumerate(records):
        drawn = data.draw(valid_orders if is_valid else invalid_data)
        batch.append(record(drawn, first_sequence_number + position, template))
        if not is_valid and first_bad is None:
            first_bad = position
    event = {"Records": batch}
    if first_bad == 0:
        with pytest.raises(BatchProcessingError):
            handler.lambda_handler(event, lambda_context)
    else:
        response = handler.lambda_handler(event, lambda_context)
        reported = [failure["itemIdentifier"] for failure in response["batchItemFailures"]]
        rest = batch[first_bad:] if first_bad is not None else []
        assert reported == [r["kinesis"]["sequenceNumber"] for r in rest]
    processed = len(batch) if first_bad is None else first_bad
    assert metric_total(capsys.readouterr().out, "OrdersProcessed") == processed
{%- if f.dynamodb_client %}


@pytest.mark.parametrize(
    "failure",
    [
        ClientError({"Error": {"Code": "ProvisionedThroughputExceededException"}}, "PutItem"),
        ReadTimeoutError(endpoint_url="https://dynamodb.{{ cookiecutter.aws_region }}.amazonaws.com"),
    ],
    ids=["client-error", "timeout"],
)
def test_a_failing_downstream_fails_the_batch_and_logs_it_once(
    resources, load_event, lambda_context, log_records, failure
):
    def fail(**_kwargs: Any) -> None:
        raise failure

    dynamodb.meta.events.register_first("before-call.dynamodb.PutItem", fail)
    try:
        with pytest.raises(BatchProcessingError):
            handler.lambda_handler(load_event("orders_stream.json"), lambda_context)
    finally:
        dynamodb.meta.events.unregister("before-call.dynamodb.PutItem", fail)
    (error,) = [r for r in log_records() if r["level"] == "ERROR"]
    assert error["message"] == "Record failed; Lambda retries the shard from it"
    assert error["records_after_it"] == 2
{%- endif %}
