{%- set f = features(cookiecutter) -%}
"""Random scheduler inputs: only a well-formed run is executed; anything else fails loudly."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
{%- if f.dynamodb_client %}
from botocore.exceptions import ClientError
{%- endif %}
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

{% if not f.module %}from {{ cookiecutter.package_name }} import handler
{% endif %}
{%- if f.dynamodb_client %}from {{ cookiecutter.package_name }}.clients import dynamodb
{% endif %}
{%- if f.module %}from {{ cookiecutter.package_name }}{{ f.subpackage }} import handler
{% endif -%}
from {{ cookiecutter.package_name }}{{ f.subpackage }}.jobs import InvalidRunError

PROPERTY_SETTINGS = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
aware_times = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2040, 1, 1), timezones=st.just(UTC)
)


@PROPERTY_SETTINGS
@given(scheduled_at=aware_times, execution_id=st.uuids().map(str))
def test_every_well_formed_run_completes(resources, lambda_context, scheduled_at, execution_id):
    event = {"scheduled_time": scheduled_at.isoformat(), "execution_id": execution_id}
    result = handler.lambda_handler(event, lambda_context)
    assert result["scheduled_time"] == event["scheduled_time"]


@PROPERTY_SETTINGS
@given(
    event=st.one_of(
        scalars,
        st.dictionaries(st.sampled_from(["scheduled_time", "execution_id"]), scalars),
        st.fixed_dictionaries(
            {"scheduled_time": st.datetimes().map(datetime.isoformat), "execution_id": st.just("x")}
        ),
    )
)
def test_malformed_input_fails_for_the_retry_path(resources, lambda_context, event: Any):
    with pytest.raises((InvalidRunError, AttributeError)):
        handler.lambda_handler(event, lambda_context)
{%- if f.dynamodb_client %}


def test_a_failing_downstream_fails_the_run_and_is_logged(
    resources, load_event, lambda_context, log_records
):
    def fail(**_kwargs: Any) -> None:
        raise ClientError({"Error": {"Code": "InternalServerError"}}, "PutItem")

    dynamodb.meta.events.register_first("before-call.dynamodb.PutItem", fail)
    try:
        with pytest.raises(Exception, match="InternalServerError"):
            handler.lambda_handler(load_event("scheduled_run.json"), lambda_context)
    finally:
        dynamodb.meta.events.unregister("before-call.dynamodb.PutItem", fail)
    (error,) = [r for r in log_records() if r["level"] == "ERROR"]
    assert "InternalServerError" in error["exception"]
{%- endif %}
