"""The monthly cost estimate, line by line, against figures worked out by hand.

Prices are those of cookiecutter.json's _pricing (us-east-1): Lambda arm64
$0.0000133334 per GB-s, x86_64 $0.0000166667; requests $0.20 a million;
provisioned $0.0000033334 per GB-s provisioned and $0.0000077778 per GB-s of
duration (arm64); a month of 730 h x 3,600 s = 2,628,000 s.
"""

from __future__ import annotations

from typing import Any

import pytest

from lambda_starter import cost as cost_module
from lambda_starter.cost import (
    SHARED,
    Configuration,
    CostEstimate,
    Load,
    PricedFunction,
    Stack,
    alarms_by_function,
    estimate,
    estimate_functions,
    invocations_for,
)
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
    assert estimate_.line("Provisioned concurrency").basis == (
        "3 environments x 2 GB x 2,628,000 s = 15,768,000 GB-s at $0.0000033334, billed used or not"
    )
    assert estimate_.line("Lambda duration on provisioned environments").basis == (
        "100,000 s x 2 GB at $0.0000077778 per GB-s (at most 7,884,000 s: 3 environments all month)"
    )


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
    # The free duration applies to the on-demand part only: 400,000 GB-s x $0.0000133334.
    assert [(line.item, line.dollars, line.basis) for line in estimate_.free_tier] == [
        ("Lambda requests", exactly(0.2), "1,000,000 requests a month"),
        (
            "Lambda duration above provisioned capacity",
            exactly(5.33336),
            "400,000 GB-s a month of on-demand duration",
        ),
    ]


def test_snapstart_adds_the_snapshot_cache():
    # Cache: 0.25 GB x 2,628,000 s x $0.0000015046 = $0.9885222;
    # duration: 1M x 0.1 s x 0.25 GB = 25,000 GB-s at $0.0000133334 = $0.333335.
    estimate_ = cost(Load(1_000_000, 100), memory_mb=256, latency="snapstart")
    assert dollars(estimate_) == {
        "Lambda requests": exactly(0.2),
        "Lambda duration": exactly(0.333335),
        "SnapStart cache": exactly(0.9885222),
    }
    assert estimate_.line("SnapStart cache").basis == (
        "one version of 0.25 GB cached 2,628,000 s at $0.0000015046 per GB-s; each restore "
        "adds $0.0001397998 per GB"
    )


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
    ingestion = estimate_.line("CloudWatch Logs ingestion").basis
    assert ingestion == "1.00 GB a month (1 KB an invocation) at $0.50 per GB"  # no access log


def test_a_queue_is_billed_for_messages_batches_and_idle_polling():
    # 100,000 invocations of 10 messages: 1,000,000 sends, 100,000 receives and 100,000
    # deletes, and 5 pollers x 2,628,000 s / 20 s = 657,000 empty long polls:
    # 1,857,000 requests x $0.40 a million = $0.7428.
    stack = Stack(queue_batch_size=10, tracing=False)
    estimate_ = cost(Load(100_000, 500), stack, memory_mb=512)
    assert estimate_.line("SQS requests").dollars == exactly(0.7428)
    assert estimate_.line("SQS requests").basis == (
        "1,000,000 messages sent one by one, a receive and a delete per batch of 10, "
        "657,000 long polls of an empty queue, at $0.40 a million"
    )


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


