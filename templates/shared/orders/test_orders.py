{%- set f = features(cookiecutter) -%}
"""Order validation{% if f.table %} and storage{% endif %}, independent of Lambda."""

from __future__ import annotations

import pytest
{%- if f.table %}
from boto3 import client as boto3_client
{%- endif %}

from {{ cookiecutter.package_name }}{{ f.subpackage }}.orders import InvalidOrderError, Order, {% if f.table %}OrderStore, {% endif %}parse_order

VALID = {"order_id": "o-1", "customer_id": "c-1", "total_cents": 1299, "currency": "EUR"}


def test_a_valid_order_is_parsed():
    assert parse_order(VALID) == Order("o-1", "c-1", 1299, "EUR")


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (["not", "an", "object"], "must be a JSON object"),
        ({**VALID, "order_id": ""}, "'order_id' must be"),
        ({**VALID, "order_id": "o 1"}, "'order_id' must be"),
        ({**VALID, "customer_id": None}, "'customer_id' must be"),
        ({**VALID, "total_cents": -1}, "'total_cents' must be"),
        ({**VALID, "total_cents": 12.5}, "'total_cents' must be"),
        ({**VALID, "total_cents": True}, "'total_cents' must be"),
        ({**VALID, "currency": "eur"}, "'currency' must be"),
    ],
    ids=[
        "not-an-object",
        "empty-id",
        "id-with-space",
        "missing-customer",
        "negative-total",
        "fractional-total",
        "boolean-total",
        "lowercase-currency",
    ],
)
def test_invalid_orders_are_rejected(payload, message):
    with pytest.raises(InvalidOrderError, match=message):
        parse_order(payload)
{%- if f.table %}


def test_saving_twice_keeps_one_item(data_table):
    store = OrderStore(boto3_client("dynamodb"), data_table)
    store.save(parse_order(VALID))
    store.save(parse_order(VALID))
    items = boto3_client("dynamodb").scan(TableName=data_table)["Items"]
    assert [item["id"]["S"] for item in items] == ["o-1"]
    assert items[0]["total_cents"] == {"N": "1299"}
{%- endif %}
