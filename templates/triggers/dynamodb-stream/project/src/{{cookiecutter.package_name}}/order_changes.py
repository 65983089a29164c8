"""Order changes: what an insert or a modification in the orders table asks of this service.

The table's stream carries every change with the item's new and old images. An
insert is a new order, a modification a changed one: each is work of its own, known
by its sequence number in the stream. Removals are filtered out by the event source
mapping. The new image must be a valid order (orders.py); an invalid one raises,
which fails the record (Lambda retries the shard from it, then records it in the
failure queue).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from .orders import Order, parse_order

KINDS = {"INSERT": "created", "MODIFY": "updated"}


class InvalidChangeError(ValueError):
    """The stream record is not a change this service handles; retrying will not fix it."""


@dataclass(frozen=True)
class OrderChange:
    """One change of one order, identified by its place in the stream."""

    sequence_number: str
    kind: str
    order: Order

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _plain(value: Any) -> Any:
    """A DynamoDB number as an int when it is whole, as an order's JSON carries it."""
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return value


def parse_change(
    event_name: str, sequence_number: str, new_image: Mapping[str, Any]
) -> OrderChange | None:
    """The change a stream record describes; None for a removal, which asks nothing."""
    if event_name == "REMOVE":
        return None
    if event_name not in KINDS:
        raise InvalidChangeError(f"Unknown change {event_name!r}")
    order = parse_order({name: _plain(value) for name, value in new_image.items()})
    return OrderChange(sequence_number, KINDS[event_name], order)
