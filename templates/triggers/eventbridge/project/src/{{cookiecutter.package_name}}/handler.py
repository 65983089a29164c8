{%- set f = features(cookiecutter) -%}
"""EventBridge entry point: processes one {{ cookiecutter.event_detail_type }} event from {{ cookiecutter.event_source }}.

EventBridge invokes the function asynchronously. If processing fails, the error
is logged and re-raised: Lambda retries the event twice, then sends it, with the
error, to the OnFailure destination queue, where nothing is lost.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.data_classes import EventBridgeEvent

{% if f.idempotency %}from .idempotency import config as idempotency_config
{% endif %}from .observability import logger, metrics, tracer
from .order_processing import process_order
from .orders import parse_order

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.typing import LambdaContext


@logger.inject_lambda_context(correlation_id_path=correlation_paths.EVENT_BRIDGE)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Lambda entry point for the EventBridge rule."""
{%- if f.idempotency %}
    idempotency_config.register_lambda_context(context)
{%- endif %}
    try:
        bridge_event = EventBridgeEvent(event)
        return process_order(order=parse_order(bridge_event.detail))
    except Exception:
        logger.exception("Event failed; Lambda will retry it, then send it to the failure queue")
        raise