def test_every_line_and_its_free_tier_of_a_busy_api_stack():
    # 10M requests of 100 ms at 256 MB, arm64; API Gateway at $2.00 a million and the key at
    # $1.50 a month (prices other than $1 show they are multiplied, not divided); three
    # writes, two reads and 2 KB of logs an invocation; 20 alarms: every line is above its
    # free tier, so each free line is the tier itself.
    # Lambda: requests 10M x $0.20/M = $2; 1,000,000 s x 0.25 GB x $0.0000133334 = $3.33335.
    # API: 10M x $2/M = $20. DynamoDB: 30M writes x $0.625/M = $18.75, 20M reads x
    # $0.125/M = $2.50. Logs: 10M x 2.4 KB = 24,000,000 KB = 22.88818359375 GB x $0.50 =
    # $11.444091796875, kept 30 days x $0.03 = $0.6866455078125. X-Ray: 2,628,000 + 5% of
    # 7,372,000 = 2,996,600 traces x $5/M = $14.983. Alarms 20 x $0.10 = $2. KMS $1.50.
    # Free: 1M requests $0.20; 400,000 GB-s ($5.33336) capped at the $3.33335 used; 1M API
    # requests $2; 5 GB of logs $2.50; 100,000 traces $0.50; 10 alarms $1.
    pricing = PRICING | {
        "api_gateway_http": {"request_per_million": 2.0},
        "kms": PRICING["kms"] | {"key_month": 1.5},
    }
    stack = Stack(
        http_api=True,
        table_writes_per_invocation=3,
        table_reads_per_invocation=2,
        log_kb_per_invocation=2.0,
        access_log_kb_per_request=0.4,
        log_retention_days=30,
        alarms=20,
        kms_keys=1,
    )
    function = Configuration(architecture="arm64", memory_mb=256)
    estimate_ = estimate(pricing, function, Load(10_000_000, 100), stack)
    assert [(line.item, line.dollars, line.basis) for line in estimate_.lines] == [
        ("Lambda requests", exactly(2.0), "10,000,000 invocations at $0.20 a million"),
        ("Lambda duration", exactly(3.33335), "1,000,000 s x 0.25 GB at $0.0000133334 per GB-s"),
        (
            "API Gateway HTTP API requests",
            exactly(20.0),
            "10,000,000 requests of at most 512 KB at $2.00 a million",
        ),
        (
            "DynamoDB writes",
            exactly(18.75),
            "30,000,000 on-demand writes of items up to 1 KB at $0.625 a million",
        ),
        (
            "DynamoDB reads",
            exactly(2.5),
            "20,000,000 on-demand strongly consistent reads of up to 4 KB at $0.125 a million",
        ),
        (
            "CloudWatch Logs ingestion",
            exactly(11.444091796875),
            "22.89 GB a month (2 KB an invocation, 0.4 KB of access log a request) at $0.50 per GB",
        ),
        (
            "CloudWatch Logs storage",
            exactly(0.6866455078125),
            "22.89 GB kept for the 30-day retention at $0.03 per GB-month, before compression",
        ),
        (
            "X-Ray traces",
            exactly(14.983),
            "2,996,600 traces recorded (default sampling: one a second, then 5%; load spread "
            "evenly) at $5.00 a million",
        ),
        ("CloudWatch alarms", exactly(2.0), "20 standard-resolution alarms at $0.10 a month"),
        (
            "KMS key",
            exactly(1.5),
            "1 customer managed key at $1.50 a month (requests, $0.03 per 10,000, not counted)",
        ),
    ]
    assert [(line.item, line.dollars, line.basis) for line in estimate_.free_tier] == [
        ("Lambda requests", exactly(0.2), "1,000,000 requests a month"),
        ("Lambda duration", exactly(3.33335), "400,000 GB-s a month of on-demand duration"),
        (
            "API Gateway HTTP API requests",
            exactly(2.0),
            "1,000,000 requests a month, first 12 months only",
        ),
        ("CloudWatch Logs ingestion", exactly(2.5), "5 GB of logs a month"),
        ("X-Ray traces", exactly(0.5), "100,000 traces a month"),
        ("CloudWatch alarms", exactly(1.0), "10 alarms a month"),
    ]


def test_the_queue_free_tier_is_a_million_requests():
    # 1,857,000 SQS requests ($0.7428, above): the first million, $0.40, are free.
    stack = Stack(queue_batch_size=10, tracing=False)
    estimate_ = cost(Load(100_000, 500), stack, memory_mb=512)
    (sqs,) = [line for line in estimate_.free_tier if line.item == "SQS requests"]
    assert (sqs.dollars, sqs.basis) == (exactly(0.4), "1,000,000 requests a month")


@pytest.mark.parametrize(
    ("price", "shown"),
    [
        (0.2, "$0.20"),
        (1.0, "$1.00"),
        (0.625, "$0.625"),
        (1234.5, "$1,234.50"),
        (0.0000133334, "$0.0000133334"),
        (0.0000015046, "$0.0000015046"),
        (0.01, "$0.01"),
        (0.0099, "$0.0099"),
    ],
)
def test_prices_are_shown_as_people_read_them(price: float, shown: str):
    assert cost_module._money(price) == shown


@pytest.mark.parametrize(
    ("messages", "batch_size", "invocations"),
    [(25, 10, 3), (30, 10, 3), (0, 10, 0), (7, 1, 7), (5, 0, 5)],
)
def test_messages_make_full_batches_and_one_partial(messages, batch_size, invocations):
    assert invocations_for(messages, batch_size) == invocations


