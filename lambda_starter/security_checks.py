"""The checkov checks and Serverless Rules a generated stack waives, on which resources, and why.

One home for the decision and its justification: template.yaml renders the
checkov skips inline on each resource (``Metadata.checkov.skip``) and the
Serverless Rules waivers beside them (``Metadata.cfn-lint.config.ignore_checks``),
and the generated README lists both, from :func:`skipped_checks` and
:func:`waived_serverless_rules`. Every reason is a sentence a reviewer can accept
or reject on its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lambda_starter.features import Features, features_of, project_features

REASONS = {
    "CKV_AWS_117": (
        "Not in a VPC on purpose: the function calls only AWS APIs over TLS with IAM "
        "authentication, and a VPC would add NAT or endpoint cost and cold-start work "
        "without protecting anything (README, Why no VPC)."
    ),
    "CKV_AWS_116": ("Failures do not reach a function dead-letter queue here: {mechanism}."),
    "CKV_AWS_115": (
        "No reserved concurrency for an extra function: a reservation takes from the account's "
        "pool, and accounts with a low concurrency quota reject any; the stack's "
        "ReservedConcurrency parameter is the main function's."
    ),
    "CKV_AWS_173": (
        "The environment holds resource names and numbers only, never secrets "
        "(settings.py); Lambda encrypts it at rest with its AWS managed key."
    ),
    "CKV_AWS_158": (
        "CloudWatch Logs encrypts log data at rest; the logs carry no secrets and "
        "the organisation does not require a customer managed key for them."
    ),
    "CKV_AWS_27": (
        "Encrypted at rest with SQS managed keys (SqsManagedSseEnabled); the queue "
        "holds events of this stack only and no customer managed key is required."
    ),
    "CKV_AWS_119": (
        "Encrypted at rest with the AWS owned/managed DynamoDB key (SSEEnabled); "
        "no customer managed key is required for this data."
    ),
    "CKV_AWS_28": (
        "Idempotency records live 24 hours (TTL) and are rebuilt by the next "
        "delivery; there is nothing to restore."
    ),
    "CKV_AWS_111": (
        "The only write actions on '*' are the EC2 network-interface calls Lambda needs to "
        "attach the function to the VPC; EC2 accepts no narrower resource for them."
    ),
    "CKV_AWS_26": (
        "CloudWatch alarms cannot publish to a topic encrypted with the AWS managed "
        "SNS key, and no customer managed key was asked for (kms_key); alarm "
        "notifications carry no customer data."
    ),
}


# Declared once, with the main function, whatever functions the stack has.
SHARED_RESOURCES = frozenset(
    {"DataTable", "IdempotencyTable", "AlarmTopic", "AlarmEmailSubscription"}
)


def own_id(features: Features, resource: str) -> str | None:
    """The logical id of ``resource`` as the function declares it; None if it is shared.

    An extra function's resources take its prefix; the shared ones belong to the main function.
    """
    if features.prefix and resource in SHARED_RESOURCES:
        return None
    return features.prefix + resource


def failure_queues(features: Features) -> tuple[str, ...]:
    """The queues at the end of the stack's failure paths, in template order."""
    return features.source.all_failure_queues


def skipped_checks(answers: Mapping[str, Any]) -> dict[str, list[tuple[str, str]]]:
    """For each logical id that skips checks: the (check id, reason) pairs, in order."""
    features = features_of(answers)
    # A customer managed key (kms_key) satisfies the KMS checks; without one they are skipped.
    aws_keys = not features.kms
    skips: dict[str, list[str]] = {
        "Function": ["CKV_AWS_173"] if aws_keys else [],
        "FunctionLogGroup": ["CKV_AWS_158"] if aws_keys else [],
    }
    if features.vpc:
        skips["FunctionRole"] = ["CKV_AWS_111"]
    else:
        skips["Function"].insert(0, "CKV_AWS_117")
    model = features.source.model
    if model.failure_mechanism:
        skips["Function"].insert(0, "CKV_AWS_116")
    if features.prefix:
        skips["Function"].append("CKV_AWS_115")
    queues = features.source.source_queues + failure_queues(features)
    if aws_keys:
        skips.update({queue: ["CKV_AWS_27"] for queue in queues})
    mechanism = (model.failure_mechanism or "").format(prefix=features.prefix)
    reasons = {check: text.format(mechanism=mechanism) for check, text in REASONS.items()}
    # The trigger's own resources: "always", or with AWS managed keys, or with the customer's key.
    applies = {"always": True, "aws-keys": aws_keys, "kms": not aws_keys}
    for skip in features.checkov_skips:
        if applies[skip.when]:
            skips[skip.resource] = [skip.check]
            reasons[f"{skip.resource}.{skip.check}"] = skip.reason or REASONS[skip.check]
    # The tables are the stack's, declared with the main function for every function's use.
    shared = project_features(answers)
    if shared.table and aws_keys:
        skips["DataTable"] = ["CKV_AWS_119"]
    if shared.idempotency:
        skips["IdempotencyTable"] = ["CKV_AWS_119", "CKV_AWS_28"] if aws_keys else ["CKV_AWS_28"]
    if features.alarms and aws_keys:
        skips["AlarmTopic"] = ["CKV_AWS_26"]
    return {
        own_id(features, resource): [
            (check, reasons.get(f"{resource}.{check}") or reasons[check]) for check in checks
        ]
        for resource, checks in skips.items()
        if checks and own_id(features, resource)
    }


# Serverless Rules (cfn-lint-serverless) that do not fit a resource of this stack.
SERVERLESS_RULE_REASONS = {
    "WS1004": (
        "The function's log group is declared ({prefix}FunctionLogGroup, with retention) and "
        "attached through LoggingConfig.LogGroup; the rule only recognises groups named "
        "/aws/lambda/<function name>."
    ),
    "ES1001": (
        "An SQS event source mapping cannot have an OnFailure destination: failed messages "
        "move to {prefix}SourceDeadLetterQueue through the source queue's redrive policy."
    ),
    "ES1007": (
        "The trigger's permission is on the live alias, and the EventInvokeConfig that sends "
        "failures to {prefix}FailureDestinationQueue is on the same alias (Qualifier: live); the "
        "rule matches the two by function name only."
    ),
    "ES6000": (
        "This queue is itself the end of a failure path: messages stay 14 days for inspection "
        "and redrive, and a further queue behind it would only move the problem."
    ),
    "ES7000": (
        "Alarm e-mail: the alarm's state and history stay in CloudWatch whether or not the "
        "e-mail is delivered, and the e-mail endpoint is confirmed by a person."
    ),
}


def waived_serverless_rules(answers: Mapping[str, Any]) -> dict[str, list[tuple[str, str]]]:
    """For each logical id that waives Serverless Rules: the (rule id, reason) pairs, in order."""
    features = features_of(answers)
    waivers = {"Function": ["WS1004"]}
    if features.queue:
        waivers["Function"].append("ES1001")
    if features.asynchronous:
        waivers["Function"].append("ES1007")
    waivers.update({queue: ["ES6000"] for queue in failure_queues(features)})
    if features.alarms:
        waivers["AlarmEmailSubscription"] = ["ES7000"]
    return {
        own_id(features, resource): [
            (rule, SERVERLESS_RULE_REASONS[rule].format(prefix=features.prefix)) for rule in rules
        ]
        for resource, rules in waivers.items()
        if own_id(features, resource)
    }
