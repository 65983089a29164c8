"""How the estimate turns a trigger's load into invocations, worked out by hand."""

from __future__ import annotations

import pytest

from lambda_starter.plan import Traffic, traffic_for
from lambda_starter.questionnaire import Questionnaire
from lambda_starter.template import load_template
from lambda_starter.usage import DEFAULT_LOAD_PER_MONTH, cron_runs_a_day, default_load, stack_usage
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