def test_no_load_costs_nothing_and_takes_nothing_off():
    estimate_ = cost(Load(0, 100), Stack(), memory_mb=128)
    assert estimate_.total == 0
    assert estimate_.free_tier == ()


def test_half_a_second_above_provisioned_capacity_is_priced():
    # One 2 GB environment serves 2,628,000 s; 5,256,001 x 0.5 s = 2,628,000.5 s of work:
    # 0.5 s x 2 GB x $0.0000133334 = $0.0000133334 run on demand.
    estimate_ = cost(
        Load(5_256_001, 500), memory_mb=2048, latency="provisioned", provisioned_concurrency=1
    )
    spill = estimate_.line("Lambda duration above provisioned capacity")
    assert spill.dollars == exactly(0.0000133334)
    assert estimate_.line("Provisioned concurrency").basis.startswith("1 environment x 2 GB")
    assert estimate_.line("Lambda duration on provisioned environments").basis.endswith(
        "(at most 2,628,000 s: 1 environment all month)"
    )


# A stack of several functions: each priced on its own load, the key and the free tier once.
MAIN = PricedFunction(
    "Function",
    Configuration(512, "arm64"),
    Load(10_000_000, 200),
    Stack(tracing=False, alarms=3, kms_keys=1),
)
JOB = PricedFunction(
    "MaintenanceFunction",
    Configuration(1024, "arm64"),
    Load(1_000, 60_000),
    Stack(alarms=2, kms_keys=1),
)


def test_each_function_is_priced_on_its_own_load_memory_and_stack():
    # Function: 10M requests ($2.00); 10M x 0.2 s x 0.5 GB = 1,000,000 GB-s x $0.0000133334 =
    # $13.3334; 10M KB of logs = 9.5367431640625 GB x $0.50 = $4.76837158203125, kept 30 days
    # x $0.03 = $0.286102294921875; 3 alarms x $0.10. No traces.
    # MaintenanceFunction: 1,000 requests ($0.0002); 1,000 x 60 s x 1 GB = 60,000 GB-s =
    # $0.800004; 1,000 KB = 0.00095367431640625 GB: $0.000476837158203125 ingested and
    # $0.0000286102294921875 kept; 1,000 traces x $5 a million = $0.005; 2 alarms.
    # The key both count is the stack's: $1.00 once.
    estimate_ = estimate_functions(PRICING, [MAIN, JOB])
    assert {line.label: line.dollars for line in estimate_.lines} == {
        "Function: Lambda requests": exactly(2.0),
        "Function: Lambda duration": exactly(13.3334),
        "Function: CloudWatch Logs ingestion": exactly(4.76837158203125),
        "Function: CloudWatch Logs storage": exactly(0.286102294921875),
        "Function: CloudWatch alarms": exactly(0.3),
        "MaintenanceFunction: Lambda requests": exactly(0.0002),
        "MaintenanceFunction: Lambda duration": exactly(0.800004),
        "MaintenanceFunction: CloudWatch Logs ingestion": exactly(0.000476837158203125),
        "MaintenanceFunction: CloudWatch Logs storage": exactly(0.0000286102294921875),
        "MaintenanceFunction: X-Ray traces": exactly(0.005),
        "MaintenanceFunction: CloudWatch alarms": exactly(0.2),
        "shared: KMS key": exactly(1.0),
    }
    assert len(estimate_.lines) == 12
    assert estimate_.line("Lambda duration", "MaintenanceFunction").basis == (
        "60,000 s x 1 GB at $0.0000133334 per GB-s"
    )
    assert estimate_.line("KMS key", SHARED).basis.startswith("1 customer managed key at $1.00")
    assert estimate_.subtotal("Function") == exactly(
        2.0 + 13.3334 + 4.76837158203125 + 0.286102294921875 + 0.3
    )
    assert estimate_.subtotal("MaintenanceFunction") == exactly(
        0.0002 + 0.800004 + 0.000476837158203125 + 0.0000286102294921875 + 0.005 + 0.2
    )
    assert estimate_.subtotal(SHARED) == exactly(1.0)
    assert estimate_.total == exactly(
        estimate_.subtotal("Function") + estimate_.subtotal("MaintenanceFunction") + 1.0
    )


