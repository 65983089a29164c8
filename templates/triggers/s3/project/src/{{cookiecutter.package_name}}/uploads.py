{%- set f = features(cookiecutter) -%}
"""Uploaded CSV files: read as a stream and summarised, never loaded into memory whole.

A file that is not valid UTF-8 CSV, or whose rows do not match the header,
raises :class:`InvalidCsvError`, which fails the invocation: Lambda retries it
twice and then sends the event to the failure queue.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote_plus

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.data_classes import S3Event
{%- if f.table %}
    from botocore.client import BaseClient
{%- endif %}
    from botocore.response import StreamingBody


class InvalidCsvError(ValueError):
    """The object is not a CSV file this function can summarise."""


@dataclass(frozen=True)
class ObjectRef:
    """One version of one object, as named in an S3 event."""

    bucket: str
    key: str
    version: str | None


@dataclass(frozen=True)
class CsvSummary:
    """What the function learnt from one file."""

    bucket: str
    key: str
    version: str | None
    columns: list[str]
    rows: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def object_refs(event: S3Event) -> Iterator[ObjectRef]:
    """The objects an S3 event names (keys arrive URL-encoded)."""
    for record in event.records:
        s3_object = record.s3.get_object
        yield ObjectRef(record.s3.bucket.name, unquote_plus(s3_object.key), s3_object.version_id)


def text_lines(body: StreamingBody) -> Iterator[str]:
    """Decode an object body as UTF-8 while it downloads, a few kilobytes at a time."""
    try:
        yield from io.TextIOWrapper(body, encoding="utf-8", newline="")
    except UnicodeDecodeError as error:
        raise InvalidCsvError(f"Not UTF-8 text: {error.reason} at byte {error.start}") from None


def summarize_csv(ref: ObjectRef, lines: Iterable[str]) -> CsvSummary:
    """Count the data rows of a CSV file, checking each against the header."""
    reader = csv.reader(lines, strict=True)
    try:
        header = next(reader, None)
        if not header:
            raise InvalidCsvError("The file is empty: a CSV file starts with a header row")
        rows = 0
        for row in reader:
            if len(row) != len(header):
                raise InvalidCsvError(
                    f"Line {reader.line_num} has {len(row)} fields; the header has {len(header)}"
                )
            rows += 1
    except csv.Error as error:
        raise InvalidCsvError(f"Malformed CSV at line {reader.line_num}: {error}") from None
    return CsvSummary(ref.bucket, ref.key, ref.version, header, rows)
{%- if f.table %}


class SummaryStore:
    """Write file summaries to the DynamoDB table, one item per object version."""

    def __init__(self, client: BaseClient, table_name: str) -> None:
        self._client = client
        self._table_name = table_name

    def save(self, summary: CsvSummary) -> None:
        self._client.put_item(
            TableName=self._table_name,
            Item={
                "id": {"S": f"s3://{summary.bucket}/{summary.key}#{summary.version or 'null'}"},
                "columns": {"L": [{"S": column} for column in summary.columns]},
                "rows": {"N": str(summary.rows)},
            },
        )
{%- endif %}
