{%- set f = features(cookiecutter) -%}
"""Kinesis entry point: processes a batch of order records from one shard, in order.

Each record's data is one order as JSON. The records are processed in sequence,
and the first that fails (data that is not JSON, an invalid order, a downstream
error) stops the batch: it and every record after it are reported in
``batchItemFailures``. Lambda checkpoints at that first failed sequence number and
retries from it, so an order never takes effect before one written ahead of it.
A batch whose first record fails raises instead: Lambda splits it in two until the
bad record is alone, retries it three times, then sends its shard and sequence
number to the failure queue and moves on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.utilities.batch import EventType, process_partial_response

{% if f.idempotency -%}
from .idempotency import config as idempotency_config
{% endif -%}
from .observability import logger, metrics, tracer
from .order_processing import process_order
from .orders import parse_order
from .stream_batches import InOrderBatchProcessor

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.data_classes.kinesis_stream_event import (
        KinesisStreamRecord,
    )
    from aws_lambda_powertools.utilities.typing import LambdaContext

processor = InOrderBatchProcessor(event_type=EventType.KinesisDataStreams)


@tracer.capture_method
def handle_record(record: KinesisStreamRecord) -> None:
    """Process one record; any exception fails it and defers the records after it."""
    process_order(order=parse_order(record.kinesis.data_as_json()))


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Lambda entry point for the stream's event source mapping."""
{%- if f.idempotency %}
    idempotency_config.register_lambda_context(context)
{%- endif %}
    return process_partial_response(
        event=event, record_handler=handle_record, processor=processor, context=context
    )
