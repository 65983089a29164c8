"""HTTP API entry point: routes requests to the item store and shapes the responses.

Client mistakes become 4xx responses with a JSON body. Anything unexpected is
logged with its stack trace and re-raised, so API Gateway answers 500, the
invocation counts in the Errors metric and the alarm fires.
"""

from __future__ import annotations

from http import HTTPStatus
from typing import TYPE_CHECKING, Any

from aws_lambda_powertools.event_handler import APIGatewayHttpResolver, Response, content_types
from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.metrics import MetricUnit

from .clients import dynamodb
from .items import InvalidItemError, ItemNotFoundError, ItemStore, parse_item_input
from .observability import logger, metrics, tracer
from .settings import settings

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.typing import LambdaContext

app = APIGatewayHttpResolver()
store = ItemStore(dynamodb, settings.table_name)


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


@app.exception_handler(ItemNotFoundError)
def handle_item_not_found(error: ItemNotFoundError) -> Response:
    return _error(HTTPStatus.NOT_FOUND, f"Item {error} not found")


@app.not_found
def handle_unknown_route(_exception: Exception) -> Response:
    event = app.current_event
    return _error(HTTPStatus.NOT_FOUND, f"No route for {event.http_method} {event.path}")


@app.post("/items")
@tracer.capture_method
def create_item() -> tuple[dict[str, str], int]:
    item = store.create(parse_item_input(app.current_event.decoded_body))
    metrics.add_metric(name="ItemCreated", unit=MetricUnit.Count, value=1)
    logger.info("Item created", extra={"item_id": item.id})
    return item.to_dict(), HTTPStatus.CREATED


@app.get("/items/<item_id>")
@tracer.capture_method
def get_item(item_id: str) -> dict[str, str]:
    return store.get(item_id).to_dict()


@app.put("/items/<item_id>")
@tracer.capture_method
def replace_item(item_id: str) -> dict[str, str]:
    item = store.replace(item_id, parse_item_input(app.current_event.decoded_body))
    logger.info("Item replaced", extra={"item_id": item.id})
    return item.to_dict()


@app.delete("/items/<item_id>")
@tracer.capture_method
def delete_item(item_id: str) -> Response:
    store.delete(item_id)
    logger.info("Item deleted", extra={"item_id": item_id})
    return Response(status_code=HTTPStatus.NO_CONTENT)


@logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_HTTP)
@tracer.capture_lambda_handler
@metrics.log_metrics(capture_cold_start_metric=True)
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    """Lambda entry point for the HTTP API (payload format 2.0)."""
    try:
        return app.resolve(event, context)
    except Exception:
        logger.exception("Unhandled error while handling the request")
        raise
