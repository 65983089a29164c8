"""Which checkov checks and Serverless Rules each stack waives, and why, written down by hand.

The expectations are literals reasoned from what each stack deploys, not
recomputed: a skip that spreads to a trigger it does not fit (the dead-letter
reason on an HTTP API, the KMS reasons with a customer managed key) fails here.
"""

from __future__ import annotations

from typing import Any

import pytest

from lambda_starter.features import extra_functions_of
from lambda_starter.security_checks import (
    REASONS,
    SERVERLESS_RULE_REASONS,
    skipped_checks,
    waived_serverless_rules,
)
from lambda_starter.triggers import SCHEDULER_QUEUE_KEYS
from tests.conftest import TEMPLATE_CONTEXT

DEFAULTS = {
    "trigger": "http-api",
    "data_store": "dynamodb",
    "idempotency": True,
    "secrets": "none",
    "latency": "on-demand",
    "vpc": False,
    "vpc_subnet_ids": "",
    "vpc_security_group_ids": "",
    "api_auth": "none",
    "alarms": True,
    "kms_key": False,
}
KMS_CHECKS = {"CKV_AWS_173", "CKV_AWS_158", "CKV_AWS_27", "CKV_AWS_119", "CKV_AWS_26"}


def skipped(**answers: Any) -> dict[str, list[str]]:
    """Check ids per resource for the default answers changed by ``answers``."""
    skips = skipped_checks(DEFAULTS | answers)
    return {resource: [check for check, _ in checks] for resource, checks in skips.items()}


def waived(**answers: Any) -> dict[str, list[str]]:
    waivers = waived_serverless_rules(DEFAULTS | answers)
    return {resource: [rule for rule, _ in rules] for resource, rules in waivers.items()}


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (
            {},
            {
                "Function": ["CKV_AWS_117", "CKV_AWS_173"],
                "FunctionLogGroup": ["CKV_AWS_158"],
                "FunctionDeadLetterQueue": ["CKV_AWS_27"],
                "HttpApiAccessLogGroup": ["CKV_AWS_158"],
                "DataTable": ["CKV_AWS_119"],
                "AlarmTopic": ["CKV_AWS_26"],
            },
        ),
        (
            {"trigger": "sqs"},
            {
                "Function": ["CKV_AWS_116", "CKV_AWS_117", "CKV_AWS_173"],
                "FunctionLogGroup": ["CKV_AWS_158"],
                "SourceQueue": ["CKV_AWS_27"],
                "SourceDeadLetterQueue": ["CKV_AWS_27"],
                "DataTable": ["CKV_AWS_119"],
                "IdempotencyTable": ["CKV_AWS_119", "CKV_AWS_28"],
                "AlarmTopic": ["CKV_AWS_26"],
            },
        ),
        (
            {"trigger": "schedule", "data_store": "none", "alarms": False},
            {
                "Function": ["CKV_AWS_116", "CKV_AWS_117", "CKV_AWS_173"],
                "FunctionLogGroup": ["CKV_AWS_158"],
                "FailureDestinationQueue": ["CKV_AWS_27"],
                "ScheduleDeadLetterQueue": ["CKV_AWS_27"],
                "IdempotencyTable": ["CKV_AWS_119", "CKV_AWS_28"],
            },
        ),
        (
            {"trigger": "eventbridge", "idempotency": False},
            {
                "Function": ["CKV_AWS_116", "CKV_AWS_117", "CKV_AWS_173"],
                "FunctionLogGroup": ["CKV_AWS_158"],
                "FailureDestinationQueue": ["CKV_AWS_27"],
                "RuleDeadLetterQueue": ["CKV_AWS_27"],
                "DataTable": ["CKV_AWS_119"],
                "AlarmTopic": ["CKV_AWS_26"],
            },
        ),
        (
            {"trigger": "s3", "vpc": True, "kms_key": True},
            {
                "Function": ["CKV_AWS_116"],
                "FunctionRole": ["CKV_AWS_111"],
                "UploadsBucket": ["CKV_AWS_18"],
                "IdempotencyTable": ["CKV_AWS_28"],
            },
        ),
        (
            {"trigger": "schedule", "kms_key": True, "data_store": "none", "idempotency": False},
            {"Function": ["CKV_AWS_116", "CKV_AWS_117"], "ScheduleDeadLetterQueue": ["CKV_AWS_27"]},
        ),
        (
            {"secrets": "ssm", "kms_key": True, "vpc": True},
            {"FunctionRole": ["CKV_AWS_111"], "IdempotencyTable": ["CKV_AWS_28"]},
        ),
        # checkov's one CloudFormation check of a stream (encrypted, CKV_AWS_43) holds.
        (
            {"trigger": "kinesis", "data_store": "none", "alarms": False},
            {
                "Function": ["CKV_AWS_116", "CKV_AWS_117", "CKV_AWS_173"],
                "FunctionLogGroup": ["CKV_AWS_158"],
                "StreamFailureQueue": ["CKV_AWS_27"],
                "IdempotencyTable": ["CKV_AWS_119", "CKV_AWS_28"],
            },
        ),
        (
            {
                "trigger": "kinesis",
                "kinesis_stream_arn": "arn:aws:kinesis:us-east-1:123456789012:stream/orders",
                "idempotency": False,
                "alarms": False,
            },
            {
                "Function": ["CKV_AWS_116", "CKV_AWS_117", "CKV_AWS_173"],
                "FunctionLogGroup": ["CKV_AWS_158"],
                "StreamFailureQueue": ["CKV_AWS_27"],
                "DataTable": ["CKV_AWS_119"],
            },
        ),
        (
            {"trigger": "kinesis", "kms_key": True, "idempotency": False},
            {"Function": ["CKV_AWS_116", "CKV_AWS_117"]},
        ),
        (
            {"trigger": "dynamodb-stream", "data_store": "none", "idempotency": False},
            {
                "Function": ["CKV_AWS_116", "CKV_AWS_117", "CKV_AWS_173"],
                "FunctionLogGroup": ["CKV_AWS_158"],
                "StreamFailureQueue": ["CKV_AWS_27"],
                "SourceTable": ["CKV_AWS_119"],
                "AlarmTopic": ["CKV_AWS_26"],
            },
        ),
    ],
    ids=[
        "api",
        "sqs",
        "schedule-no-store-no-alarms",
        "eventbridge",
        "s3-vpc-kms",
        "schedule-kms",
        "api-secret-kms-vpc",
        "kinesis-new-stream-no-store-no-alarms",
        "kinesis-existing-stream",
        "kinesis-kms",
        "dynamodb-stream-no-store",
    ],
)
def test_the_checks_each_stack_skips(answers, expected):
    assert skipped(**answers) == expected


