"""How the estimate turns a trigger's load into invocations, worked out by hand."""

from __future__ import annotations

import pytest

from lambda_starter.plan import Traffic, traffic_for
from lambda_starter.questionnaire import Questionnaire
from lambda_starter.template import load_template
from lambda_starter.usage import (
    DEFAULT_LOAD_PER_MONTH,
    batch_settings,
    configuration_of,
    cron_runs_a_day,
    default_load,
    functions_of,
    prefix_of,
    stack_usage,
)
from tests.conftest import REPO_ROOT

MONTH_HOURS = 730


@pytest.mark.parametrize(
    ("expression", "runs"),
    [
        ("rate(5 minutes)", 8_760),  # 43,800 minutes / 5
        ("rate(1 minute)", 43_800),
        ("rate(1 hour)", 730),
        ("rate(2 hours)", 365),
        ("rate(1 day)", 31),  # 30.42 days, rounded up
        ("cron(0 12 * * ? *)", 31),  # daily
        ("cron(0/15 * * * ? *)", 2_920),  # every 15 minutes: 96 a day
        ("cron(*/10 9-17 ? * MON-FRI *)", 1_174),  # 6 x 9 a weekday, 5/7 of 30.42 days
        ("cron(0 9 ? * 2-6 *)", 22),  # the same weekdays by number
        ("cron(0 0 1 * ? *)", 1),  # monthly
        ("cron(0 6 ? * 6#3 *)", 1),  # the third Friday
        ("cron(0 8 L * ? *)", 1),  # the last day of the month
        ("cron(0 0 1 1,7 ? *)", 1),  # twice a year: rounds up to one
        ("cron(0,30 8,20 * * ? *)", 122),  # four a day
    ],
)
def test_a_schedule_runs_as_its_expression_says(expression, runs):
    answers = {"trigger": "schedule", "schedule_expression": expression}
    assert default_load(answers, MONTH_HOURS) == runs


def test_other_triggers_start_from_a_million():
    assert default_load({"trigger": "sqs"}, MONTH_HOURS) == DEFAULT_LOAD_PER_MONTH == 1_000_000


def test_cron_runs_a_day_averages_days_off():
    assert cron_runs_a_day("cron(0 9 ? * MON-FRI *)") == pytest.approx(5 / 7)
    assert cron_runs_a_day("cron(0 9 1,15 * ? *)") == pytest.approx(2 / 31)
    assert cron_runs_a_day("cron(30 * * 6-8 ? *)") == pytest.approx(24 * 3 / 12)


@pytest.mark.parametrize(
    ("traffic", "text", "invocations"),
    [
        (Traffic(2_000_000, "messages", 10, 150), "2,000,000 messages a month in batches of 10 "
         "(200,000 invocations of 150 ms)", 200_000),
        (Traffic(1_001, "messages", 10, 150), "1,001 messages a month in batches of 10 "
         "(101 invocations of 150 ms)", 101),
        (Traffic(8_760, "scheduled runs", 1, 1_500.5), "8,760 scheduled runs a month of "
         "1,500.5 ms each", 8_760),
    ],
)  # fmt: skip
def test_traffic_says_what_it_prices(traffic, text, invocations):
    assert traffic.describe() == text
    assert traffic.load.requests_per_month == invocations


def test_traffic_for_takes_the_triggers_unit_and_the_profiles_batch():
    template = load_template(str(REPO_ROOT))
    answers = {"trigger": "sqs", "workload": "data-processing"}
    assert traffic_for(template, answers) == Traffic(1_000_000, "messages", 100, 2000)
    assert traffic_for(template, answers, 5_000, 30.0) == Traffic(5_000, "messages", 100, 30.0)
    api = {"trigger": "http-api", "workload": "ml-inference"}
    assert traffic_for(template, api) == Traffic(1_000_000, "requests", 1, 800)


