{%- set f = features(cookiecutter) -%}
"""The work one order triggers{% if f.idempotency %}, done once per order id however often it is delivered{% endif %}."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
{%- if f.idempotency %}
from aws_lambda_powertools.utilities.idempotency import idempotent_function
{%- endif %}

{% if f.table %}from .clients import dynamodb
{% endif %}{% if f.idempotency %}from .idempotency import config, persistence_layer
{% endif %}{% if f.secrets != "none" %}from .notifications import notify
{% endif %}from .observability import logger, metrics, tracer
from .orders import Order{% if f.table %}, OrderStore{% endif %}
{%- if f.table %}
from .settings import settings

store = OrderStore(dynamodb, settings.table_name)
{%- endif %}

{% if f.idempotency %}
@idempotent_function(
    data_keyword_argument="order", config=config, persistence_store=persistence_layer
)
{%- endif %}
@tracer.capture_method
def process_order(order: Order) -> dict[str, Any]:
    """{% if f.table %}Store the order{% if f.secrets != "none" %} and notify the webhook{% endif %}{% elif f.secrets != "none" %}Notify the webhook of the order{% else %}Accept the order{% endif %}; return a summary of what was done."""
{%- if f.table %}
    store.save(order)
{%- endif %}
{%- if f.secrets != "none" %}
    notify("order.processed", order.to_dict())
{%- endif %}
    metrics.add_metric(name="OrdersProcessed", unit=MetricUnit.Count, value=1)
    logger.info("Order processed", extra={"order_id": order.order_id})
    return {"order_id": order.order_id, "status": "processed"}
