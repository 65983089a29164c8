{%- set f = features(cookiecutter) -%}
"""Random changes: the first bad one and all after it are reported; none of those take effect."""

from __future__ import annotations

import itertools
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


def _without(image: dict[str, Any], field: str) -> dict[str, Any]:
    return {name: value for name, value in image.items() if name != field}


# Sequence numbers never repeat across examples, as in a stream: processing is keyed on them.
BATCHES = itertools.count()
FIELDS = ("order_id", "customer_id", "total_cents", "currency")
valid_images = st.builds(
    lambda total, currency: {
        "order_id": {"S": f"o-{uuid.uuid4().hex[:16]}"},
        "customer_id": {"S": "c-1"},
        "total_cents": {"N": str(total)},
        "currency": {"S": currency},
    },
    total=st.integers(min_value=0, max_value=10**9),
    currency=st.sampled_from(["EUR", "USD", "GBP"]),
)
# Attribute values no field of an order accepts, and ones DynamoDB's types cannot decode.
bad_values = st.one_of(
    st.just({"NULL": True}),
    st.booleans().map(lambda flag: {"BOOL": flag}),
    st.just({"L": []}),
    st.just({"N": "12.5"}),
    st.just({"N": "-3"}),
    st.just({"N": "twelve"}),
    st.just({"X": "1"}),
    st.text(max_size=8).map(lambda text: {"S": text + " !"}),
)
invalid_changes = st.one_of(
    st.tuples(st.just("INSERT"), st.builds(_without, valid_images, st.sampled_from(FIELDS))),
    st.tuples(
        st.sampled_from(["INSERT", "MODIFY"]),
        st.builds(
            lambda image, field, value: image | {field: value},
            valid_images,
            st.sampled_from(FIELDS),
            bad_values,
        ),
    ),
    st.tuples(st.just("UPSERT"), valid_images),
)
valid_changes = st.tuples(st.sampled_from(["INSERT", "MODIFY"]), valid_images)


def record(
    change: tuple[str, dict[str, Any]], number: int, template: dict[str, Any]
) -> dict[str, Any]:
    event_name, image = change
    stream_record = template["dynamodb"] | {"NewImage": image, "SequenceNumber": str(number)}
    return template | {"eventName": event_name, "dynamodb": stream_record}


@PROPERTY_SETTINGS
@given(changes=st.lists(st.tuples(st.booleans(), st.data()), min_size=1, max_size=10))
def test_the_first_bad_change_and_all_after_it_are_reported(
    resources, load_event, lambda_context, capsys, changes
):
    capsys.readouterr()
    template = load_event("order_changes.json")["Records"][0]
    first_sequence_number = int(template["dynamodb"]["SequenceNumber"]) + 100 * next(BATCHES)
    batch, first_bad = [], None
    for position, (is_valid, data) in enumerate(changes):
        change = data.draw(valid_changes if is_valid else invalid_changes)
        batch.append(record(change, first_sequence_number + position, template))
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
        assert reported == [r["dynamodb"]["SequenceNumber"] for r in rest]
    processed = len(batch) if first_bad is None else first_bad
    assert metric_total(capsys.readouterr().out, "OrderChangesProcessed") == processed
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
            handler.lambda_handler(load_event("order_changes.json"), lambda_context)
    finally:
        dynamodb.meta.events.unregister("before-call.dynamodb.PutItem", fail)
    (error,) = [r for r in log_records() if r["level"] == "ERROR"]
    assert error["message"] == "Record failed; Lambda retries the shard from it"
    assert error["records_after_it"] == 2
{%- endif %}
