"""The monthly cost estimate, line by line, against figures worked out by hand.

Prices are those of cookiecutter.json's _pricing (us-east-1): Lambda arm64
$0.0000133334 per GB-s, x86_64 $0.0000166667; requests $0.20 a million;
provisioned $0.0000033334 per GB-s provisioned and $0.0000077778 per GB-s of
duration (arm64); a month of 730 h x 3,600 s = 2,628,000 s.
"""

from __future__ import annotations

from typing import Any

import pytest

from lambda_starter.cost import Configuration, CostEstimate, Load, Stack, estimate
from tests.conftest import TEMPLATE_CONTEXT

PRICING = TEMPLATE_CONTEXT["_pricing"]


def exactly(value: float) -> Any:
    """A hand-computed dollar figure, equal up to floating-point rounding."""
    return pytest.approx(value, rel=1e-12, abs=1e-15)


def cost(load: Load, stack: Stack | None = None, **configuration: Any) -> CostEstimate:
    """Estimate with an on-demand arm64 function unless ``configuration`` says otherwise."""
    function = Configuration(**({"architecture": "arm64"} | configuration))
    return estimate(PRICING, function, load, stack)


def dollars(estimate_: CostEstimate) -> dict[str, float]:
    return {line.item: line.dollars for line in estimate_.lines}


def test_on_demand_arm64():
    # 10M requests x 0.2 s x 0.5 GB = 1,000,000 GB-s at $0.0000133334 = $13.3334; requests $2.
    estimate_ = cost(Load(10_000_000, 200), memory_mb=512)
    assert dollars(estimate_) == {
        "Lambda requests": exactly(2.0),
        "Lambda duration": exactly(13.3334),
    }
    assert estimate_.total == exactly(15.3334)
    assert estimate_.line("Lambda duration").basis == (
        "2,000,000 s x 0.5 GB at $0.0000133334 per GB-s"
    )


def test_requests_are_priced_per_million():
    # 3,500,000 requests at $0.20 a million = $0.70.
    assert cost(Load(3_500_000, 1), memory_mb=128).line("Lambda requests").dollars == exactly(0.70)


def test_x86_costs_a_quarter_more_than_arm64():
    # 1M x 1 s x 1 GB = 1,000,000 GB-s: x86 $16.6667, arm64 $13.3334.
    load = Load(1_000_000, 1000)
    x86 = cost(load, memory_mb=1024, architecture="x86_64").line("Lambda duration").dollars
    assert x86 == exactly(16.6667)
    assert cost(load, memory_mb=1024).line("Lambda duration").dollars == exactly(13.3334)


def test_provisioned_environments_that_carry_the_load():
    # 3 x 2 GB x 2,628,000 s = 15,768,000 GB-s at $0.0000033334 = $52.5610512;
    # 1M x 0.1 s = 100,000 s, under the 7,884,000 s three environments can serve:
    # 100,000 s x 2 GB at the provisioned duration price $0.0000077778 = $1.55556.
    estimate_ = cost(
        Load(1_000_000, 100), memory_mb=2048, latency="provisioned", provisioned_concurrency=3
    )
    assert dollars(estimate_) == {
        "Lambda requests": exactly(0.2),
        "Provisioned concurrency": exactly(52.5610512),
        "Lambda duration on provisioned environments": exactly(1.55556),
    }
    assert estimate_.total == exactly(54.3166112)


def test_load_above_provisioned_capacity_spills_over_at_the_on_demand_rate():
    # 2 environments x 1 GB serve at most 2 x 2,628,000 = 5,256,000 s a month.
    # 10M x 1 s = 10,000,000 s of work: 5,256,000 s at $0.0000077778 = $40.8801168,
    # the other 4,744,000 s on demand at $0.0000133334 = $63.2536496;
    # always on: 5,256,000 GB-s at $0.0000033334 = $17.5203504; requests $2.
    estimate_ = cost(
        Load(10_000_000, 1000), memory_mb=1024, latency="provisioned", provisioned_concurrency=2
    )
    assert dollars(estimate_) == {
        "Lambda requests": exactly(2.0),
        "Provisioned concurrency": exactly(17.5203504),
        "Lambda duration on provisioned environments": exactly(40.8801168),
        "Lambda duration above provisioned capacity": exactly(63.2536496),
    }
    assert estimate_.total == exactly(123.6541168)
    spill = estimate_.line("Lambda duration above provisioned capacity")
    assert spill.basis.startswith("4,744,000 s x 1 GB run on demand at $0.0000133334 per GB-s")


def test_snapstart_adds_the_snapshot_cache():
    # Cache: 0.25 GB x 2,628,000 s x $0.0000015046 = $0.9885222;
    # duration: 1M x 0.1 s x 0.25 GB = 25,000 GB-s at $0.0000133334 = $0.333335.
    estimate_ = cost(Load(1_000_000, 100), memory_mb=256, latency="snapstart")
    assert dollars(estimate_) == {
        "Lambda requests": exactly(0.2),
        "Lambda duration": exactly(0.333335),
        "SnapStart cache": exactly(0.9885222),
    }


