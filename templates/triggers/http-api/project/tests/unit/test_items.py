"""Business rules for items, independent of HTTP and Lambda."""

from __future__ import annotations

import boto3
import pytest

from {{ cookiecutter.package_name }}.items import (
    InvalidItemError,
    ItemInput,
    ItemNotFoundError,
    ItemStore,
    parse_item_input,
)


def test_parse_trims_the_name_and_defaults_the_description():
    assert parse_item_input('{"name": "  Beans "}') == ItemInput(name="Beans", description="")


def test_parse_rejects_a_missing_body():
    with pytest.raises(InvalidItemError):
        parse_item_input(None)


@pytest.fixture
def store(data_table) -> ItemStore:
    return ItemStore(boto3.client("dynamodb"), data_table)


def test_store_round_trip(store):
    created = store.create(ItemInput(name="Beans", description="1 kg"))
    assert store.get(created.id) == created
    replaced = store.replace(created.id, ItemInput(name="Beans", description="2 kg"))
    assert (replaced.id, replaced.description) == (created.id, "2 kg")
    store.delete(created.id)
    with pytest.raises(ItemNotFoundError):
        store.get(created.id)


MISSING_ID = "0" * 32


def test_replacing_a_missing_item_does_not_create_it(store, data_table):
    with pytest.raises(ItemNotFoundError):
        store.replace(MISSING_ID, ItemInput(name="x", description=""))
    assert boto3.client("dynamodb").scan(TableName=data_table)["Count"] == 0


def test_deleting_a_missing_item_is_reported(store):
    with pytest.raises(ItemNotFoundError):
        store.delete(MISSING_ID)