def test_streams_are_read_in_the_profiles_stream_batches():
    template = load_template(str(REPO_ROOT))
    answers = {"trigger": "kinesis", "workload": "api", "kinesis_stream_arn": ""}
    # The api profile reads streams 100 records at a time (its SQS batch is 10).
    assert traffic_for(template, answers) == Traffic(1_000_000, "records", 100, 100)
    changes = {"trigger": "dynamodb-stream", "workload": "data-processing"}
    assert traffic_for(template, changes).unit == "table changes"


def test_only_a_stream_the_stack_creates_is_priced():
    questionnaire = Questionnaire(load_template(str(REPO_ROOT)))
    profiles = questionnaire.template.context["_workload_profiles"]
    new = questionnaire.collect({"trigger": "kinesis", "workload": "api"}, interactive=False).values
    assert stack_usage(new, profiles)["kinesis_batch_size"] == 100
    existing = new | {"kinesis_stream_arn": "arn:aws:kinesis:us-east-1:123456789012:stream/in"}
    assert stack_usage(existing, profiles)["kinesis_batch_size"] == 0


def collected(**given: str) -> dict:
    """The answers the questionnaire settles on for ``given``, the rest defaults."""
    questionnaire = Questionnaire(load_template(str(REPO_ROOT)))
    return questionnaire.collect(given, interactive=False).values


PROFILES = load_template(str(REPO_ROOT)).context["_workload_profiles"]


def test_each_function_is_named_by_its_logical_id_main_first():
    answers = collected(trigger="sqs", extra_functions="schedule")
    (main_id, main), (job_id, job) = functions_of(answers)
    assert (main_id, main_id, job_id) == ("Function", "Function", "MaintenanceFunction")
    assert main is answers
    assert (job["trigger"], job["workload"], prefix_of(job), prefix_of(main)) == (
        "schedule",
        "data-processing",
        "Maintenance",
        "",
    )
    assert [name for name, _ in functions_of(collected(trigger="sqs"))] == ["Function"]


def test_each_function_is_priced_at_its_own_settings():
    answers = collected(trigger="sqs", extra_functions="schedule", architecture="x86_64")
    (_, main), (_, job) = functions_of(answers)
    assert configuration_of(main) == {
        "memory_mb": 256,
        "architecture": "x86_64",
        "latency": "on-demand",
        "provisioned_concurrency": 0,
    }
    assert configuration_of(job)["memory_mb"] == 1024
    # The job runs as often as its schedule says (every 5 minutes: 8,760 a month), one run
    # an invocation, writing its record and two idempotency writes.
    assert default_load(job, MONTH_HOURS) == 8_760
    assert stack_usage(job, PROFILES)["queue_batch_size"] == 0
    assert stack_usage(job, PROFILES)["table_writes_per_invocation"] == 3


def test_provisioned_environments_count_only_with_provisioned_latency():
    provisioned = collected(latency="provisioned", provisioned_concurrency="3")
    assert configuration_of(provisioned) == {
        "memory_mb": 256,
        "architecture": "arm64",
        "latency": "provisioned",
        "provisioned_concurrency": 3,
    }
    snapstart = configuration_of(collected(latency="snapstart", provisioned_concurrency="3"))
    assert (snapstart["latency"], snapstart["provisioned_concurrency"]) == ("snapstart", 0)


def test_batch_settings_are_the_profiles_for_the_way_the_function_reads():
    queue = {"trigger": "sqs", "workload": "data-processing"}
    assert batch_settings(queue, PROFILES) == {"batch_size": 100, "batching_window_seconds": 10}
    stream = {"trigger": "dynamodb-stream", "workload": "ml-inference"}
    assert batch_settings(stream, PROFILES) == {
        "batch_size": 10,
        "batching_window_seconds": 1,
        "parallelization_factor": 5,
    }
    assert batch_settings({"trigger": "schedule", "workload": "api"}, PROFILES) == {}
