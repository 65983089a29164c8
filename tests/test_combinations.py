"""Every supported combination bakes clean, lints clean and passes its own tests.

Each combination is baked once per test process; the template and tree checks
read that bake, and the generated suite runs in a virtualenv shared by every
bake with the same pins and Python version.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from lambda_starter.cfn_yaml import load_template
from tests.combinations import COMBINATIONS, Bake, Combination, by_name, named
from tests.conftest import (
    JINJA_RESIDUE,
    TEMPLATE_CONTEXT,
    answers_of,
    lint_venv,
    make,
    project_venv,
)
from tests.expected import (
    EXPECTED,
    FUNCTION_PROPERTIES,
    PACKAGE_MODULES,
    QUEUE,
    SMOKE_TESTS,
    UNIT_TESTS,
)
from tests.interpreters import find_interpreter

# A node of the README's mermaid diagram: its id and its quoted label, in any node shape.
DIAGRAM_NODE = re.compile(r'\b([a-z]+)(?:\[\[|\[\(|\(\[|\[/|\[|\{)"([^"]*)"')


def resources_of(project: Path) -> dict[str, Any]:
    return load_template(project / "template.yaml")["Resources"]


@by_name
def test_no_jinja_residue_and_no_empty_directories(bake: Bake, combination: Combination):
    project = bake(combination)
    residue = [
        str(path.relative_to(project))
        for path in project.rglob("*")
        if JINJA_RESIDUE.search(path.name)
        or (path.is_file() and JINJA_RESIDUE.search(path.read_text()))
    ]
    assert residue == []
    empty = [str(p) for p in project.rglob("*") if p.is_dir() and not any(p.iterdir())]
    assert empty == []


def test_every_combination_has_a_written_down_oracle():
    assert set(EXPECTED) == {combination.name for combination in COMBINATIONS}


@by_name
def test_only_the_chosen_trigger_and_options_leave_files(bake: Bake, combination: Combination):
    project = bake(combination)
    expected = EXPECTED[combination.name]
    package = project / "src" / answers_of(project)["package_name"]
    assert {path.name for path in package.glob("*.py")} == PACKAGE_MODULES | expected.modules
    unit_tests = {path.name for path in (project / "tests" / "unit").iterdir()}
    assert unit_tests == UNIT_TESTS | expected.unit_tests
    # Every trigger's smoke test, with the fixtures that find the deployed stack.
    integration = {path.name for path in (project / "tests" / "integration").iterdir()}
    smoke_test = SMOKE_TESTS[answers_of(project)["trigger"]]
    assert integration == {"__init__.py", "conftest.py", smoke_test}


@by_name
def test_combination_lints_clean(bake: Bake, combination: Combination):
    """ruff (check and format) and cfn-lint with the SAM translator: no errors, no warnings."""
    project = bake(combination)
    result = make(project, "lint", venv=lint_venv(project))
    assert result.returncode == 0, (result.stdout + result.stderr)[-6000:]
    assert "All checks passed!" in result.stdout


@by_name
def test_combination_passes_its_own_tests(bake: Bake, combination: Combination):
    project = bake(combination)
    runtime = answers_of(project)["python_runtime"].removeprefix("python")
    try:
        find_interpreter(runtime)
    except LookupError as missing:
        pytest.skip(str(missing))
    result = make(project, "test", venv=project_venv(project))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-6000:]
    summary = [line for line in result.stdout.splitlines() if re.search(r"\d+ passed", line)]
    assert summary, output[-3000:]
    assert "failed" not in summary[-1]
    assert "error" not in summary[-1]


@by_name
def test_resources_follow_the_answers(bake: Bake, combination: Combination):
    project = bake(combination)
    expected = EXPECTED[combination.name]
    template = load_template(project / "template.yaml")
    resources = {name: resource["Type"] for name, resource in template["Resources"].items()}
    assert resources == expected.resources
    function = template["Resources"]["Function"]["Properties"]
    assert set(function) == FUNCTION_PROPERTIES | expected.function_properties
    environment = function.get("Environment", {}).get("Variables", {})
    assert set(environment) == expected.environment
    globals_ = template["Globals"]["Function"]
    memory, timeout, storage = expected.memory_timeout_storage
    assert globals_["MemorySize"] == memory
    assert globals_["Timeout"] == timeout
    assert globals_["EphemeralStorage"] == {"Size": storage}


def test_sqs_queue_is_wired_for_partial_failures_and_redrive(bake: Bake):
    project = bake(named("sqs-no-store-no-alarms-data-processing"))
    resources = resources_of(project)
    timeout = int(answers_of(project)["timeout"])
    queue = resources["SourceQueue"]["Properties"]
    assert queue["VisibilityTimeout"] == 6 * timeout
    assert queue["RedrivePolicy"] == {
        "deadLetterTargetArn": {"Fn::GetAtt": ["SourceDeadLetterQueue", "Arn"]},
        "maxReceiveCount": 5,
    }
    mapping = resources["Function"]["Properties"]["Events"]["Queue"]["Properties"]
    profile = TEMPLATE_CONTEXT["_workload_profiles"]["data-processing"]
    assert mapping["BatchSize"] == profile["batch_size"]
    assert mapping["MaximumBatchingWindowInSeconds"] == profile["batching_window_seconds"]
    assert mapping["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    assert mapping["ScalingConfig"] == {"MaximumConcurrency": {"Ref": "QueueMaximumConcurrency"}}
    # alarms=no: no notifying alarm; the rollback alarm CodeDeploy watches stays, silent.
    alarms = {n: r for n, r in resources.items() if r["Type"].startswith("AWS::CloudWatch")}
    assert list(alarms) == ["NewVersionErrorsAlarm"]
    assert "AlarmActions" not in alarms["NewVersionErrorsAlarm"]["Properties"]


@by_name
def test_failure_queues_keep_messages_for_fourteen_days(bake: Bake, combination: Combination):
    """Every queue at the end of a failure path keeps messages as long as SQS allows."""
    resources = resources_of(bake(combination))
    expected = EXPECTED[combination.name].resources
    queues = [
        name
        for name, kind in expected.items()
        if kind == QUEUE and not name.endswith("SourceQueue")
    ]
    assert queues
    retention = {name: resources[name]["Properties"]["MessageRetentionPeriod"] for name in queues}
    assert retention == dict.fromkeys(queues, 1_209_600)  # 14 days


def test_idempotency_records_are_deleted_by_ttl_on_expiration(bake: Bake):
    """Powertools writes each record's expiry to `expiration`; the table's TTL deletes by it."""
    table = resources_of(bake(named("sqs-idempotent-ssm")))["IdempotencyTable"]["Properties"]
    assert table["TimeToLiveSpecification"] == {"AttributeName": "expiration", "Enabled": True}
    assert table["KeySchema"] == [{"AttributeName": "id", "KeyType": "HASH"}]


def test_sqs_alarms_watch_the_dead_letter_queue_and_the_backlog(bake: Bake):
    resources = resources_of(bake(named("sqs-idempotent-ssm")))
    alarms = {
        r["Properties"]["MetricName"]: r["Properties"]
        for r in resources.values()
        if r["Type"] == "AWS::CloudWatch::Alarm"
    }
    assert alarms["ApproximateAgeOfOldestMessage"]["Threshold"] == {
        "Ref": "OldestMessageAlarmSeconds"
    }
    depth = alarms["ApproximateNumberOfMessagesVisible"]["Dimensions"][0]["Value"]
    assert depth == {"Fn::GetAtt": ["SourceDeadLetterQueue", "QueueName"]}


def test_schedule_retries_delivery_and_keeps_what_it_cannot_deliver(bake: Bake):
    project = bake(named("schedule-idempotent-no-store-kms"))
    function = resources_of(project)["Function"]["Properties"]
    schedule = function["Events"]["Schedule"]["Properties"]
    assert schedule["ScheduleExpression"] == "rate(5 minutes)"
    assert schedule["RetryPolicy"]["MaximumRetryAttempts"] == 3
    assert schedule["DeadLetterConfig"] == {
        "Arn": {"Fn::GetAtt": ["ScheduleDeadLetterQueue", "Arn"]}
    }
    assert "<aws.scheduler.scheduled-time>" in schedule["Input"]
    on_failure = function["EventInvokeConfig"]["DestinationConfig"]["OnFailure"]
    assert on_failure["Destination"] == {"Fn::GetAtt": ["FailureDestinationQueue", "Arn"]}


def test_eventbridge_rule_matches_the_answers_on_the_custom_bus(bake: Bake):
    project = bake(named("eventbridge-custom-bus-secretsmanager-x86"))
    template = load_template(project / "template.yaml")
    rule = template["Resources"]["Function"]["Properties"]["Events"]["Rule"]["Properties"]
    assert rule["Pattern"] == {"source": ["com.example.orders"], "detail-type": ["OrderPlaced"]}
    assert rule["EventBusName"] == {"Ref": "EventBusName"}
    assert template["Parameters"]["EventBusName"]["Default"] == "orders-bus"


def test_s3_bucket_is_locked_down_and_the_function_only_reads_it(bake: Bake):
    project = bake(named("s3-vpc-image-processing-kms"))
    resources = resources_of(project)
    bucket = resources["UploadsBucket"]["Properties"]
    assert all(bucket["PublicAccessBlockConfiguration"].values())
    assert bucket["VersioningConfiguration"] == {"Status": "Enabled"}
    assert "ServerSideEncryptionConfiguration" in bucket["BucketEncryption"]
    (statement,) = resources["UploadsBucketPolicy"]["Properties"]["PolicyDocument"]["Statement"]
    assert statement["Effect"] == "Deny"
    assert statement["Condition"] == {"Bool": {"aws:SecureTransport": False}}
    function = resources["Function"]["Properties"]
    s3_actions = {
        action
        for statement in role_statements(resources)
        for action in _as_list(statement.get("Action", []))
        if action.startswith("s3:")
    }
    assert s3_actions == {"s3:GetObject", "s3:GetObjectVersion"}
    rules = function["Events"]["ObjectCreated"]["Properties"]["Filter"]["S3Key"]["Rules"]
    assert rules == [{"Name": "prefix", "Value": "incoming/"}, {"Name": "suffix", "Value": ".csv"}]


def test_secret_access_is_scoped_to_one_secret(bake: Bake):
    project = bake(named("api-jwt-snapstart-secretsmanager"))
    statements = role_statements(resources_of(project))
    (secret,) = [s for s in statements if s.get("Sid") == "ReadWebhookSecret"]
    assert secret["Action"] == "secretsmanager:GetSecretValue"
    assert secret["Resource"]["Fn::Sub"].endswith(":secret:${SecretName}-??????")
    (kms,) = [s for s in statements if "Fn::If" in s]
    condition, statement, otherwise = kms["Fn::If"]
    assert condition == "HasSecretKmsKey"
    assert statement["Action"] == "kms:Decrypt"
    assert statement["Resource"] == {"Ref": "SecretKmsKeyArn"}
    assert otherwise == {"Ref": "AWS::NoValue"}


def role_statements(resources: dict[str, Any]) -> list[dict[str, Any]]:
    (policy,) = resources["FunctionRole"]["Properties"]["Policies"]
    return policy["PolicyDocument"]["Statement"]


def _as_list(value: str | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else value


def test_the_customer_managed_key_encrypts_what_the_stack_stores(bake: Bake):
    resources = resources_of(bake(named("s3-vpc-image-processing-kms")))
    key = resources["EncryptionKey"]["Properties"]
    assert key["EnableKeyRotation"] is True
    by_arn = {"Fn::GetAtt": ["EncryptionKey", "Arn"]}
    by_ref = {"Ref": "EncryptionKey"}
    assert resources["FunctionLogGroup"]["Properties"]["KmsKeyId"] == by_arn
    assert resources["FailureDestinationQueue"]["Properties"]["KmsMasterKeyId"] == by_ref
    sse = resources["DataTable"]["Properties"]["SSESpecification"]
    assert (sse["SSEType"], sse["KMSMasterKeyId"]) == ("KMS", by_ref)
    bucket = resources["UploadsBucket"]["Properties"]["BucketEncryption"]
    default = bucket["ServerSideEncryptionConfiguration"][0]["ServerSideEncryptionByDefault"]
    assert default == {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": by_arn}
    assert resources["AlarmTopic"]["Properties"]["KmsMasterKeyId"] == by_ref
    (use,) = [s for s in role_statements(resources) if s.get("Sid") == "UseEncryptionKey"]
    assert use["Resource"] == by_arn


def test_the_permissions_boundary_applies_to_every_role(bake: Bake):
    project = bake(named("schedule-bare-org-defaults"))
    resources = resources_of(project)
    boundary = answers_of(project)["permissions_boundary_arn"]
    assert resources["FunctionRole"]["Properties"]["PermissionsBoundary"] == boundary
    schedule = resources["Function"]["Properties"]["Events"]["Schedule"]["Properties"]
    assert schedule["PermissionsBoundary"] == boundary


@by_name
def test_readme_draws_the_stack_that_was_generated(bake: Bake, combination: Combination):
    project = bake(combination)
    readme = (project / "README.md").read_text()
    diagram = readme.split("```mermaid\n", 1)[1].split("```", 1)[0]
    assert diagram.startswith("flowchart LR")
    nodes = DIAGRAM_NODE.findall(diagram)
    assert len(nodes) == len(dict(nodes)), "a node is defined twice"
    assert dict(nodes) == EXPECTED[combination.name].diagram
    assert "## Troubleshooting" in readme
