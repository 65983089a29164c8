{%- set f = features(cookiecutter) -%}
{%- import "macros/python.py" as py with context -%}
"""SQS entry point: processes a batch of order messages and reports only the failures.

Each message is handled on its own. A message that fails (invalid JSON, an
invalid order, a downstream error) is logged and reported in
``batchItemFailures``: SQS makes only that message visible again, and after five
receives moves it to the dead-letter queue. The rest of the batch is deleted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.batch import (
    BatchProcessor,
    EventType,
    process_partial_response,
)
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

{{ py.relative_imports([["idempotency", "config as idempotency_config", False]] * f.idempotency + [
    ["observability", "logger, metrics, tracer", True],
    ["order_processing", "process_order", False],
    ["orders", "parse_order", False],
]) }}

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.batch.types import ExceptionInfo
    from aws_lambda_powertools.utilities.typing import LambdaContext


class LoggingBatchProcessor(BatchProcessor):
    """A batch processor that logs and counts every message that fails."""

    def failure_handler(self, record: SQSRecord, exception: ExceptionInfo) -> Any:
        logger.error(
            "Message failed; it returns to the queue",
            extra={"message_id": record.message_id, "receive_count": _receive_count(record)},
            exc_info=exception,
        )
        metrics.add_metric(name="MessagesFailed", unit=MetricUnit.Count, value=1)
        return super().failure_handler(record, exception)


def _receive_count(record: SQSRecord) -> int:
    return int(record.attributes.approximate_receive_count)


processor = LoggingBatchProcessor(event_type=EventType.SQS)


@tracer.capture_method
def handle_record(record: SQSRecord) -> None:
    """Process one message; any exception marks it failed."""
    process_order(order=parse_order(record.json_body))


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Lambda entry point for the SQS event source mapping."""
{%- if f.idempotency %}
    idempotency_config.register_lambda_context(context)
{%- endif %}
    return process_partial_response(
        event=event, record_handler=handle_record, processor=processor, context=context
    )