def test_the_free_tier_is_the_accounts_taken_once_from_the_functions_sum():
    # Requests: $2.0002 of the two, the free million $0.20 once (not $0.20 + $0.0002).
    # Duration: $14.133404, 400,000 GB-s = $5.33336 once. Logs: $4.7688..., 5 GB = $2.50.
    # Alarms: 5 of the free 10, all $0.50 of them. Traces: 1,000 of the free 100,000.
    estimate_ = cost_module.estimate_functions(PRICING, [MAIN, JOB])
    assert [(line.item, line.dollars, line.function) for line in estimate_.free_tier] == [
        ("Lambda requests", exactly(0.2), ""),
        ("Lambda duration", exactly(5.33336), ""),
        ("CloudWatch Logs ingestion", exactly(2.5), ""),
        ("CloudWatch alarms", exactly(0.5), ""),
        ("X-Ray traces", exactly(0.005), ""),
    ]
    assert [line.basis for line in estimate_.free_tier] == [
        "1,000,000 requests a month",
        "400,000 GB-s a month of on-demand duration",
        "5 GB of logs a month",
        "10 alarms a month",
        "100,000 traces a month",
    ]
    assert estimate_.free_tier_savings == exactly(0.2 + 5.33336 + 2.5 + 0.5 + 0.005)


def test_duration_above_provisioned_capacity_shares_the_free_duration_with_on_demand():
    # One provisioned environment of 1 GB serves 2,628,000 s of the 10M x 0.3 s = 3,000,000 s;
    # the other 372,000 GB-s run on demand: $4.9600248. With the job's $0.800004 that is
    # $5.7600288, above the free 400,000 GB-s ($5.33336), which is taken once. The queue's
    # requests are a free million of their own ($0.40), apart from Lambda's.
    busy = PricedFunction(
        "Function",
        Configuration(1024, "arm64", "provisioned", 1),
        Load(10_000_000, 300),
        Stack(tracing=False, queue_batch_size=10),
    )
    estimate_ = estimate_functions(PRICING, [busy, JOB])
    assert estimate_.line("Lambda duration above provisioned capacity", "Function").dollars == (
        exactly(4.9600248)
    )
    free = {line.item: line.dollars for line in estimate_.free_tier}
    assert free["Lambda duration above provisioned capacity"] == exactly(5.33336)
    assert "Lambda duration" not in free
    assert free["Lambda requests"] == exactly(0.2)
    assert free["SQS requests"] == exactly(0.4)


def test_no_key_line_when_no_function_counts_one():
    plain = PricedFunction("Function", Configuration(128, "arm64"), Load(10, 10), Stack())
    estimate_ = estimate_functions(PRICING, [plain, JOB])
    assert estimate_.line("KMS key", SHARED).dollars == exactly(1.0)
    assert [line.function for line in estimate_.lines].count(SHARED) == 1
    alone = estimate_functions(PRICING, [plain])
    assert SHARED not in {line.function for line in alone.lines}


def test_a_single_function_estimate_names_no_function():
    estimate_ = cost(Load(1_000, 10), Stack(kms_keys=1), memory_mb=128)
    assert {line.function for line in estimate_.lines} == {""}
    assert [line.label for line in estimate_.lines][:2] == ["Lambda requests", "Lambda duration"]
    assert estimate_.subtotal("") == estimate_.total


def test_alarms_belong_to_the_function_whose_prefix_starts_their_logical_id():
    prefixes = {
        "Function": "",
        "MaintenanceFunction": "Maintenance",
        "WorkerFunction": "Worker",
        "WorkerRetryFunction": "WorkerRetry",
        "IdleFunction": "Idle",
        "AuditFunction": "Audit",
    }
    alarms = [
        "FunctionErrorsAlarm",
        "SourceQueueAgeAlarm",
        "MaintenanceFunctionErrorsAlarm",
        "MaintenanceScheduleDeadLetterQueueAlarm",
        "WorkerFunctionErrorsAlarm",
        "WorkerRetryFunctionErrorsAlarm",
        "WorkerRetryQueueAgeAlarm",
        "NewVersionErrorsAlarm",
        "AuditFunctionErrorsAlarm",
    ]
    assert alarms_by_function(alarms, prefixes) == {
        "Function": 3,
        "MaintenanceFunction": 2,
        "WorkerFunction": 1,
        "WorkerRetryFunction": 2,
        "IdleFunction": 0,
        "AuditFunction": 1,
    }
