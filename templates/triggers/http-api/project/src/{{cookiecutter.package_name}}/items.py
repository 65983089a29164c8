"""Items: the business logic behind the API, free of HTTP and Lambda concerns.

Input is validated here, once, so every caller gets the same rules and the same
error messages. Storage is a DynamoDB table keyed on ``id``. A create that names
its item id (derived from the client's idempotency key) can be repeated: the
repeat finds the item it made and returns it instead of making another.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from botocore.client import BaseClient

NAME_MAX_LENGTH = 200
DESCRIPTION_MAX_LENGTH = 2000
_ITEM_ID = re.compile(r"[0-9a-f]{32}")
_FIELDS = ("name", "description")
# Item ids derived from idempotency keys live in their own UUID namespace.
_IDEMPOTENT_IDS = uuid.UUID("5c2b6f1e-4a8d-4f3e-9b7a-2d1c0e9f8a76")


class InvalidItemError(ValueError):
    """The client sent something that is not a valid item (an HTTP 400)."""


class ItemNotFoundError(LookupError):
    """No item has the requested id (an HTTP 404)."""


class IdempotencyKeyReusedError(ValueError):
    """The idempotency key already made an item from another body (an HTTP 422)."""


@dataclass(frozen=True)
class ItemInput:
    """The fields a client may set."""

    name: str
    description: str


@dataclass(frozen=True)
class Item:
    """A stored item."""

    id: str
    name: str
    description: str
    created_at: str
    updated_at: str

    @classmethod
    def from_attributes(cls, attributes: dict[str, dict[str, str]]) -> Item:
        return cls(**{field: attributes[field]["S"] for field in cls.__dataclass_fields__})

    def to_attributes(self) -> dict[str, dict[str, str]]:
        return {field: {"S": value} for field, value in asdict(self).items()}

    def to_dict(self) -> dict[str, str]:
        return asdict(self)

    @property
    def input(self) -> ItemInput:
        return ItemInput(self.name, self.description)


def parse_item_input(body: str | None) -> ItemInput:
    """Parse a request body into :class:`ItemInput`, or raise :class:`InvalidItemError`."""
    try:
        payload: Any = json.loads(body or "")
    except json.JSONDecodeError:
        raise InvalidItemError("Request body must be a JSON object") from None
    if not isinstance(payload, dict):
        raise InvalidItemError("Request body must be a JSON object")
    unknown = sorted(set(payload) - set(_FIELDS))
    if unknown:
        raise InvalidItemError(f"Unknown fields: {', '.join(unknown)}")

    name = payload.get("name")
    if not isinstance(name, str) or not name.strip():
        raise InvalidItemError("'name' is required and must be a non-empty string")
    if len(name) > NAME_MAX_LENGTH:
        raise InvalidItemError(f"'name' must be at most {NAME_MAX_LENGTH} characters")
    description = payload.get("description", "")
    if not isinstance(description, str) or len(description) > DESCRIPTION_MAX_LENGTH:
        raise InvalidItemError(
            f"'description' must be a string of at most {DESCRIPTION_MAX_LENGTH} characters"
        )
    return ItemInput(name=name.strip(), description=description)


def validate_item_id(item_id: str) -> str:
    """Reject ids that cannot exist before spending a DynamoDB call on them."""
    if not _ITEM_ID.fullmatch(item_id):
        raise InvalidItemError("Item id must be 32 lowercase hexadecimal characters")
    return item_id


def new_item_id() -> str:
    """A fresh, random item id."""
    return uuid.uuid4().hex


def item_id_for(idempotency_key: str) -> str:
    """The item id a create with ``idempotency_key`` makes: the same key, the same item."""
    return uuid.uuid5(_IDEMPOTENT_IDS, idempotency_key).hex


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class ItemStore:
    """Create, read, replace and delete items in one DynamoDB table."""

    def __init__(self, client: BaseClient, table_name: str) -> None:
        self._client = client
        self._table_name = table_name

    def create(self, data: ItemInput, item_id: str | None = None) -> Item:
        """Store a new item; with an ``item_id`` that exists, return that item if it is the same."""
        now = _now()
        item = Item(item_id or new_item_id(), data.name, data.description, now, now)
        try:
            self._client.put_item(
                TableName=self._table_name,
                Item=item.to_attributes(),
                ConditionExpression="attribute_not_exists(id)",
            )
        except self._client.exceptions.ConditionalCheckFailedException:
            if item_id is None:
                raise
            existing = self.get(item_id)
            if existing.input != data:
                raise IdempotencyKeyReusedError(item_id) from None
            return existing
        return item

    def get(self, item_id: str) -> Item:
        response = self._client.get_item(
            TableName=self._table_name, Key={"id": {"S": validate_item_id(item_id)}}
        )
        if "Item" not in response:
            raise ItemNotFoundError(item_id)
        return Item.from_attributes(response["Item"])

    def replace(self, item_id: str, data: ItemInput) -> Item:
        try:
            response = self._client.update_item(
                TableName=self._table_name,
                Key={"id": {"S": validate_item_id(item_id)}},
                UpdateExpression="SET #name = :name, description = :description, "
                "updated_at = :updated_at",
                ConditionExpression="attribute_exists(id)",
                ExpressionAttributeNames={"#name": "name"},
                ExpressionAttributeValues={
                    ":name": {"S": data.name},
                    ":description": {"S": data.description},
                    ":updated_at": {"S": _now()},
                },
                ReturnValues="ALL_NEW",
            )
        except self._client.exceptions.ConditionalCheckFailedException:
            raise ItemNotFoundError(item_id) from None
        return Item.from_attributes(response["Attributes"])

    def delete(self, item_id: str) -> None:
        try:
            self._client.delete_item(
                TableName=self._table_name,
                Key={"id": {"S": validate_item_id(item_id)}},
                ConditionExpression="attribute_exists(id)",
            )
        except self._client.exceptions.ConditionalCheckFailedException:
            raise ItemNotFoundError(item_id) from None
