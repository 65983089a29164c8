{%- set f = features(cookiecutter) -%}
{%- set notifies = f.secrets != "none" -%}
{%- set work = ("Store the order's new state" ~ (" and notify the webhook" if notifies else "")) if f.table else ("Notify the webhook of the change" if notifies else "Accept the change") -%}
"""The work one order change triggers{% if f.idempotency %}, done once per stream record however often it is delivered{% endif %}."""

from __future__ import annotations

from typing import Any

from aws_lambda_powertools.metrics import MetricUnit
{%- if f.idempotency %}
from aws_lambda_powertools.utilities.idempotency import idempotent_function
{%- endif %}

{% if f.table -%}
from .clients import dynamodb
{% endif -%}
{% if f.idempotency -%}
from .idempotency import config, persistence_layer
{% endif -%}
{% if notifies -%}
from .notifications import notify
{% endif -%}
from .observability import logger, metrics, tracer
from .order_changes import OrderChange
{%- if f.table %}
from .orders import OrderStore
from .settings import settings

# The data table keeps each order's latest state. Never the source table: a write there
# would be a change that invokes this function again.
store = OrderStore(dynamodb, settings.table_name)
{%- endif %}

{% if f.idempotency %}
@idempotent_function(
    data_keyword_argument="change", config=config, persistence_store=persistence_layer
)
{%- endif %}
@tracer.capture_method
def process_change(change: OrderChange) -> dict[str, Any]:
    """{{ work }}; return a summary of what was done."""
{%- if f.table %}
    store.save(change.order)
{%- endif %}
{%- if notifies %}
    notify(f"order.{change.kind}", change.order.to_dict())
{%- endif %}
    metrics.add_metric(name="OrderChangesProcessed", unit=MetricUnit.Count, value=1)
    logger.info(
        "Order change processed",
        extra={
            "order_id": change.order.order_id,
            "change": change.kind,
            "sequence_number": change.sequence_number,
        },
    )
    return {"sequence_number": change.sequence_number, "status": "processed"}
