{%- set f = features(cookiecutter) -%}
{% if f.job_worker %}"""HTTP API entry point: routes requests to the items or the order queue; shapes responses.
{%- else %}"""HTTP API entry point: routes requests to the item store and shapes the responses.
{%- endif %}

Client mistakes become 4xx responses with a JSON body. Anything unexpected is
logged with its stack trace and re-raised, so API Gateway answers 500, the
invocation counts in the Errors metric and the alarm fires.

``POST /items`` honours an ``Idempotency-Key`` header: the key names the item, so
a client that retries after a timeout or a 5xx gets the item it made, not a second one.
{%- if f.job_worker %}
``POST /orders`` answers 202 once the order is on the {{ f.job_module }}'s queue (order_intake.py).
{%- endif %}
{%- if f.idempotency %}
The whole create (write and notification) is recorded under the key with
Powertools idempotency: a repeat of a completed request is answered from the
record without notifying again, and one still in progress gets 409.
{%- endif %}
"""

from __future__ import annotations

from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response, content_types
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.metrics import MetricUnit
{%- if f.idempotency %}
from aws_lambda_powertools.utilities.idempotency import idempotent_function
from aws_lambda_powertools.utilities.idempotency.exceptions import (
    IdempotencyAlreadyInProgressError,
    IdempotencyValidationError,
)
{%- endif %}

from .clients import dynamodb{% if f.job_worker %}, sqs{% endif %}
{%- if f.idempotency %}
from .idempotency import config as idempotency_config
from .idempotency import persistence_layer
{%- endif %}
from .items import (
    IdempotencyKeyReusedError,
    InvalidItemError,
    ItemInput,
    ItemNotFoundError,
    ItemStore,
    item_id_for,
    parse_item_input,
)
{%- if f.secrets != "none" %}
from .notifications import notify
{%- endif %}
from .observability import logger, metrics, tracer
{%- if f.job_worker %}
from .order_intake import OrderQueue, order_id_for, parse_order_request
{%- endif %}
from .settings import settings
{%- if f.job_worker %}
from .{{ f.job_module }}.orders import InvalidOrderError
{%- endif %}

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.typing import LambdaContext

app = APIGatewayHttpResolver()
store = ItemStore(dynamodb, settings.table_name)
{%- if f.job_worker %}
orders = OrderQueue(sqs, settings.worker_queue_url)
{%- endif %}
IDEMPOTENCY_KEY_HEADER = "idempotency-key"  # API Gateway lower-cases header names (payload 2.0)
IDEMPOTENCY_KEY_MAX_LENGTH = 255


def _error(status: HTTPStatus, message: str) -> Response:
    return Response(
        status_code=status,
        content_type=content_types.APPLICATION_JSON,
        body={"error": status.phrase, "message": message},
    )


@app.exception_handler(InvalidItemError)
def handle_invalid_item(error: InvalidItemError) -> Response:
    logger.info("Rejected invalid request", extra={"reason": str(error)})
    return _error(HTTPStatus.BAD_REQUEST, str(error))


{% if f.job_worker -%}
@app.exception_handler(InvalidOrderError)
def handle_invalid_order(error: InvalidOrderError) -> Response:
    logger.info("Rejected invalid order", extra={"reason": str(error)})
    return _error(HTTPStatus.BAD_REQUEST, str(error))


{% endif -%}
@app.exception_handler(ItemNotFoundError)
def handle_item_not_found(error: ItemNotFoundError) -> Response:
    return _error(HTTPStatus.NOT_FOUND, f"Item {error} not found")


@app.exception_handler(IdempotencyKeyReusedError)
def handle_reused_key(_exception: Exception) -> Response:
    return _error(
        HTTPStatus.UNPROCESSABLE_ENTITY,
        "This Idempotency-Key was already used with another request body",
    )
{%- if f.idempotency %}


@app.exception_handler(IdempotencyValidationError)
def handle_changed_body(exception: IdempotencyValidationError) -> Response:
    return handle_reused_key(exception)


@app.exception_handler(IdempotencyAlreadyInProgressError)
def handle_request_in_progress(_exception: IdempotencyAlreadyInProgressError) -> Response:
    return _error(
        HTTPStatus.CONFLICT, "A request with this Idempotency-Key is in progress; retry later"
    )
{%- endif %}


@app.not_found
def handle_unknown_route(_exception: Exception) -> Response:
    event = app.current_event
    return _error(HTTPStatus.NOT_FOUND, f"No route for {event.http_method} {event.path}")


def request_body() -> str | None:
    """The request body as text; a body that is not UTF-8 is the client's mistake."""
    try:
        return app.current_event.decoded_body
    except ValueError:  # undecodable base64 or bytes that are not UTF-8
        raise InvalidItemError("Request body must be a JSON object in UTF-8") from None


