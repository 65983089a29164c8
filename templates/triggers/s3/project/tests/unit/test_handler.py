{%- set f = features(cookiecutter) -%}
"""The S3 handler: CSV files streamed and summarised, bad files failed for the retry path."""

from __future__ import annotations

{% if f.secrets != "none" %}import json
{% endif %}from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from botocore.response import StreamingBody

from {{ cookiecutter.package_name }} import handler
from {{ cookiecutter.package_name }}.uploads import InvalidCsvError
from tests.unit.conftest import metric_total

CSV = "order_id,total_cents\no-1001,1299\no-1002,450\n"


def upload(bucket: str, event: dict[str, Any], body: bytes) -> dict[str, Any]:
    """Put ``body`` at the event's key and point the event at the new version."""
    s3_entity = event["Records"][0]["s3"]
    key = s3_entity["object"]["key"]
    version = boto3.client("s3").put_object(Bucket=bucket, Key=key, Body=body)["VersionId"]
    s3_entity["object"]["versionId"] = version
    s3_entity["object"]["size"] = len(body)
    return event


def test_csv_file_is_summarised(resources, uploads_bucket, load_event, lambda_context, capsys):
    event = upload(uploads_bucket, load_event("object_created.json"), CSV.encode())
    result = handler.lambda_handler(event, lambda_context)
    (summary,) = result["files"]
    assert summary["columns"] == ["order_id", "total_cents"]
    assert summary["rows"] == 2
    assert summary["key"] == "{{ cookiecutter.s3_prefix }}orders-2026-12-04{{ cookiecutter.s3_suffix }}"
    assert metric_total(capsys.readouterr().out, "RowsProcessed") == 2
{%- if f.table %}


def test_summary_is_stored_per_object_version(
    resources, uploads_bucket, data_table, load_event, lambda_context
):
    event = upload(uploads_bucket, load_event("object_created.json"), CSV.encode())
    handler.lambda_handler(event, lambda_context)
    (item,) = boto3.client("dynamodb").scan(TableName=data_table)["Items"]
    version = event["Records"][0]["s3"]["object"]["versionId"]
    assert item["id"]["S"].endswith(f"#{version}")
    assert item["rows"] == {"N": "2"}
{%- endif %}


def test_large_file_is_streamed_not_loaded_whole(
    resources, uploads_bucket, load_event, lambda_context, monkeypatch
):
    rows = 50_000
    body = ("order_id,total_cents\n" + "o-1,100\n" * rows).encode()
    event = upload(uploads_bucket, load_event("object_created.json"), body)
    reads: list[int | None] = []
    original_read = StreamingBody.read

    def recording_read(self: StreamingBody, amt: int | None = None) -> bytes:
        reads.append(amt)
        return original_read(self, amt)

    monkeypatch.setattr(StreamingBody, "read", recording_read)
    (summary,) = handler.lambda_handler(event, lambda_context)["files"]
    assert summary["rows"] == rows
    assert None not in reads
    assert max(reads) <= 64 * 1024 < len(body)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "The file is empty"),
        (b"order_id,total_cents\no-1001\n", "Line 2 has 1 fields; the header has 2"),
        (b"order_id\n\xff\xfe\n", "Not UTF-8 text"),
        (b'order_id,note\no-1,"unclosed\n', "Malformed CSV"),
    ],
    ids=["empty", "short-row", "not-utf8", "unclosed-quote"],
)
def test_invalid_file_fails_the_invocation_and_is_logged(
    resources, uploads_bucket, load_event, lambda_context, log_records, body, message
):
    event = upload(uploads_bucket, load_event("object_created.json"), body)
    with pytest.raises(InvalidCsvError, match=message):
        handler.lambda_handler(event, lambda_context)
    (error,) = [record for record in log_records() if record["level"] == "ERROR"]
    assert error["exception_name"] == "InvalidCsvError"


def test_missing_object_version_fails_the_invocation(resources, load_event, lambda_context):
    with pytest.raises(ClientError, match="NoSuchVersion"):
        handler.lambda_handler(load_event("object_created.json"), lambda_context)
{%- if f.idempotency %}


def test_duplicate_notification_is_processed_once(
    resources, uploads_bucket, load_event, lambda_context, capsys
):
    event = upload(uploads_bucket, load_event("object_created.json"), CSV.encode())
    first = handler.lambda_handler(event, lambda_context)
    second = handler.lambda_handler(event, lambda_context)
    assert first == second
    assert metric_total(capsys.readouterr().out, "RowsProcessed") == 2
{%- endif %}
{%- if f.secrets != "none" %}


def test_summary_notifies_the_webhook(
    resources, uploads_bucket, load_event, lambda_context, webhook_requests
):
    event = upload(uploads_bucket, load_event("object_created.json"), CSV.encode())
    handler.lambda_handler(event, lambda_context)
    (request,) = webhook_requests
    assert json.loads(request.data)["data"]["rows"] == 2
{%- endif %}
