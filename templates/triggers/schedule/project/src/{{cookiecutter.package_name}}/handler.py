{%- set f = features(cookiecutter) -%}
"""Schedule entry point: runs the job once per scheduled time ({{ cookiecutter.schedule_expression }}).

EventBridge Scheduler invokes the function asynchronously and retries delivery;
what it cannot deliver goes to the schedule's dead-letter queue. If the job
fails, the error is logged and re-raised: Lambda retries it twice, then sends
the event to the OnFailure destination queue.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.metrics import MetricUnit
{%- if f.idempotency %}
from aws_lambda_powertools.utilities.idempotency import idempotent_function
{%- endif %}

{% if f.module %}
{#- An extra function: the package's shared modules, then its own subpackage's. #}
{%- if f.table %}from ..clients import dynamodb
{% endif %}{% if f.secrets != "none" %}from ..notifications import notify
{% endif %}from ..observability import logger, metrics, tracer
{% if f.table %}from ..settings import settings
{% endif %}{% if f.idempotency %}from .idempotency import config as idempotency_config
from .idempotency import persistence_layer
{% endif %}from .jobs import {% if f.table %}RunStore, {% endif %}ScheduledRun, parse_run
{% else %}
{%- if f.table %}from .clients import dynamodb
{% endif %}{% if f.idempotency %}from .idempotency import config as idempotency_config
from .idempotency import persistence_layer
{% endif %}from .jobs import {% if f.table %}RunStore, {% endif %}ScheduledRun, parse_run
{%- if f.secrets != "none" %}
from .notifications import notify
{%- endif %}
from .observability import logger, metrics, tracer
{%- if f.table %}
from .settings import settings
{%- endif %}
{% endif %}
if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.typing import LambdaContext
{%- if f.table %}

store = RunStore(dynamodb, settings.table_name)
{%- endif %}

{% if f.idempotency %}
@idempotent_function(
    data_keyword_argument="run", config=idempotency_config, persistence_store=persistence_layer
)
{%- endif %}
@tracer.capture_method
def run_job(run: ScheduledRun) -> dict[str, Any]:
    """The scheduled work for one run; put the job's own steps here."""
    lag_seconds = (datetime.now(UTC) - run.scheduled_at).total_seconds()
    metrics.add_metric(name="JobStartLag", unit=MetricUnit.Seconds, value=max(lag_seconds, 0))
    completed_at = datetime.now(UTC)
{%- if f.table %}
    store.record(run, completed_at)
{%- endif %}
{%- if f.secrets != "none" %}
    notify("job.completed", {"scheduled_time": run.scheduled_time})
{%- endif %}
    metrics.add_metric(name="JobRuns", unit=MetricUnit.Count, value=1)
    logger.info("Job completed", extra={"scheduled_time": run.scheduled_time})
    return {"scheduled_time": run.scheduled_time, "completed_at": completed_at.isoformat()}


@logger.inject_lambda_context(correlation_id_path="execution_id")
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Lambda entry point for EventBridge Scheduler."""
{%- if f.idempotency %}
    idempotency_config.register_lambda_context(context)
{%- endif %}
    try:
        return run_job(run=parse_run(event))
    except Exception:
        logger.exception("Run failed; Lambda will retry it, then send it to the failure queue")
        raise