def idempotency_key() -> str | None:
    """The request's Idempotency-Key{% if f.api_auth != "none" %}, scoped to the caller{% endif %}; None when the client sent none."""
    key = app.current_event.headers.get(IDEMPOTENCY_KEY_HEADER)
    if key is None:
        return None
    if not 1 <= len(key) <= IDEMPOTENCY_KEY_MAX_LENGTH or not key.isprintable():
        raise InvalidItemError(
            f"Idempotency-Key must be 1-{IDEMPOTENCY_KEY_MAX_LENGTH} printable characters"
        )
{%- if f.api_auth == "iam" %}
    authorizer = app.current_event.raw_event["requestContext"].get("authorizer") or {}
    caller = authorizer.get("iam", {}).get("userArn", "")
    return f"{caller} {key}"
{%- elif f.api_auth == "jwt" %}
    authorizer = app.current_event.raw_event["requestContext"].get("authorizer") or {}
    caller = authorizer.get("jwt", {}).get("claims", {}).get("sub", "")
    return f"{caller} {key}"
{%- else %}
    return key
{%- endif %}


def create(data: ItemInput, item_id: str | None = None) -> dict[str, str]:
    """Store the item{% if f.secrets != "none" %} and notify the webhook{% endif %}; safe to repeat with the same ``item_id``."""
    item = store.create(data, item_id)
{%- if f.secrets != "none" %}
    notify("item.created", item.to_dict())
{%- endif %}
    metrics.add_metric(name="ItemCreated", unit=MetricUnit.Count, value=1)
    logger.info("Item created", extra={"item_id": item.id})
    return item.to_dict()
{%- if f.idempotency %}


@idempotent_function(
    data_keyword_argument="request", config=idempotency_config, persistence_store=persistence_layer
)
def create_once(request: dict[str, str]) -> dict[str, str]:
    """:func:`create`, done once per idempotency key; a repeat returns the first result."""
    data = ItemInput(name=request["name"], description=request["description"])
    return create(data, item_id_for(request["idempotency_key"]))
{%- endif %}


@app.post("/items")
@tracer.capture_method
def create_item() -> tuple[dict[str, str], int]:
    data = parse_item_input(request_body())
    key = idempotency_key()
    if key is None:
        return create(data), HTTPStatus.CREATED
{%- if f.idempotency %}
    request = {"idempotency_key": key, "name": data.name, "description": data.description}
    return create_once(request=request), HTTPStatus.CREATED
{%- else %}
    return create(data, item_id_for(key)), HTTPStatus.CREATED
{%- endif %}


@app.get("/items/<item_id>")
@tracer.capture_method
def get_item(item_id: str) -> dict[str, str]:
    return store.get(item_id).to_dict()


@app.put("/items/<item_id>")
@tracer.capture_method
def replace_item(item_id: str) -> dict[str, str]:
    item = store.replace(item_id, parse_item_input(request_body()))
    logger.info("Item replaced", extra={"item_id": item.id})
    return item.to_dict()


@app.delete("/items/<item_id>")
@tracer.capture_method
def delete_item(item_id: str) -> Response:
    store.delete(item_id)
    logger.info("Item deleted", extra={"item_id": item_id})
    return Response(status_code=HTTPStatus.NO_CONTENT)


{% if f.job_worker -%}
@app.post("/orders")
@tracer.capture_method
def submit_order() -> tuple[dict[str, str], int]:
    """Accept an order for the {{ f.job_module }}: 202 once it is queued, with its order id."""
    order = parse_order_request(request_body(), order_id_for(idempotency_key()))
    message_id = orders.send(order)
    metrics.add_metric(name="OrdersQueued", unit=MetricUnit.Count, value=1)
    logger.info("Order queued", extra={"order_id": order.order_id, "message_id": message_id})
    return {"order_id": order.order_id, "status": "queued"}, HTTPStatus.ACCEPTED


{% endif -%}
@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_HTTP)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Lambda entry point for the HTTP API (payload format 2.0)."""
{%- if f.idempotency %}
    idempotency_config.register_lambda_context(context)
{%- endif %}
    try:
        return app.resolve(event, context)
    except Exception:
        logger.exception("Unhandled error while handling the request")
        raise
