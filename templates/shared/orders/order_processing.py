{%- set f = features(cookiecutter) -%}
{%- import "macros/python.py" as py with context -%}
"""The work one order triggers{% if f.idempotency %}, done once per order id however often it is delivered{% endif %}."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
{%- if f.idempotency %}
from aws_lambda_powertools.utilities.idempotency import idempotent_function
{%- endif %}

{{ py.relative_imports(
    [["clients", "dynamodb", True]] * f.table
    + [["idempotency", "config, persistence_layer", False]] * f.idempotency
    + [["notifications", "notify", True]] * (f.secrets != "none")
    + [["observability", "logger, metrics, tracer", True]]
    + [["orders", "Order" ~ (", OrderStore" if f.table else ""), False]]
    + [["settings", "settings", True]] * f.table
) }}
{%- if f.table %}

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