def test_a_customer_managed_key_ends_every_kms_skip():
    for trigger in ("http-api", "sqs", "eventbridge", "s3", "kinesis", "dynamodb-stream"):
        checks = {c for checks in skipped(trigger=trigger, kms_key=True).values() for c in checks}
        assert not checks & KMS_CHECKS, trigger


def test_the_function_dead_letter_skip_names_how_failures_are_kept():
    sqs = dict(skipped_checks(DEFAULTS | {"trigger": "sqs"})["Function"])
    assert sqs["CKV_AWS_116"] == (
        "Failures do not reach a function dead-letter queue here: SQS invokes through an event "
        "source mapping and the source queue's redrive policy moves failed messages to "
        "SourceDeadLetterQueue."
    )
    s3 = dict(skipped_checks(DEFAULTS | {"trigger": "s3"})["Function"])
    assert s3["CKV_AWS_116"] == (
        "Failures do not reach a function dead-letter queue here: failed asynchronous events go "
        "to the EventInvokeConfig OnFailure destination (FailureDestinationQueue), which records "
        "the error as well."
    )


def test_the_scheduler_queue_keeps_sqs_managed_keys_for_its_own_reason():
    with_key = dict(skipped_checks(DEFAULTS | {"trigger": "schedule", "kms_key": True}))
    (reason,) = [reason for _, reason in with_key["ScheduleDeadLetterQueue"]]
    assert reason == SCHEDULER_QUEUE_KEYS
    without_key = dict(skipped_checks(DEFAULTS | {"trigger": "schedule"}))
    (reason,) = [reason for _, reason in without_key["ScheduleDeadLetterQueue"]]
    assert reason == REASONS["CKV_AWS_27"]


def test_every_reason_is_a_full_sentence():
    for reasons in (REASONS, SERVERLESS_RULE_REASONS):
        for check, reason in reasons.items():
            assert reason[0].isupper(), check
            assert reason.endswith("."), check
            assert len(reason) > 60, check


@pytest.mark.parametrize(
    ("answers", "expected"),
    [
        (
            {},
            {
                "Function": ["WS1004"],
                "FunctionDeadLetterQueue": ["ES6000"],
                "AlarmEmailSubscription": ["ES7000"],
            },
        ),
        (
            {"trigger": "sqs", "alarms": False},
            {"Function": ["WS1004", "ES1001"], "SourceDeadLetterQueue": ["ES6000"]},
        ),
        (
            {"trigger": "schedule", "latency": "snapstart"},
            {
                "Function": ["WS1004", "ES1007"],
                "FailureDestinationQueue": ["ES6000"],
                "ScheduleDeadLetterQueue": ["ES6000"],
                "AlarmEmailSubscription": ["ES7000"],
            },
        ),
        # Every function is invoked through its live alias, so every asynchronous one waives it.
        (
            {"trigger": "eventbridge"},
            {
                "Function": ["WS1004", "ES1007"],
                "FailureDestinationQueue": ["ES6000"],
                "RuleDeadLetterQueue": ["ES6000"],
                "AlarmEmailSubscription": ["ES7000"],
            },
        ),
        (
            {"trigger": "s3", "latency": "provisioned", "alarms": False},
            {"Function": ["WS1004", "ES1007"], "FailureDestinationQueue": ["ES6000"]},
        ),
        # A stream mapping has its OnFailure destination: nothing to waive on the function.
        (
            {"trigger": "dynamodb-stream", "latency": "snapstart", "alarms": False},
            {"Function": ["WS1004"], "StreamFailureQueue": ["ES6000"]},
        ),
        # The alias permission rule concerns asynchronous triggers only.
        (
            {"latency": "provisioned", "alarms": False},
            {"Function": ["WS1004"], "FunctionDeadLetterQueue": ["ES6000"]},
        ),
    ],
    ids=[
        "api",
        "sqs-no-alarms",
        "schedule-snapstart",
        "eventbridge",
        "s3-provisioned",
        "dynamodb-stream-snapstart",
        "api-provisioned",
    ],
)
def test_the_serverless_rules_each_stack_waives(answers, expected):
    assert waived(**answers) == expected


