"""The supported combinations of answers that the test suite bakes and checks.

Every trigger and every option value appears at least once, together with the
pairs that interact (a queue consumer with idempotency and a secret, S3 in a
VPC, an API with provisioned concurrency, a schedule without a data store, ...).
Each is an override of the defaults in cookiecutter.json, named for test ids.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

JWT = {
    "api_auth": "jwt",
    "jwt_issuer": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123",
    "jwt_audience": "3n4b5urk1ft4fl3mg5e62d9ado",
}

EXISTING_STREAM = "arn:aws:kinesis:us-east-1:123456789012:stream/orders"


@dataclass(frozen=True)
class Combination:
    """A named set of answers."""

    name: str
    answers: dict[str, Any] = field(default_factory=dict)


COMBINATIONS = [
    Combination("api-default"),
    Combination("api-iam-provisioned", {"api_auth": "iam", "latency": "provisioned"}),
    Combination(
        "api-jwt-snapstart-secretsmanager",
        {
            **JWT,
            "latency": "snapstart",
            "secrets": "secretsmanager",
            "alarm_email": "ops@example.com",
        },
    ),
    Combination("sqs-idempotent-ssm", {"trigger": "sqs", "secrets": "ssm"}),
    Combination(
        "sqs-no-store-no-alarms-data-processing",
        {
            "trigger": "sqs",
            "data_store": "none",
            "idempotency": "no",
            "workload": "data-processing",
            "alarms": "no",
            "ci": "none",
            "tuning_strategy": "cost",
        },
    ),
    Combination(
        "schedule-idempotent-no-store-kms",
        {"trigger": "schedule", "data_store": "none", "kms_key": "yes"},
    ),
    Combination(
        "schedule-bare-org-defaults",
        {
            "trigger": "schedule",
            "data_store": "none",
            "idempotency": "no",
            "aws_region": "eu-west-1",
            "cost_center": "cc-4711",
            "permissions_boundary_arn": "arn:aws:iam::123456789012:policy/developer-boundary",
        },
    ),
    Combination(
        "eventbridge-custom-bus-secretsmanager-x86",
        {
            "trigger": "eventbridge",
            "event_bus_name": "orders-bus",
            "secrets": "secretsmanager",
            "architecture": "x86_64",
            "tuning_strategy": "speed",
        },
    ),
    Combination(
        "eventbridge-default-bus-provisioned-kms",
        {
            "trigger": "eventbridge",
            "latency": "provisioned",
            "provisioned_concurrency": "3",
            "kms_key": "yes",
        },
    ),
    Combination(
        "s3-vpc-image-processing-kms",
        {
            "trigger": "s3",
            "vpc": "yes",
            "vpc_subnet_ids": "subnet-0a1b2c3d4e5f67890, subnet-1a2b3c4d",
            "vpc_security_group_ids": "sg-0a1b2c3d4e5f67890",
            "workload": "image-processing",
            "kms_key": "yes",
        },
    ),
    Combination(
        "s3-snapstart-any-key-py312",
        {
            "trigger": "s3",
            "latency": "snapstart",
            "s3_prefix": "",
            "s3_suffix": "",
            "python_runtime": "python3.12",
            "idempotency": "no",
            "secrets": "ssm",
        },
    ),
    Combination(
        "api-python314-ml-inference", {"python_runtime": "python3.14", "workload": "ml-inference"}
    ),
    Combination(
        "kinesis-new-stream-ssm-ml-inference",
        {"trigger": "kinesis", "secrets": "ssm", "workload": "ml-inference"},
    ),
    Combination(
        "kinesis-existing-stream-kms-provisioned-no-store-no-alarms",
        {
            "trigger": "kinesis",
            "kinesis_stream_arn": EXISTING_STREAM,
            "kms_key": "yes",
            "latency": "provisioned",
            "data_store": "none",
            "alarms": "no",
        },
    ),
    Combination(
        "dynamodb-stream-secretsmanager-data-processing",
        {"trigger": "dynamodb-stream", "secrets": "secretsmanager", "workload": "data-processing"},
    ),
    # Several functions (extra_functions): the queue worker and its scheduled maintenance job;
    # the API and the worker it queues orders for; the API and a maintenance job; all three;
    # the API and the consumer of its writes.
    Combination("sqs-with-maintenance-job", {"trigger": "sqs", "extra_functions": "schedule"}),
    Combination("api-with-worker", {"extra_functions": "sqs"}),
    Combination("api-with-maintenance-job-ssm", {"extra_functions": "schedule", "secrets": "ssm"}),
    Combination(
        "api-with-worker-and-maintenance-job-kms-secretsmanager",
        {"extra_functions": "sqs,schedule", "kms_key": "yes", "secrets": "secretsmanager"},
    ),
    # The API and the consumer of its writes (the data table's stream), which notifies a webhook.
    Combination(
        "api-with-change-consumer-secretsmanager",
        {"extra_functions": "dynamodb-stream", "secrets": "secretsmanager"},
    ),
    Combination(
        "dynamodb-stream-no-store-kms-snapstart-x86",
        {
            "trigger": "dynamodb-stream",
            "data_store": "none",
            "idempotency": "no",
            "kms_key": "yes",
            "latency": "snapstart",
            "architecture": "x86_64",
        },
    ),
]


def named(name: str) -> Combination:
    """The combination called ``name``."""
    (combination,) = [c for c in COMBINATIONS if c.name == name]
    return combination


# Parametrise a test over every combination, named by it; `bake` turns one into a project.
by_name = pytest.mark.parametrize("combination", COMBINATIONS, ids=lambda c: c.name)
Bake = Callable[[Combination], Path]