API_STACK = Stack(
    http_api=True,
    table_writes_per_invocation=1,
    log_kb_per_invocation=1.0,
    access_log_kb_per_request=0.4,
    log_retention_days=30,
    tracing=True,
    alarms=4,
    kms_keys=1,
)


def test_every_part_of_an_api_stack_is_priced():
    # 1M requests of 100 ms at 256 MB, arm64:
    # API Gateway 1M x $1.00 a million = $1.00; DynamoDB 1M writes x $0.625 a million;
    # logs 1M x 1.4 KB = 1,400,000 KB = 1.33514404296875 GB: ingestion x $0.50,
    # storage for 30 days x $0.03; X-Ray: 1M requests, all within one a second, x $5 a million;
    # alarms 4 x $0.10; the KMS key $1.00.
    estimate_ = cost(Load(1_000_000, 100), API_STACK, memory_mb=256)
    assert dollars(estimate_) == {
        "Lambda requests": exactly(0.2),
        "Lambda duration": exactly(0.333335),
        "API Gateway HTTP API requests": exactly(1.0),
        "DynamoDB writes": exactly(0.625),
        "CloudWatch Logs ingestion": exactly(0.667572021484375),
        "CloudWatch Logs storage": exactly(0.0400543212890625),
        "X-Ray traces": exactly(5.0),
        "CloudWatch alarms": exactly(0.4),
        "KMS key": exactly(1.0),
    }


def test_log_storage_follows_the_retention():
    # 1 GB ingested (1,048,576 invocations x 1 KB) kept 90 days: 3 GB-months x $0.03 = $0.09.
    stack = Stack(log_kb_per_invocation=1.0, log_retention_days=90, tracing=False)
    estimate_ = cost(Load(1_048_576, 10), stack, memory_mb=128)
    assert estimate_.line("CloudWatch Logs storage").dollars == exactly(0.09)


def test_a_queue_is_billed_for_messages_batches_and_idle_polling():
    # 100,000 invocations of 10 messages: 1,000,000 sends, 100,000 receives and 100,000
    # deletes, and 5 pollers x 2,628,000 s / 20 s = 657,000 empty long polls:
    # 1,857,000 requests x $0.40 a million = $0.7428.
    stack = Stack(queue_batch_size=10, tracing=False)
    estimate_ = cost(Load(100_000, 500), stack, memory_mb=512)
    assert estimate_.line("SQS requests").dollars == exactly(0.7428)


def test_an_on_demand_kinesis_stream_is_billed_by_the_hour_and_the_gigabyte():
    # 100,000 invocations of 10 records: 1,000,000 records of up to 1 KB = 1,000,000 KB
    # = 0.95367431640625 GB, written at $0.08 and read at $0.04 a GB: $0.11444091796875;
    # the stream itself, 730 h x $0.04 = $29.20. Total $29.31444091796875.
    estimate_ = cost(Load(100_000, 500), Stack(kinesis_batch_size=10), memory_mb=512)
    line = estimate_.line("Kinesis Data Streams (on-demand)")
    assert line.dollars == exactly(29.31444091796875)
    assert "1,000,000 records of up to 1 KB: 0.95 GB" in line.basis
    assert not [line for line in estimate_.free_tier if line.item.startswith("Kinesis")]


def test_no_stream_line_without_a_stream_the_stack_creates():
    items = dollars(cost(Load(100_000, 500), Stack(), memory_mb=512))
    assert not [item for item in items if item.startswith("Kinesis")]


def test_xray_samples_one_request_a_second_then_five_percent():
    # 10M requests: 2,628,000 in the reservoir, then 5% of 7,372,000 = 368,600:
    # 2,996,600 traces x $5 a million = $14.983.
    estimate_ = cost(Load(10_000_000, 10), Stack(), memory_mb=128)
    assert estimate_.line("X-Ray traces").dollars == exactly(14.983)


def test_the_free_tier_is_shown_apart_and_never_exceeds_a_line():
    # Free: 1M requests ($0.20) and 400,000 GB-s x $0.0000133334 = $5.33336 of duration.
    estimate_ = cost(Load(10_000_000, 200), memory_mb=512)
    assert {line.item: line.dollars for line in estimate_.free_tier} == {
        "Lambda requests": exactly(0.2),
        "Lambda duration": exactly(5.33336),
    }
    assert estimate_.total_after_free_tier == exactly(15.3334 - 0.2 - 5.33336)
    small = cost(Load(100, 10), memory_mb=128)  # $0.00002 of requests: the tier covers it all
    assert small.free_tier[0].dollars == small.line("Lambda requests").dollars
    assert small.total_after_free_tier == 0


def test_provisioned_capacity_gets_no_free_duration():
    estimate_ = cost(
        Load(1_000_000, 100), memory_mb=1024, latency="provisioned", provisioned_concurrency=1
    )
    assert [line.item for line in estimate_.free_tier] == ["Lambda requests"]
