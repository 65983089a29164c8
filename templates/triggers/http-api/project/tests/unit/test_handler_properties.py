"""Random and malformed requests: the API answers every client mistake with a 4xx JSON error."""

from __future__ import annotations

import base64
import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from {{ cookiecutter.package_name }} import handler

PROPERTY_SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(), children, max_size=4)
    ),
    max_leaves=10,
)
bodies = st.one_of(
    st.none(),
    st.text(),
    json_values.map(json.dumps),
    st.fixed_dictionaries({}, optional={"name": json_values, "description": json_values}).map(
        json.dumps
    ),
    st.binary(max_size=512).map(lambda raw: base64.b64encode(raw).decode()),
    st.just("x" * 1_000_000),
)


def request(
    template: dict[str, Any], method: str, path: str, body: str | None, encoded: bool
) -> dict[str, Any]:
    event = json.loads(json.dumps(template))
    event["rawPath"] = event["requestContext"]["http"]["path"] = path
    event["requestContext"]["http"]["method"] = method
    event["body"] = body
    event["isBase64Encoded"] = encoded
    event.pop("pathParameters", None)
    return event


@PROPERTY_SETTINGS
@given(
    method=st.sampled_from(["GET", "POST", "PUT", "DELETE", "PATCH"]),
    path=st.one_of(
        st.just("/items"),
        st.text(alphabet=st.characters(blacklist_characters="/?#"), max_size=40).map(
            lambda item_id: f"/items/{item_id}"
        ),
        st.text(max_size=30).map(lambda text: "/" + text),
    ),
    body=bodies,
    encoded=st.booleans(),
)
def test_client_mistakes_get_a_4xx_json_error_without_a_stack_trace(
    resources, load_event, lambda_context, method, path, body, encoded
):
    event = request(load_event("create_item.json"), method, path, body, encoded)
    response = handler.lambda_handler(event, lambda_context)
    status = response["statusCode"]
    assert status in {200, 201, 204, 400, 404}
    if status >= 400:
        error = json.loads(response["body"])
        assert set(error) == {"error", "message"}
        assert "Traceback" not in response["body"]
        assert 'File "' not in response["body"]
