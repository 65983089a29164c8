"""Monthly cost of a generated stack, line by line, from a price list (``_pricing``).

Each line names what it prices and the assumption it rests on, so a reader can
check it or change the load. A stack of several functions is priced function by
function (each at its own memory, load and duration, each line naming its function's
logical id), with what the functions share priced once and the free tier taken once,
since it is the account's. Prices are those of ``_pricing`` (region, source
and date recorded there), before the free tier; the free tier is shown apart,
because older accounts no longer have all of it. The same module prices the
questionnaire's summary and the generated project's ``make cost`` (it is copied
there as tools/lambda_cost.py), so both give the same figures.

Standard library only: the generated project runs it with no dependencies.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

SECONDS_PER_HOUR = 3600
MB_PER_GB = 1024
KB_PER_GB = 1024 * 1024
MILLION = 1_000_000
# Lambda polls an SQS queue with at least five long-polling connections, each waiting up
# to 20 seconds per ReceiveMessage, whether or not messages arrive.
QUEUE_POLLERS = 5
LONG_POLL_SECONDS = 20
# X-Ray's default sampling: the first request each second, then 5% of the others.
TRACED_PER_SECOND = 1
TRACED_SHARE = 0.05
DAYS_PER_MONTH = 30
# The owner of the lines that no one function accounts for, in a stack of several.
SHARED = "shared"


@dataclass(frozen=True)
class Load:
    """The traffic to price: function invocations a month and their average duration."""

    requests_per_month: int
    average_duration_ms: float


@dataclass(frozen=True)
class Configuration:
    """What the price of the function depends on, besides its traffic."""

    memory_mb: int
    architecture: str
    latency: str = "on-demand"
    provisioned_concurrency: int = 0


@dataclass(frozen=True)
class Stack:
    """What the template declares around the function, and how much each invocation uses it."""

    http_api: bool = False
    # Messages an invocation takes from an SQS source queue (0: no source queue).
    queue_batch_size: int = 0
    # Records an invocation takes from an on-demand Kinesis stream the stack creates (0: none).
    kinesis_batch_size: int = 0
    table_writes_per_invocation: float = 0.0
    table_reads_per_invocation: float = 0.0
    # Function log lines (Powertools JSON and Lambda's own records), and API access logs.
    log_kb_per_invocation: float = 1.0
    access_log_kb_per_request: float = 0.0
    log_retention_days: int = 30
    tracing: bool = True
    alarms: int = 0
    kms_keys: int = 0


@dataclass(frozen=True)
class Line:
    """One priced item: what it is, dollars a month, and what the figure assumes."""

    item: str
    dollars: float
    basis: str
    # The logical id of the function it belongs to (SHARED: the stack's), in an estimate of
    # several functions; empty otherwise, and on the account-wide free tier.
    function: str = ""

    @property
    def label(self) -> str:
        """The item, after the function it belongs to when it belongs to one."""
        return f"{self.function}: {self.item}" if self.function else self.item


@dataclass(frozen=True)
class PricedFunction:
    """One function of a stack: its logical id, settings, load, and what it uses around it."""

    name: str
    configuration: Configuration
    load: Load
    stack: Stack


@dataclass(frozen=True)
class CostEstimate:
    """Dollars a month, line by line, and what the free tier would take off."""

    lines: tuple[Line, ...]
    free_tier: tuple[Line, ...] = field(default_factory=tuple)

    @property
    def total(self) -> float:
        return sum(line.dollars for line in self.lines)

    @property
    def free_tier_savings(self) -> float:
        return sum(line.dollars for line in self.free_tier)

    @property
    def total_after_free_tier(self) -> float:
        return max(0.0, self.total - self.free_tier_savings)

    def line(self, item: str, function: str = "") -> Line:
        """The line called ``item`` (of ``function``, in an estimate of several)."""
        (found,) = [line for line in self.lines if line.item == item and line.function == function]
        return found

    def subtotal(self, function: str) -> float:
        """Dollars a month of the lines that belong to ``function`` (a logical id or SHARED)."""
        return sum(line.dollars for line in self.lines if line.function == function)


def _money(price: float) -> str:
    """A price as people read it: $0.20, $1.00, $0.625, $0.0000133334."""
    if price < 0.01:
        return "$" + f"{price:.10f}".rstrip("0")
    whole, _, fraction = f"{price:,.4f}".partition(".")
    return f"${whole}.{fraction.rstrip('0').ljust(2, '0')}"


class _Bill:
    """Lines as they are priced, and what the free tier would take off them.

    The free tier is the account's: lines that draw on the same allowance (the same
    ``allowance``, by default the item: the Lambda requests of two functions) share it,
    so it takes off at most the allowance from their sum, under the first one's item.
    """

    def __init__(self) -> None:
        self.lines: list[Line] = []
        # The function the lines added next belong to ("" when there is only one).
        self.function = ""
        # Per allowance: the item and basis it is shown with, its dollars, the lines' sum.
        self._free: dict[str, tuple[str, str, float, float]] = {}

    def add(
        self,
        item: str,
        dollars: float,
        basis: str,
        free: tuple[float, str] = (0.0, ""),
        allowance: str = "",
    ) -> None:
        """``free``: dollars the free tier takes off at most, and what it is."""
        self.lines.append(Line(item, dollars, basis, self.function))
        free_dollars, free_basis = free
        if free_dollars > 0 and dollars > 0:
            pool = allowance or item
            shown, shown_basis, most, used = self._free.get(
                pool, (item, free_basis, free_dollars, 0.0)
            )
            self._free[pool] = (shown, shown_basis, most, used + dollars)

    def estimate(self) -> CostEstimate:
        free = [
            Line(shown, min(used, most), basis) for shown, basis, most, used in self._free.values()
        ]
        return CostEstimate(tuple(self.lines), tuple(free))


def _function(bill: _Bill, pricing: Mapping[str, Any], function: Configuration, load: Load) -> None:
    """Requests, duration and the always-on capacity of the function."""
    prices, free = pricing["lambda"], pricing["free_tier"]
    architecture = function.architecture
    gigabytes = function.memory_mb / MB_PER_GB
    month_seconds = pricing["month_hours"] * SECONDS_PER_HOUR
    busy_seconds = load.requests_per_month * load.average_duration_ms / 1000
    request_price = prices["request_per_million"]
    bill.add(
        "Lambda requests",
        load.requests_per_month / MILLION * request_price,
        f"{load.requests_per_month:,} invocations at {_money(request_price)} a million",
        (
            free["lambda_requests"] / MILLION * request_price,
            f"{free['lambda_requests']:,} requests a month",
        ),
    )
    on_demand = prices["gb_second"][architecture]
    free_duration = free["lambda_gb_seconds"] * on_demand
    free_duration_basis = f"{free['lambda_gb_seconds']:,} GB-s a month of on-demand duration"
    if function.latency == "provisioned":
        environments = function.provisioned_concurrency
        capacity_seconds = environments * month_seconds
        served = min(busy_seconds, capacity_seconds)
        spilled = busy_seconds - served
        always_on = environments * gigabytes * month_seconds
        counted = f"{environments} environment{'' if environments == 1 else 's'}"
        provisioned = prices["provisioned_gb_second"][architecture]
        bill.add(
            "Provisioned concurrency",
            always_on * provisioned,
            f"{counted} x {gigabytes:g} GB x {month_seconds:,} s = "
            f"{always_on:,.0f} GB-s at {_money(provisioned)}, billed used or not",
        )
        duration_price = prices["provisioned_duration_gb_second"][architecture]
        bill.add(
            "Lambda duration on provisioned environments",
            served * gigabytes * duration_price,
            f"{served:,.0f} s x {gigabytes:g} GB at {_money(duration_price)} per GB-s "
            f"(at most {capacity_seconds:,} s: {counted} all month)",
        )
        if spilled > 0:
            bill.add(
                "Lambda duration above provisioned capacity",
                spilled * gigabytes * on_demand,
                f"{spilled:,.0f} s x {gigabytes:g} GB run on demand at {_money(on_demand)} "
                "per GB-s (load spread evenly; bursts spill over sooner)",
                (free_duration, free_duration_basis),
                allowance="Lambda duration",
            )
        return
    bill.add(
        "Lambda duration",
        busy_seconds * gigabytes * on_demand,
        f"{busy_seconds:,.0f} s x {gigabytes:g} GB at {_money(on_demand)} per GB-s",
        (free_duration, free_duration_basis),
    )
    if function.latency == "snapstart":
        cached = gigabytes * month_seconds
        cache_price = prices["snapstart_cache_gb_second"]
        bill.add(
            "SnapStart cache",
            cached * cache_price,
            f"one version of {gigabytes:g} GB cached {month_seconds:,} s at "
            f"{_money(cache_price)} per GB-s; each restore adds "
            f"{_money(prices['snapstart_restore_gb'])} per GB",
        )


def _around(bill: _Bill, pricing: Mapping[str, Any], stack: Stack, load: Load) -> None:
    """What the rest of the stack costs for the same load."""
    free = pricing["free_tier"]
    invocations = load.requests_per_month
    month_seconds = pricing["month_hours"] * SECONDS_PER_HOUR
    if stack.http_api:
        price = pricing["api_gateway_http"]["request_per_million"]
        bill.add(
            "API Gateway HTTP API requests",
            invocations / MILLION * price,
            f"{invocations:,} requests of at most 512 KB at {_money(price)} a million",
            (
                free["api_gateway_http_requests"] / MILLION * price,
                f"{free['api_gateway_http_requests']:,} requests a month, first 12 months only",
            ),
        )
    if stack.queue_batch_size:
        messages = invocations * stack.queue_batch_size
        idle_polls = QUEUE_POLLERS * month_seconds // LONG_POLL_SECONDS
        requests = messages + 2 * invocations + idle_polls
        price = pricing["sqs"]["request_per_million"]
        bill.add(
            "SQS requests",
            requests / MILLION * price,
            f"{messages:,} messages sent one by one, a receive and a delete per batch of "
            f"{stack.queue_batch_size}, {idle_polls:,} long polls of an empty queue, "
            f"at {_money(price)} a million",
            (free["sqs_requests"] / MILLION * price, f"{free['sqs_requests']:,} requests a month"),
        )
    if stack.kinesis_batch_size:
        kinesis = pricing["kinesis_on_demand"]
        records = invocations * stack.kinesis_batch_size
        gigabytes = records / KB_PER_GB  # each record billed as at least 1 KB
        hours = pricing["month_hours"]
        bill.add(
            "Kinesis Data Streams (on-demand)",
            hours * kinesis["stream_hour"]
            + gigabytes * (kinesis["ingested_gb"] + kinesis["retrieved_gb"]),
            f"1 stream for {hours:g} hours at {_money(kinesis['stream_hour'])} an hour, "
            f"{records:,} records of up to 1 KB: {gigabytes:,.2f} GB in at "
            f"{_money(kinesis['ingested_gb'])} and out to the function at "
            f"{_money(kinesis['retrieved_gb'])} per GB",
        )
    dynamodb = pricing["dynamodb_on_demand"]
    if stack.table_writes_per_invocation:
        writes = invocations * stack.table_writes_per_invocation
        price = dynamodb["write_request_per_million"]
        bill.add(
            "DynamoDB writes",
            writes / MILLION * price,
            f"{writes:,.0f} on-demand writes of items up to 1 KB at {_money(price)} a million",
        )
    if stack.table_reads_per_invocation:
        reads = invocations * stack.table_reads_per_invocation
        price = dynamodb["read_request_per_million"]
        bill.add(
            "DynamoDB reads",
            reads / MILLION * price,
            f"{reads:,.0f} on-demand strongly consistent reads of up to 4 KB at "
            f"{_money(price)} a million",
        )
    logs = pricing["cloudwatch_logs"]
    log_kb = invocations * stack.log_kb_per_invocation
    if stack.http_api:
        log_kb += invocations * stack.access_log_kb_per_request
    ingested_gb = log_kb / KB_PER_GB
    bill.add(
        "CloudWatch Logs ingestion",
        ingested_gb * logs["ingestion_gb"],
        f"{ingested_gb:,.2f} GB a month ({stack.log_kb_per_invocation:g} KB an invocation"
        + (
            f", {stack.access_log_kb_per_request:g} KB of access log a request"
            if stack.http_api
            else ""
        )
        + f") at {_money(logs['ingestion_gb'])} per GB",
        (free["logs_gb"] * logs["ingestion_gb"], f"{free['logs_gb']} GB of logs a month"),
    )
    stored_gb = ingested_gb * stack.log_retention_days / DAYS_PER_MONTH
    bill.add(
        "CloudWatch Logs storage",
        stored_gb * logs["storage_gb_month"],
        f"{stored_gb:,.2f} GB kept for the {stack.log_retention_days}-day retention at "
        f"{_money(logs['storage_gb_month'])} per GB-month, before compression",
    )
    if stack.tracing:
        reservoir = min(invocations, TRACED_PER_SECOND * month_seconds)
        traces = reservoir + TRACED_SHARE * (invocations - reservoir)
        price = pricing["xray"]["trace_recorded_per_million"]
        bill.add(
            "X-Ray traces",
            traces / MILLION * price,
            f"{traces:,.0f} traces recorded (default sampling: one a second, then 5%; load "
            f"spread evenly) at {_money(price)} a million",
            (free["xray_traces"] / MILLION * price, f"{free['xray_traces']:,} traces a month"),
        )
    if stack.alarms:
        price = pricing["cloudwatch_alarms"]["alarm_month"]
        bill.add(
            "CloudWatch alarms",
            stack.alarms * price,
            f"{stack.alarms} standard-resolution alarms at {_money(price)} a month",
            (free["alarms"] * price, f"{free['alarms']} alarms a month"),
        )


def _keys(bill: _Bill, pricing: Mapping[str, Any], kms_keys: int) -> None:
    """The stack's customer managed keys, billed by the month whatever the load."""
    if kms_keys:
        price = pricing["kms"]["key_month"]
        bill.add(
            "KMS key",
            kms_keys * price,
            f"{kms_keys} customer managed key at {_money(price)} a month (requests, "
            f"{_money(pricing['kms']['request_per_10000'])} per 10,000, not counted)",
        )


