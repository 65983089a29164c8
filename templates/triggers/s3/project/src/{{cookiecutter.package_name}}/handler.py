{%- set f = features(cookiecutter) -%}
"""S3 entry point: summarises each CSV file created under the trigger's prefix.

S3 invokes the function asynchronously. If a file cannot be processed, the error
is logged and re-raised: Lambda retries the event twice, then sends it, with the
error, to the OnFailure destination queue. The function's role can only read
the bucket, so nothing it does can trigger it again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.data_classes import S3Event
{%- if f.idempotency %}
from aws_lambda_powertools.utilities.idempotency import idempotent_function
{%- endif %}

from .clients import {% if f.table %}dynamodb, {% endif %}s3
{% if f.idempotency %}from .idempotency import config as idempotency_config
from .idempotency import persistence_layer
{% endif %}{% if f.secrets != "none" %}from .notifications import notify
{% endif %}from .observability import logger, metrics, tracer
{% if f.table %}from .settings import settings
{% endif %}from .uploads import ObjectRef, {% if f.table %}SummaryStore, {% endif %}object_refs, summarize_csv, text_lines

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.typing import LambdaContext
{%- if f.table %}

store = SummaryStore(dynamodb, settings.table_name)
{%- endif %}

{% if f.idempotency %}
@idempotent_function(
    data_keyword_argument="ref", config=idempotency_config, persistence_store=persistence_layer
)
{%- endif %}
@tracer.capture_method
def process_object(ref: ObjectRef) -> dict[str, Any]:
    """Stream one object version from S3 and summarise it."""
    version = {"VersionId": ref.version} if ref.version else {}
    body = s3.get_object(Bucket=ref.bucket, Key=ref.key, **version)["Body"]
    try:
        summary = summarize_csv(ref, text_lines(body))
    finally:
        body.close()
{%- if f.table %}
    store.save(summary)
{%- endif %}
{%- if f.secrets != "none" %}
    notify("object.summarized", summary.to_dict())
{%- endif %}
    metrics.add_metric(name="RowsProcessed", unit=MetricUnit.Count, value=summary.rows)
    logger.info("File summarised", extra={"key": ref.key, "rows": summary.rows})
    return summary.to_dict()


@logger.inject_lambda_context
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Lambda entry point for the bucket's ObjectCreated notifications."""
{%- if f.idempotency %}
    idempotency_config.register_lambda_context(context)
{%- endif %}
    try:
        return {"files": [process_object(ref=ref) for ref in object_refs(S3Event(event))]}
    except Exception:
        logger.exception("File failed; Lambda will retry it, then send it to the failure queue")
        raise
