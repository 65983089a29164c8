{%- set f = features(cookiecutter) -%}
"""Random batches: exactly the bad messages are reported; downstream failures are never silent."""

from __future__ import annotations

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

{% if f.dynamodb_client and f.module -%}
from {{ cookiecutter.package_name }}.clients import dynamodb
{% endif -%}
from {{ cookiecutter.package_name }}{{ f.subpackage }} import handler
{%- if f.dynamodb_client and not f.module %}
from {{ cookiecutter.package_name }}.clients import dynamodb
{%- endif %}

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
).map(json.dumps)
invalid_bodies = st.one_of(
    st.text().filter(lambda text: not _is_json_object(text)),
    st.builds(
        lambda field, value: json.dumps(
            {"order_id": "o-1", "customer_id": "c-1", "total_cents": 1, "currency": "EUR"}
            | {field: value}
        ),
        field=st.sampled_from(["order_id", "customer_id", "total_cents", "currency"]),
        value=st.one_of(st.none(), st.floats(allow_nan=False), st.lists(st.integers())),
    ),
    st.binary(min_size=1, max_size=64).map(lambda raw: raw.hex()),
)


def _is_json_object(text: str) -> bool:
    try:
        return isinstance(json.loads(text), dict)
    except ValueError:
        return False


def record(body: str, template: dict[str, Any]) -> dict[str, Any]:
    return template | {"messageId": str(uuid.uuid4()), "body": body}


@PROPERTY_SETTINGS
@given(messages=st.lists(st.tuples(st.booleans(), st.data()), min_size=1, max_size=10))
def test_exactly_the_bad_messages_are_reported(resources, load_event, lambda_context, messages):
    template = load_event("orders_batch.json")["Records"][0]
    records, bad = [], []
    for is_valid, data in messages:
        body = data.draw(valid_orders if is_valid else invalid_bodies)
        records.append(record(body, template))
        if not is_valid:
            bad.append(records[-1]["messageId"])
    event = {"Records": records}
    if len(bad) == len(records):
        with pytest.raises(BatchProcessingError):
            handler.lambda_handler(event, lambda_context)
        return
    response = handler.lambda_handler(event, lambda_context)
    assert [failure["itemIdentifier"] for failure in response["batchItemFailures"]] == bad
{%- if f.dynamodb_client %}


@pytest.mark.parametrize(
    "failure",
    [
        ClientError({"Error": {"Code": "ProvisionedThroughputExceededException"}}, "PutItem"),
        ReadTimeoutError(endpoint_url="https://dynamodb.{{ cookiecutter.aws_region }}.amazonaws.com"),
    ],
    ids=["client-error", "timeout"],
)
def test_a_failing_downstream_fails_every_message_and_logs_it(
    resources, load_event, lambda_context, log_records, failure
):
    def fail(**_kwargs: Any) -> None:
        raise failure

    dynamodb.meta.events.register_first("before-call.dynamodb.PutItem", fail)
    try:
        with pytest.raises(BatchProcessingError):
            handler.lambda_handler(load_event("orders_batch.json"), lambda_context)
    finally:
        dynamodb.meta.events.unregister("before-call.dynamodb.PutItem", fail)
    errors = [r for r in log_records() if r["level"] == "ERROR"]
    assert len(errors) == 3
    assert {r["message"] for r in errors} == {"Message failed; it returns to the queue"}
{%- endif %}
