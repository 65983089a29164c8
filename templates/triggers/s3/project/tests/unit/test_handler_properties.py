{%- set f = features(cookiecutter) -%}
"""Random files and keys: CSV files are counted exactly; anything else fails for the retry path."""

from __future__ import annotations

import csv
import io
from typing import Any
from urllib.parse import quote_plus

import boto3
import pytest
from botocore.exceptions import ReadTimeoutError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from {{ cookiecutter.package_name }} import handler
from {{ cookiecutter.package_name }}.clients import s3
from {{ cookiecutter.package_name }}.uploads import InvalidCsvError

PROPERTY_SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
cells = st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=12)
tables = st.integers(min_value=1, max_value=5).flatmap(
    lambda width: st.lists(st.lists(cells, min_size=width, max_size=width), min_size=1, max_size=30)
)
key_names = st.text(
    alphabet=st.characters(whitelist_categories=["L", "N"], whitelist_characters=" -_.()"),
    min_size=1,
    max_size=30,
)


def to_csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode()


def event_for(template: dict[str, Any], bucket: str, name: str, body: bytes) -> dict[str, Any]:
    """Upload ``body`` and describe it as S3 does: the key URL-encoded, the new version."""
    key = "{{ cookiecutter.s3_prefix }}" + name + "{{ cookiecutter.s3_suffix }}"
    version = boto3.client("s3").put_object(Bucket=bucket, Key=key, Body=body)["VersionId"]
    s3_entity = template["Records"][0]["s3"]
    encoded_key = quote_plus(key, safe="/")
    s3_entity["object"] |= {"key": encoded_key, "versionId": version, "size": len(body)}
    return template


@PROPERTY_SETTINGS
@given(rows=tables, name=key_names)
def test_csv_files_are_counted_exactly(
    resources, uploads_bucket, load_event, lambda_context, rows, name
):
    event = event_for(load_event("object_created.json"), uploads_bucket, name, to_csv(rows))
    (summary,) = handler.lambda_handler(event, lambda_context)["files"]
    assert summary["rows"] == len(rows) - 1
    assert summary["columns"] == rows[0]
    assert summary["key"].endswith(name + "{{ cookiecutter.s3_suffix }}")


def expected_rows(body: bytes) -> int | None:
    """The data rows of a valid CSV file, or None: the test's own reading of the bytes."""
    try:
        rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline=""), strict=True))
    except (UnicodeDecodeError, csv.Error):
        return None
    if not rows or not rows[0] or any(len(row) != len(rows[0]) for row in rows):
        return None
    return len(rows) - 1


@PROPERTY_SETTINGS
@given(body=st.binary(min_size=1, max_size=2048))
def test_arbitrary_bytes_are_counted_or_refused(
    resources, uploads_bucket, load_event, lambda_context, body
):
    event = event_for(load_event("object_created.json"), uploads_bucket, "random", body)
    expected = expected_rows(body)
    if expected is None:
        with pytest.raises(InvalidCsvError):
            handler.lambda_handler(event, lambda_context)
    else:
        (summary,) = handler.lambda_handler(event, lambda_context)["files"]
        assert summary["rows"] == expected


def test_a_read_timeout_fails_the_invocation_and_is_logged(
    resources, uploads_bucket, load_event, lambda_context, log_records
):
    event = event_for(load_event("object_created.json"), uploads_bucket, "slow", b"a,b\n1,2\n")

    def time_out(**_kwargs: Any) -> None:
        raise ReadTimeoutError(endpoint_url="https://s3.{{ cookiecutter.aws_region }}.amazonaws.com")

    s3.meta.events.register_first("before-call.s3.GetObject", time_out)
    try:
        with pytest.raises(Exception, match="Read timeout"):
            handler.lambda_handler(event, lambda_context)
    finally:
        s3.meta.events.unregister("before-call.s3.GetObject", time_out)
    (error,) = [r for r in log_records() if r["level"] == "ERROR"]
    assert "ReadTimeoutError" in error["exception"]
