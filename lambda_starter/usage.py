"""How much each invocation of a generated function uses the stack around it, for the cost estimate.

The figures are the generated code's own: what it writes per record, how many
records an invocation takes, what it logs. The questionnaire and the generated
project's ``make cost`` both price them with lambda_starter/cost.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lambda_starter.features import features_of

# A Powertools JSON line and Lambda's START and REPORT records, about 1 KB an invocation;
# an HTTP API access log line about 0.4 KB a request.
LOG_KB_PER_INVOCATION = 1.0
ACCESS_LOG_KB_PER_REQUEST = 0.4
# Powertools idempotency writes a record in progress, then completes it.
IDEMPOTENCY_WRITES_PER_RECORD = 2


def records_per_invocation(answers: Mapping[str, Any], profiles: Mapping[str, Any]) -> int:
    """How many records (messages) one invocation handles: a full batch when it polls a queue."""
    features = features_of(answers)
    return int(profiles[answers["workload"]]["batch_size"]) if features.queue else 1


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
        "table_writes_per_invocation": writes * records,
        "table_reads_per_invocation": 0.0,
        "log_kb_per_invocation": LOG_KB_PER_INVOCATION,
        "access_log_kb_per_request": ACCESS_LOG_KB_PER_REQUEST if features.api else 0.0,
        "log_retention_days": int(answers["log_retention_days"]),
        "tracing": True,
        "kms_keys": 1 if features.kms else 0,
    }