def test_a_waiver_carries_its_reason():
    (waiver,) = waived_serverless_rules(DEFAULTS | {"trigger": "sqs", "alarms": False})[
        "SourceDeadLetterQueue"
    ]
    assert waiver == (
        "ES6000",
        "This queue is itself the end of a failure path: messages stay 14 days for inspection "
        "and redrive, and a further queue behind it would only move the problem.",
    )


def test_an_extra_function_skips_on_its_own_resources_with_its_own_names():
    """The maintenance job beside a queue worker: its prefix on everything it declares, the
    shared tables and topic left to the main function, and no reserved concurrency."""
    answers = TEMPLATE_CONTEXT | DEFAULTS | {"trigger": "sqs", "extra_functions": "schedule"}
    (job,) = extra_functions_of(answers)
    skips = skipped_checks(job)
    assert {resource: [check for check, _ in checks] for resource, checks in skips.items()} == {
        "MaintenanceFunction": ["CKV_AWS_116", "CKV_AWS_117", "CKV_AWS_173", "CKV_AWS_115"],
        "MaintenanceFunctionLogGroup": ["CKV_AWS_158"],
        "MaintenanceFailureDestinationQueue": ["CKV_AWS_27"],
        "MaintenanceScheduleDeadLetterQueue": ["CKV_AWS_27"],
    }
    reasons = dict(skips["MaintenanceFunction"])
    assert "OnFailure destination (MaintenanceFailureDestinationQueue)" in reasons["CKV_AWS_116"]
    assert reasons["CKV_AWS_115"].startswith("No reserved concurrency for an extra function")
    main = skipped_checks(answers)
    assert "CKV_AWS_115" not in dict(main["Function"])
    assert "OnFailure" not in dict(main["Function"])["CKV_AWS_116"]  # the queue's redrive
    waived = dict(waived_serverless_rules(job)["MaintenanceFunction"])
    assert "(MaintenanceFunctionLogGroup, with retention)" in waived["WS1004"]


def test_the_shared_tables_skip_by_what_any_function_uses():
    """An API without idempotency beside an idempotent worker: the stack has the table, and
    its checks are skipped once, on the main function's declaration."""
    answers = TEMPLATE_CONTEXT | DEFAULTS | {"extra_functions": "sqs"}
    assert skipped_checks(answers)["IdempotencyTable"] == [
        ("CKV_AWS_119", REASONS["CKV_AWS_119"]),
        ("CKV_AWS_28", REASONS["CKV_AWS_28"]),
    ]
    assert "IdempotencyTable" not in skipped_checks(TEMPLATE_CONTEXT | DEFAULTS)
    (worker,) = extra_functions_of(answers)
    skips = {
        resource: [check for check, _ in checks]
        for resource, checks in skipped_checks(worker).items()
    }
    assert skips == {
        "WorkerFunction": ["CKV_AWS_116", "CKV_AWS_117", "CKV_AWS_173", "CKV_AWS_115"],
        "WorkerFunctionLogGroup": ["CKV_AWS_158"],
        "WorkerSourceQueue": ["CKV_AWS_27"],
        "WorkerSourceDeadLetterQueue": ["CKV_AWS_27"],
    }
    reasons = dict(skipped_checks(worker)["WorkerFunction"])
    assert (
        "redrive policy moves failed messages to WorkerSourceDeadLetterQueue"
        in (reasons["CKV_AWS_116"])
    )


def test_the_change_consumer_skips_on_its_own_resources_and_declares_no_table():
    """Beside an API it reads DataTable's stream: no SourceTable to skip anything on."""
    answers = TEMPLATE_CONTEXT | DEFAULTS | {"extra_functions": "dynamodb-stream"}
    (consumer,) = extra_functions_of(answers)
    skips = skipped_checks(consumer)
    assert {resource: [check for check, _ in checks] for resource, checks in skips.items()} == {
        "ChangesFunction": ["CKV_AWS_116", "CKV_AWS_117", "CKV_AWS_173", "CKV_AWS_115"],
        "ChangesFunctionLogGroup": ["CKV_AWS_158"],
        "ChangesStreamFailureQueue": ["CKV_AWS_27"],
    }
    reasons = dict(skips["ChangesFunction"])
    assert "OnFailure destination (ChangesStreamFailureQueue)" in reasons["CKV_AWS_116"]
    assert skipped(trigger="dynamodb-stream")["SourceTable"] == ["CKV_AWS_119"]
