{%- set f = features(cookiecutter) -%}
"""Orders: the business logic behind the {{ "queue consumer" if f.queue else "stream consumer" if f.stream else "event rule" }}, free of Lambda concerns.

An order arrives as JSON such as ``{"order_id": "o-1001", "customer_id": "c-42",
"total_cents": 1299, "currency": "EUR"}``. Validation happens here, once; an
invalid order raises :class:`InvalidOrderError`, which fails that
{{ "message (it returns to the queue and, after five attempts, lands in the dead-letter queue)" if f.queue else "record (Lambda retries the shard from it, then records it in the failure queue)" if f.stream else "event (Lambda retries it, then sends it to the failure queue)" }}.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
{%- if f.table %}
from datetime import UTC, datetime
{%- endif %}
from typing import {% if f.table %}TYPE_CHECKING, {% endif %}Any
{%- if f.table %}

if TYPE_CHECKING:
    from botocore.client import BaseClient
{%- endif %}

_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_CURRENCY = re.compile(r"[A-Z]{3}")


class InvalidOrderError(ValueError):
    """The payload is not a valid order; retrying will not fix it."""


@dataclass(frozen=True)
class Order:
    """A validated order."""

    order_id: str
    customer_id: str
    total_cents: int
    currency: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def parse_order(payload: Any) -> Order:
    """Validate ``payload`` (decoded JSON) into an :class:`Order`."""
    if not isinstance(payload, dict):
        raise InvalidOrderError("An order must be a JSON object")
    for field in ("order_id", "customer_id"):
        value = payload.get(field)
        if not isinstance(value, str) or not _ID.fullmatch(value):
            raise InvalidOrderError(f"'{field}' must be 1-64 letters, digits, '_' or '-'")
    total = payload.get("total_cents")
    if isinstance(total, bool) or not isinstance(total, int) or total < 0:
        raise InvalidOrderError("'total_cents' must be a whole number of cents, zero or more")
    currency = payload.get("currency")
    if not isinstance(currency, str) or not _CURRENCY.fullmatch(currency):
        raise InvalidOrderError("'currency' must be a three-letter ISO 4217 code such as EUR")
    return Order(payload["order_id"], payload["customer_id"], total, currency)
{%- if f.table %}


class OrderStore:
    """Write processed orders to the DynamoDB table, keyed on the order id."""

    def __init__(self, client: BaseClient, table_name: str) -> None:
        self._client = client
        self._table_name = table_name

    def save(self, order: Order) -> None:
        """Store ``order``; saving the same order again overwrites it with the same data."""
        self._client.put_item(
            TableName=self._table_name,
            Item={
                "id": {"S": order.order_id},
                "customer_id": {"S": order.customer_id},
                "total_cents": {"N": str(order.total_cents)},
                "currency": {"S": order.currency},
                "processed_at": {"S": datetime.now(UTC).isoformat(timespec="milliseconds")},
            },
        )
{%- endif %}