def estimate(
    pricing: Mapping[str, Any], function: Configuration, load: Load, stack: Stack | None = None
) -> CostEstimate:
    """Price ``load`` on the function and, unless ``stack`` is None, on the stack around it."""
    bill = _Bill()
    _function(bill, pricing, function, load)
    if stack is not None:
        _around(bill, pricing, stack, load)
        _keys(bill, pricing, stack.kms_keys)
    return bill.estimate()


def estimate_functions(
    pricing: Mapping[str, Any], functions: Sequence[PricedFunction]
) -> CostEstimate:
    """Price each function of a stack on its own load, then what they share once.

    Each function's lines (its requests and duration, the queue or stream it reads, its
    table requests, logs, traces and alarms) carry its logical id. The key is the
    stack's: each function's Stack counts it, and it is priced once, as SHARED. The free
    tier is taken once from the functions' sum (it is the account's).
    """
    bill = _Bill()
    for function in functions:
        bill.function = function.name
        _function(bill, pricing, function.configuration, function.load)
        _around(bill, pricing, function.stack, function.load)
    bill.function = SHARED
    _keys(bill, pricing, max(function.stack.kms_keys for function in functions))
    return bill.estimate()


def alarms_by_function(alarms: Iterable[str], prefixes: Mapping[str, str]) -> dict[str, int]:
    """How many of ``alarms`` (logical ids) each function owns.

    ``prefixes`` maps each function's logical id to the prefix of its resources' logical
    ids; an alarm belongs to the function with the longest prefix that starts its own,
    so the main function (prefix "") owns those of no other.
    """
    counts = dict.fromkeys(prefixes, 0)
    for alarm in alarms:
        owner = max(
            (name for name, prefix in prefixes.items() if alarm.startswith(prefix)),
            key=lambda name: len(prefixes[name]),
        )
        counts[owner] += 1
    return counts


def invocations_for(messages: int, batch_size: int) -> int:
    """Invocations that ``messages`` make in full batches of ``batch_size`` (a batching window
    fills them under steady load)."""
    return math.ceil(messages / max(batch_size, 1))
