{%- set f = features(cookiecutter) -%}
"""Random events: valid orders are processed; anything else fails loudly, for Lambda to retry."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
{%- if f.dynamodb_client %}
from botocore.exceptions import ClientError
{%- endif %}
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from {{ cookiecutter.package_name }} import handler
{%- if f.dynamodb_client %}
from {{ cookiecutter.package_name }}.clients import dynamodb
{%- endif %}
from {{ cookiecutter.package_name }}.orders import InvalidOrderError

PROPERTY_SETTINGS = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
details = st.one_of(
    scalars,
    st.lists(scalars, max_size=3),
    st.dictionaries(
        st.sampled_from(["order_id", "customer_id", "total_cents", "currency"]), scalars
    ),
)


def is_valid_order(detail: Any) -> bool:
    """An independent statement of what a valid order is."""
    if not isinstance(detail, dict):
        return False
    ids_ok = all(
        isinstance(detail.get(k), str)
        and 0 < len(detail[k]) <= 64
        and all(c.isascii() and (c.isalnum() or c in "_-") for c in detail[k])
        for k in ("order_id", "customer_id")
    )
    total = detail.get("total_cents")
    total_ok = type(total) is int and total >= 0
    currency = detail.get("currency")
    currency_ok = isinstance(currency, str) and len(currency) == 3 and currency.isascii()
    return ids_ok and total_ok and currency_ok and currency.isupper() and currency.isalpha()


valid_orders = st.builds(
    lambda total, currency: {
        "order_id": f"o-{uuid.uuid4().hex[:16]}",
        "customer_id": "c-1",
        "total_cents": total,
        "currency": currency,
    },
    total=st.integers(min_value=0, max_value=10**9),
    currency=st.sampled_from(["EUR", "USD", "JPY"]),
)


@PROPERTY_SETTINGS
@given(detail=valid_orders)
def test_valid_orders_are_processed(resources, load_event, lambda_context, detail):
    event = load_event("order_placed.json") | {"id": str(uuid.uuid4()), "detail": detail}
    assert handler.lambda_handler(event, lambda_context)["order_id"] == detail["order_id"]


@PROPERTY_SETTINGS
@given(detail=details.filter(lambda detail: not is_valid_order(detail)))
def test_anything_else_fails_for_the_retry_path(
    resources, load_event, lambda_context, log_records, detail
):
    event = load_event("order_placed.json") | {"id": str(uuid.uuid4()), "detail": detail}
    with pytest.raises(InvalidOrderError):
        handler.lambda_handler(event, lambda_context)


def test_an_event_that_is_not_an_object_fails(resources, lambda_context):
    with pytest.raises(TypeError):
        handler.lambda_handler(json.loads('"just a string"'), lambda_context)
{%- if f.dynamodb_client %}


def test_a_failing_downstream_fails_the_invocation_and_is_logged(
    resources, load_event, lambda_context, log_records
):
    def fail(**_kwargs: Any) -> None:
        raise ClientError({"Error": {"Code": "InternalServerError"}}, "PutItem")

    dynamodb.meta.events.register_first("before-call.dynamodb.PutItem", fail)
    try:
        # A ClientError{% if f.idempotency %}, wrapped by the idempotency layer when it is its write{% endif %}.
        with pytest.raises(Exception, match="InternalServerError"):
            handler.lambda_handler(load_event("order_placed.json"), lambda_context)
    finally:
        dynamodb.meta.events.unregister("before-call.dynamodb.PutItem", fail)
    (error,) = [r for r in log_records() if r["level"] == "ERROR"]
    assert "InternalServerError" in error["exception"]
{%- endif %}
