{%- set f = features(cookiecutter) -%}
{%- import "macros/python.py" as py with context -%}
{%- if f.reads_data_table_stream -%}
"""DynamoDB Streams entry point: reacts to the API's writes to the data table.

The event source mapping delivers every change of the stack's DataTable, in the
order the table recorded them: an item created, updated or deleted through the
API (removals are work too: whoever follows the items must learn of a deletion).
The first change that fails (a record that is not an item, a downstream error)
stops the batch: it and every record after it are reported in
``batchItemFailures``, so Lambda checkpoints at that first failed sequence number
and retries from it. A batch whose first record fails raises instead: Lambda
splits it in two until the bad record is alone, retries it three times, then sends
its shard and sequence number to the failure queue and moves on. The function can
read the table's stream but not write the table: a write there would be a change
that invokes it again.
"""
{%- else -%}
"""DynamoDB Streams entry point: reacts to orders inserted or modified in the source table.

The event source mapping delivers inserts and modifications only (its filter drops
removals). The changes are processed in the order the table recorded them, and
the first that fails (an invalid order, a downstream error) stops the batch: it and
every record after it are reported in ``batchItemFailures``, so Lambda checkpoints
at that first failed sequence number and retries from it. A batch whose first
record fails raises instead: Lambda splits it in two until the bad record is alone,
retries it three times, then sends its shard and sequence number to the failure
queue and moves on. The function cannot write to the source table.
"""
{%- endif %}

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.utilities.batch import EventType, process_partial_response

{% if f.reads_data_table_stream -%}
{{ py.relative_imports([["idempotency", "config as idempotency_config", False]] * f.idempotency + [
    ["item_change_processing", "process_change", False],
    ["item_changes", "parse_change", False],
    ["observability", "logger, metrics, tracer", True],
    ["stream_batches", "InOrderBatchProcessor", True],
]) }}
{% else -%}
from .change_processing import process_change
{% if f.idempotency -%}
from .idempotency import config as idempotency_config
{% endif -%}
from .observability import logger, metrics, tracer
from .order_changes import parse_change
from .stream_batches import InOrderBatchProcessor
{% endif %}
if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.data_classes.dynamo_db_stream_event import DynamoDBRecord
    from aws_lambda_powertools.utilities.typing import LambdaContext

processor = InOrderBatchProcessor(event_type=EventType.DynamoDBStreams)


@tracer.capture_method
def handle_record(record: DynamoDBRecord) -> None:
    """Process one change; any exception fails it and defers the records after it."""
    stream_record = record.dynamodb
{%- if f.reads_data_table_stream %}
    change = parse_change(
        record.get("eventName"),
        stream_record.sequence_number,
        new_image=stream_record.new_image,
        old_image=stream_record.old_image,
    )
    process_change(change=change)
{%- else %}
    change = parse_change(
        record.get("eventName"), stream_record.sequence_number, stream_record.new_image
    )
    if change is None:
        logger.info(
            "Removal ignored: only inserts and modifications are work",
            extra={"sequence_number": stream_record.sequence_number},
        )
        return
    process_change(change=change)
{%- endif %}


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Lambda entry point for the table stream's event source mapping."""
{%- if f.idempotency %}
    idempotency_config.register_lambda_context(context)
{%- endif %}
    return process_partial_response(
        event=event, record_handler=handle_record, processor=processor, context=context
    )
