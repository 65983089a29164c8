"""How much each invocation of a generated function uses the stack around it, for the cost estimate.

The figures are the generated code's own: what it writes per record, how many
records an invocation takes, what it logs. The questionnaire and the generated
project's ``make cost`` both price them with lambda_starter/cost.py.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any

from lambda_starter.features import extra_functions_of, features_of
from lambda_starter.triggers import Invocation, trigger_of

# A Powertools JSON line and Lambda's START and REPORT records, about 1 KB an invocation;
# an HTTP API access log line about 0.4 KB a request.
LOG_KB_PER_INVOCATION = 1.0
ACCESS_LOG_KB_PER_REQUEST = 0.4
# Powertools idempotency writes a record in progress, then completes it.
IDEMPOTENCY_WRITES_PER_RECORD = 2


# The main function's logical id; an extra function's is its prefix and this.
MAIN_FUNCTION = "Function"

# The load the estimate starts from when nothing better is known.
DEFAULT_LOAD_PER_MONTH = 1_000_000
_RATE = re.compile(r"rate\((\d+) (minute|hour|day)s?\)")
DAYS_A_MONTH = 365 / 12
_MINUTES_PER = {"minute": 1, "hour": 60, "day": 1440}
_NAMES = {
    name: str(number)
    for names in ("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC", "SUN MON TUE WED THU FRI SAT")
    for number, name in enumerate(names.split(), start=1)
}


def polls_batches(answers: Mapping[str, Any]) -> bool:
    """Whether the function reads records in batches (a queue or a stream)."""
    return trigger_of(answers).invocation in {Invocation.QUEUE, Invocation.STREAM}


def records_per_invocation(answers: Mapping[str, Any], profiles: Mapping[str, Any]) -> int:
    """How many records (messages) one invocation handles: a full batch when it polls."""
    profile = profiles[answers["workload"]]
    invocation = trigger_of(answers).invocation
    if invocation is Invocation.QUEUE:
        return int(profile["batch_size"])
    if invocation is Invocation.STREAM:
        return int(profile["stream_batch_size"])
    return 1


def creates_kinesis_stream(answers: Mapping[str, Any]) -> bool:
    """Whether the stack declares its own (on-demand) Kinesis stream."""
    existing = trigger_of(answers).kinesis_stream_answer
    return existing is not None and not answers.get(existing)


def default_load(answers: Mapping[str, Any], month_hours: float) -> int:
    """Load units a month to estimate with: what a schedule fires, else a million."""
    schedule = trigger_of(answers).schedule_answer
    if schedule is None:
        return DEFAULT_LOAD_PER_MONTH
    expression = answers[schedule]
    rate = _RATE.fullmatch(expression)
    if rate:
        return math.ceil(month_hours * 60 / (int(rate[1]) * _MINUTES_PER[rate[2]]))
    return math.ceil(month_hours / 24 * cron_runs_a_day(expression))


def cron_runs_a_day(expression: str) -> float:
    """Average runs a day of a six-field ``cron(...)``: minutes x hours x share of days.

    Day-of-month forms that name one day (L, W) count as one day.
    """
    minutes, hours, month_days, months, weekdays, _year = (
        expression.removeprefix("cron(").removesuffix(")").upper().split()
    )
    if month_days == "?" and ("#" in weekdays or "L" in weekdays):
        days = len(weekdays.split(",")) / DAYS_A_MONTH  # the nth or last weekday of a month
    elif month_days == "?":
        days = _matches(weekdays, 7, first=1) / 7
    else:
        days = _matches(month_days, 31, first=1) / 31
    runs = _matches(minutes, 60, first=0) * _matches(hours, 24, first=0)
    return runs * days * _matches(months, 12, first=1) / 12


def _matches(field: str, size: int, first: int) -> int:
    """How many of a cron field's values (``first`` onwards, ``size`` of them) it matches."""
    if field in ("*", "?"):
        return size
    count = 0
    for part in field.split(","):
        span, _, step = part.partition("/")
        bounds = [_NAMES.get(bound, bound) for bound in span.split("-")]
        if span == "*":
            low, high = first, first + size - 1
        elif all(bound.isdigit() for bound in bounds):
            low = int(bounds[0])
            high = int(bounds[-1]) if len(bounds) > 1 or not step else first + size - 1
        else:
            count += 1
            continue
        count += len(range(low, high + 1, int(step or 1)))
    return min(count, size)


def stack_usage(answers: Mapping[str, Any], profiles: Mapping[str, Any]) -> dict[str, Any]:
    """The keyword arguments of lambda_starter.cost.Stack for these answers (alarms apart)."""
    features = features_of(answers)
    records = records_per_invocation(answers, profiles)
    writes = (1 if features.table else 0) + (
        IDEMPOTENCY_WRITES_PER_RECORD if features.idempotency else 0
    )
    return {
        "http_api": features.api,
        "queue_batch_size": records if features.queue else 0,
        "kinesis_batch_size": records if creates_kinesis_stream(answers) else 0,
        "table_writes_per_invocation": writes * records,
        "table_reads_per_invocation": 0.0,
        "log_kb_per_invocation": LOG_KB_PER_INVOCATION,
        "access_log_kb_per_request": ACCESS_LOG_KB_PER_REQUEST if features.api else 0.0,
        "log_retention_days": int(answers["log_retention_days"]),
        "tracing": True,
        "kms_keys": 1 if features.kms else 0,
    }


def prefix_of(answers: Mapping[str, Any]) -> str:
    """The prefix of a function's logical ids: an extra function's own, "" for the main one."""
    return str(answers.get("_function", {}).get("prefix", ""))


def functions_of(answers: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    """Each function of the project, main one first: its logical id and the answers it
    renders with (lambda_starter.features.extra_functions_of)."""
    return [
        (prefix_of(function) + MAIN_FUNCTION, function)
        for function in [answers, *extra_functions_of(answers)]
    ]


def configuration_of(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The keyword arguments of lambda_starter.cost.Configuration for a function's answers."""
    provisioned = answers["latency"] == "provisioned"
    return {
        "memory_mb": int(answers["memory_size"]),
        "architecture": answers["architecture"],
        "latency": answers["latency"],
        "provisioned_concurrency": int(answers["provisioned_concurrency"]) if provisioned else 0,
    }


def batch_settings(answers: Mapping[str, Any], profiles: Mapping[str, Any]) -> dict[str, int]:
    """How a function's event source mapping reads batches (its workload profile's): the
    batch size and the window that fills it, and for a stream the batches per shard; none
    when it does not poll."""
    profile = profiles[answers["workload"]]
    invocation = trigger_of(answers).invocation
    if invocation is Invocation.QUEUE:
        return {
            "batch_size": profile["batch_size"],
            "batching_window_seconds": profile["batching_window_seconds"],
        }
    if invocation is Invocation.STREAM:
        return {
            "batch_size": profile["stream_batch_size"],
            "batching_window_seconds": profile["stream_batching_window_seconds"],
            "parallelization_factor": profile["parallelization_factor"],
        }
    return {}
