{%- set f = features(cookiecutter) -%}
"""The scheduled handler: one run per scheduled time, bad input failed for the retry path."""

from __future__ import annotations

{% if f.secrets != "none" %}import json

{% endif %}{% if f.table %}import boto3
{% endif %}import pytest

from {{ cookiecutter.package_name }}{{ f.subpackage }} import handler
from {{ cookiecutter.package_name }}{{ f.subpackage }}.jobs import InvalidRunError
from tests.unit.conftest import emf_documents{% if f.idempotency %}, metric_total{% endif %}


def test_run_completes_and_reports_metrics(resources, load_event, lambda_context, capsys):
    result = handler.lambda_handler(load_event("scheduled_run.json"), lambda_context)
    assert result["scheduled_time"] == "2026-12-04T10:15:00Z"
    documents = emf_documents(capsys.readouterr().out)
    assert sum(sum(doc["JobRuns"]) for doc in documents if "JobRuns" in doc) == 1
    lag = [doc for doc in documents if "JobStartLag" in doc]
    assert lag[0]["_aws"]["CloudWatchMetrics"][0]["Metrics"][0]["Unit"] == "Seconds"
{%- if f.table %}


def test_run_is_recorded(resources, data_table, load_event, lambda_context):
    handler.lambda_handler(load_event("scheduled_run.json"), lambda_context)
    (item,) = boto3.client("dynamodb").scan(TableName=data_table)["Items"]
    assert item["id"] == {"S": "run#2026-12-04T10:15:00Z"}
{%- endif %}


@pytest.mark.parametrize(
    ("event", "message"),
    [
        ({}, "'execution_id' must be a non-empty string"),
        ({"execution_id": "x", "scheduled_time": "yesterday"}, "ISO 8601"),
        ({"execution_id": "x", "scheduled_time": "2026-12-04T10:15:00"}, "time zone"),
        ({"execution_id": "x"}, "ISO 8601"),
    ],
    ids=["empty", "not-a-time", "naive-time", "missing-time"],
)
def test_invalid_input_fails_the_invocation_and_is_logged(
    resources, lambda_context, log_records, event, message
):
    with pytest.raises(InvalidRunError, match=message):
        handler.lambda_handler(event, lambda_context)
    (error,) = [record for record in log_records() if record["level"] == "ERROR"]
    assert error["exception_name"] == "InvalidRunError"
{%- if f.idempotency %}


def test_a_retried_delivery_runs_the_job_once(resources, load_event, lambda_context, capsys):
    event = load_event("scheduled_run.json")
    first = handler.lambda_handler(event, lambda_context)
    event["execution_id"] = "a-retry-of-the-same-run"
    second = handler.lambda_handler(event, lambda_context)
    assert first == second
    assert metric_total(capsys.readouterr().out, "JobRuns") == 1
{%- endif %}
{%- if f.secrets != "none" %}


def test_run_notifies_the_webhook(resources, load_event, lambda_context, webhook_requests):
    handler.lambda_handler(load_event("scheduled_run.json"), lambda_context)
    (request,) = webhook_requests
    assert json.loads(request.data) == {
        "event": "job.completed",
        "data": {"scheduled_time": "2026-12-04T10:15:00Z"},
    }
{%- endif %}


def test_logs_carry_the_execution_id_as_correlation_id(
    resources, load_event, lambda_context, log_records, cold_execution_environment
):
    event = load_event("scheduled_run.json")
    handler.lambda_handler(event, lambda_context)
    (completed,) = [record for record in log_records() if record["message"] == "Job completed"]
    assert completed["correlation_id"] == event["execution_id"]
    assert completed["cold_start"] is True
