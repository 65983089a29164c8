"""Deploy readiness: what a first deploy, a second stack and the first failure would reveal.

Every supported combination is transformed by the SAM translator once per
samconfig.toml environment, and the checks in ``tests/deploy_checks.py`` read
what CloudFormation would receive. Each check also rejects a deliberately
broken template, so it is known to be able to fail.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.combinations import Bake, Combination, by_name, named
from tests.conftest import answers_of, lint_venv, make, run
from tests.deploy_checks import (
    Stack,
    deployment_configs,
    invoked_without_alias,
    lost_failures,
    names_shared_by,
    parameters_without_values,
    retained_names_reused,
    rollback_problems,
    system_logs_dropped,
)
from tests.expected import EXPECTED
from tests.expected import FUNCTION as FUNCTION_TYPE
from tests.stacks import deployments


@by_name
def test_stacks_deploy_side_by_side(bake: Bake, combination: Combination):
    """dev and prod in one account, and a second service from this template beside them."""
    stacks = deployments(bake(combination))
    dev, prod = stacks["default"], stacks["prod"]
    other_service = Stack("another-service-dev", dev.template, dev.overrides)
    assert names_shared_by(dev, prod) == []
    assert names_shared_by(dev, other_service) == []
    assert retained_names_reused(prod) == []


@by_name
def test_every_parameter_has_a_value(bake: Bake, combination: Combination):
    """`sam deploy --config-env X` fills every parameter, for every environment."""
    for environment, stack in deployments(bake(combination)).items():
        assert parameters_without_values(stack.template, stack.overrides) == [], environment


@by_name
def test_no_failure_is_lost(bake: Bake, combination: Combination):
    assert lost_failures(deployments(bake(combination))["prod"].template) == []


@by_name
def test_lambda_system_logs_are_kept(bake: Bake, combination: Combination):
    assert system_logs_dropped(deployments(bake(combination))["prod"].template) == []


@by_name
def test_prod_moves_traffic_gradually_and_rolls_back_on_the_new_versions_errors(
    bake: Bake, combination: Combination
):
    """Every trigger invokes the live alias; CodeDeploy moves it, canary in prod, at once in dev."""
    stacks = deployments(bake(combination))
    dev, prod = stacks["default"], stacks["prod"]
    functions = [
        name for name, kind in EXPECTED[combination.name].resources.items() if kind == FUNCTION_TYPE
    ]
    assert deployment_configs(prod) == {
        f"{name}Aliaslive": "CodeDeployDefault.LambdaCanary10Percent5Minutes" for name in functions
    }
    assert deployment_configs(dev) == {
        f"{name}Aliaslive": "CodeDeployDefault.LambdaAllAtOnce" for name in functions
    }
    for stack in (dev, prod):
        assert rollback_problems(stack.template) == []
        assert invoked_without_alias(stack.template) == []


def test_codedeploy_runs_under_a_bounded_role_of_the_stack(bake: Bake):
    """With a permissions boundary, the role CodeDeploy assumes is bounded like the function's."""
    project = bake(named("schedule-bare-org-defaults"))
    template = deployments(project)["prod"].template
    resources = template["Resources"]
    (group,) = [r for r in resources.values() if r["Type"] == "AWS::CodeDeploy::DeploymentGroup"]
    assert group["Properties"]["ServiceRoleArn"] == {"Fn::GetAtt": ["CodeDeployRole", "Arn"]}
    roles = {name for name, r in resources.items() if r["Type"] == "AWS::IAM::Role"}
    assert "CodeDeployServiceRole" not in roles  # SAM's own, with a managed policy, is not made
    boundary = answers_of(project)["permissions_boundary_arn"]
    assert resources["CodeDeployRole"]["Properties"]["PermissionsBoundary"] == boundary


def serverless_rules(project: Path) -> Any:
    venv = lint_venv(project)
    command = [
        str(venv / "bin" / "cfn-lint"),
        "-a",
        "cfn_lint_serverless.rules",
        "--",
        "template.yaml",
    ]
    return run(command, project)


@by_name
def test_serverless_rules_pass(bake: Bake, combination: Combination):
    """AWS's Serverless Rules for cfn-lint, with each waiver inline and justified."""
    result = serverless_rules(bake(combination))
    assert result.returncode == 0, result.stdout + result.stderr


def test_serverless_rules_reject_a_rule_without_a_dead_letter_queue(bake: Bake, tmp_path: Path):
    project = shutil.copytree(
        bake(named("eventbridge-default-bus-provisioned-kms")), tmp_path / "p"
    )
    template = project / "template.yaml"
    text = template.read_text()
    dead_letter = (
        "            DeadLetterConfig:\n              Arn: !GetAtt RuleDeadLetterQueue.Arn\n"
    )
    assert dead_letter in text
    template.write_text(text.replace(dead_letter, ""))
    result = serverless_rules(project)
    assert result.returncode != 0
    assert "ES4000" in result.stdout


def test_lint_runs_the_serverless_rules(bake: Bake, tmp_path: Path):
    """`make lint` in the generated project fails on a Serverless Rules finding."""
    project = shutil.copytree(bake(named("api-default")), tmp_path / "p")
    template = project / "template.yaml"
    text = template.read_text()
    waiver = "          ignore_checks: [WS1004]\n"
    assert waiver in text
    template.write_text(text.replace(waiver, "          ignore_checks: []\n"))
    result = make(project, "lint", venv=lint_venv(project))
    assert result.returncode != 0
    assert "WS1004" in result.stdout


# Deliberately broken templates: each check must reject its own kind of defect.

FUNCTION = {"Type": "AWS::Lambda::Function", "Properties": {"Timeout": 30}}


def template_with(**resources: Any) -> dict[str, Any]:
    return {"Resources": {"Function": FUNCTION, **resources}}


def test_a_fixed_schedule_name_collides_between_stacks():
    schedule = {
        "Type": "AWS::Scheduler::Schedule",
        "Properties": {"Name": "FunctionSchedule", "Target": {"Arn": "x"}},
    }
    template = template_with(FunctionSchedule=schedule)
    (problem,) = names_shared_by(Stack("svc-dev", template), Stack("svc-prod", template))
    assert "'FunctionSchedule'" in problem


def test_names_built_from_the_stack_name_do_not_collide():
    queue = {
        "Type": "AWS::SQS::Queue",
        "Properties": {"QueueName": {"Fn::Sub": "${AWS::StackName}-jobs"}},
    }
    template = template_with(Jobs=queue)
    assert names_shared_by(Stack("svc-dev", template), Stack("svc-prod", template)) == []


def test_an_export_name_without_the_stack_name_collides():
    template = {
        "Resources": {},
        "Outputs": {"Key": {"Value": "x", "Export": {"Name": {"Fn::Sub": "${AWS::Region}-key"}}}},
    }
    (problem,) = names_shared_by(Stack("svc-dev", template), Stack("svc-prod", template))
    assert problem.startswith("Export 'us-east-1-key'")


def bucket(name: Any) -> dict[str, Any]:
    return {
        "Type": "AWS::S3::Bucket",
        "DeletionPolicy": "Retain",
        "Properties": {"BucketName": name},
    }


def test_a_retained_bucket_named_after_the_stack_blocks_its_recreation():
    template = template_with(Uploads=bucket({"Fn::Sub": "${AWS::StackName}-${AWS::AccountId}"}))
    (problem,) = retained_names_reused(Stack("svc-prod", template))
    assert "Uploads is retained" in problem


def test_a_retained_bucket_named_per_creation_can_be_recreated():
    creation = {
        "Fn::Select": [
            0,
            {
                "Fn::Split": [
                    "-",
                    {"Fn::Select": [2, {"Fn::Split": ["/", {"Ref": "AWS::StackId"}]}]},
                ]
            },
        ]
    }
    name = {"Fn::Sub": ["${AWS::StackName}-${CreationId}", {"CreationId": creation}]}
    assert retained_names_reused(Stack("svc-prod", template_with(Uploads=bucket(name)))) == []


def test_a_parameter_without_default_or_override_is_reported():
    template = {
        "Parameters": {
            "SubnetIds": {"Type": "String"},
            "Stage": {"Type": "String", "Default": "dev"},
        }
    }
    assert parameters_without_values(template, {}) == [
        "parameter SubnetIds has no default and is not set"
    ]
    assert parameters_without_values(template, {"SubnetIds": "subnet-1"}) == []


def test_a_rule_target_without_a_dead_letter_queue_is_reported():
    rule = {
        "Type": "AWS::Events::Rule",
        "Properties": {"Targets": [{"Id": "T", "Arn": {"Fn::GetAtt": ["Function", "Arn"]}}]},
    }
    problems = lost_failures(template_with(Rule=rule))
    assert "rule Rule target T has no dead-letter queue" in problems
    assert (
        "function Function is invoked asynchronously but has no OnFailure destination" in problems
    )


def test_a_schedule_without_a_dead_letter_queue_is_reported():
    schedule = {
        "Type": "AWS::Scheduler::Schedule",
        "Properties": {"Target": {"Arn": {"Fn::GetAtt": ["Function", "Arn"]}}},
    }
    problems = lost_failures(template_with(Schedule=schedule))
    assert "schedule Schedule has no dead-letter queue" in problems


def test_an_s3_triggered_function_needs_an_on_failure_destination():
    permission = {
        "Type": "AWS::Lambda::Permission",
        "Properties": {"FunctionName": {"Ref": "Function"}, "Principal": "s3.amazonaws.com"},
    }
    config = {
        "Type": "AWS::Lambda::EventInvokeConfig",
        "Properties": {
            "FunctionName": {"Ref": "Function"},
            "DestinationConfig": {
                "OnFailure": {"Destination": {"Fn::GetAtt": ["Failures", "Arn"]}}
            },
        },
    }
    assert lost_failures(template_with(Permission=permission)) == [
        "function Function is invoked asynchronously but has no OnFailure destination"
    ]
    assert lost_failures(template_with(Permission=permission, Config=config)) == []


def sqs_source(**queue: Any) -> dict[str, Any]:
    mapping = {
        "Type": "AWS::Lambda::EventSourceMapping",
        "Properties": {
            "FunctionName": {"Ref": "Function"},
            "EventSourceArn": {"Fn::GetAtt": ["Queue", "Arn"]},
            "FunctionResponseTypes": ["ReportBatchItemFailures"],
        },
    }
    return template_with(Queue={"Type": "AWS::SQS::Queue", "Properties": queue}, Mapping=mapping)


REDRIVE = {"deadLetterTargetArn": {"Fn::GetAtt": ["Dlq", "Arn"]}, "maxReceiveCount": 5}


def test_a_well_wired_queue_passes():
    assert lost_failures(sqs_source(VisibilityTimeout=180, RedrivePolicy=REDRIVE)) == []


def test_a_queue_without_redrive_or_with_a_short_visibility_timeout_is_reported():
    assert lost_failures(sqs_source(VisibilityTimeout=179, RedrivePolicy={})) == [
        "the queue of Mapping has no redrive policy to a dead-letter queue",
        "the queue of Mapping has a visibility timeout of 179 s, "
        "under 6 times the function's 30 s timeout",
    ]


def test_a_queue_mapping_without_partial_batch_responses_is_reported():
    template = sqs_source(VisibilityTimeout=180, RedrivePolicy=REDRIVE)
    template["Resources"]["Mapping"]["Properties"]["FunctionResponseTypes"] = []
    assert lost_failures(template) == ["Mapping does not report batch item failures"]


def test_a_stream_mapping_without_its_failure_wiring_is_reported():
    mapping = {
        "Type": "AWS::Lambda::EventSourceMapping",
        "Properties": {
            "FunctionName": {"Ref": "Function"},
            "EventSourceArn": {"Fn::GetAtt": ["Stream", "Arn"]},
        },
    }
    stream = {"Type": "AWS::Kinesis::Stream", "Properties": {}}
    problems = lost_failures(template_with(Stream=stream, Mapping=mapping))
    assert problems == [
        "Mapping does not report batch item failures",
        "Mapping has no OnFailure destination for records that exhaust retries",
        "Mapping does not bisect a failing batch",
        "Mapping retries a failing record forever (MaximumRetryAttempts)",
        "Mapping keeps a failing record forever (MaximumRecordAgeInSeconds)",
    ]


def test_a_mapping_of_an_existing_stream_given_as_a_parameter_is_checked_too():
    mapping = {
        "Type": "AWS::Lambda::EventSourceMapping",
        "Properties": {
            "FunctionName": {"Ref": "Function"},
            "EventSourceArn": {"Ref": "StreamArn"},
            "FunctionResponseTypes": ["ReportBatchItemFailures"],
            "BisectBatchOnFunctionError": True,
            "MaximumRetryAttempts": 3,
            "MaximumRecordAgeInSeconds": 3600,
        },
    }
    template = template_with(Mapping=mapping)
    arn = "arn:aws:kinesis:us-east-1:123456789012:stream/orders"
    template["Parameters"] = {"StreamArn": {"Type": "String", "Default": arn}}
    assert lost_failures(template) == [
        "Mapping has no OnFailure destination for records that exhaust retries"
    ]


@pytest.mark.parametrize(
    ("level", "dropped"), [("WARN", True), ("ERROR", True), ("INFO", False), (None, False)]
)
def test_a_system_log_level_above_info_is_reported(level: str | None, dropped: bool):
    logging = {"LogFormat": "JSON", **({"SystemLogLevel": level} if level else {})}
    function = {"Type": "AWS::Lambda::Function", "Properties": {"LoggingConfig": logging}}
    assert bool(system_logs_dropped({"Resources": {"Function": function}})) == dropped


def aliased_function(**update_policy: Any) -> dict[str, Any]:
    """A function behind a live alias, optionally moved by a CodeDeploy deployment group."""
    alias = {
        "Type": "AWS::Lambda::Alias",
        "Properties": {
            "Name": "live",
            "FunctionName": {"Ref": "Function"},
            "FunctionVersion": {"Fn::GetAtt": ["FunctionVersion1", "Version"]},
        },
    }
    if update_policy:
        alias["UpdatePolicy"] = {"CodeDeployLambdaAliasUpdate": update_policy}
    return template_with(
        FunctionVersion1={"Type": "AWS::Lambda::Version", "Properties": {}}, Alias=alias
    )


def rollback_alarm(*dimensions: tuple[str, Any]) -> dict[str, Any]:
    return {
        "Type": "AWS::CloudWatch::Alarm",
        "Properties": {
            "Namespace": "AWS/Lambda",
            "MetricName": "Errors",
            "Dimensions": [{"Name": name, "Value": value} for name, value in dimensions],
        },
    }


FUNCTION_DIMENSION = ("FunctionName", {"Ref": "Function"})
ALIAS_DIMENSION = ("Resource", {"Fn::Sub": "${Function}:live"})
VERSION_DIMENSION = ("ExecutedVersion", {"Fn::GetAtt": ["FunctionVersion1", "Version"]})


def with_deployment_group(alarm: dict[str, Any], *events: str) -> dict[str, Any]:
    template = aliased_function(DeploymentGroupName={"Ref": "Group"})
    template["Resources"]["Alarm"] = alarm
    template["Resources"]["Group"] = {
        "Type": "AWS::CodeDeploy::DeploymentGroup",
        "Properties": {
            "DeploymentConfigName": {
                "Fn::Sub": ["CodeDeployDefault.Lambda${ConfigName}", {"ConfigName": "AllAtOnce"}]
            },
            "AutoRollbackConfiguration": {"Enabled": True, "Events": list(events)},
            "AlarmConfiguration": {"Enabled": True, "Alarms": [{"Name": {"Ref": "Alarm"}}]},
        },
    }
    return template


def test_an_alias_without_a_deployment_group_is_reported():
    template = aliased_function()
    assert deployment_configs(Stack("svc-prod", template)) == {"Alias": None}
    assert rollback_problems(template) == [
        "alias Alias moves to a new version with no CodeDeploy group"
    ]


def test_a_rollback_alarm_on_the_whole_function_is_reported():
    """An alarm without the alias and version dimensions also counts the old version's errors."""
    template = with_deployment_group(
        rollback_alarm(FUNCTION_DIMENSION), "DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM"
    )
    assert rollback_problems(template) == [
        "no rollback alarm of Alias watches the new version's errors via the alias"
    ]


def test_a_group_that_ignores_its_alarms_is_reported():
    alarm = rollback_alarm(FUNCTION_DIMENSION, ALIAS_DIMENSION, VERSION_DIMENSION)
    template = with_deployment_group(alarm, "DEPLOYMENT_FAILURE")
    assert rollback_problems(template) == [
        "the deployment group of Alias does not roll back on alarm"
    ]
    template = with_deployment_group(alarm, "DEPLOYMENT_FAILURE", "DEPLOYMENT_STOP_ON_ALARM")
    assert rollback_problems(template) == []
    assert deployment_configs(Stack("svc-dev", template)) == {
        "Alias": "CodeDeployDefault.LambdaAllAtOnce"
    }


def test_an_event_source_on_latest_is_reported():
    mapping = {
        "Type": "AWS::Lambda::EventSourceMapping",
        "Properties": {"FunctionName": {"Ref": "Function"}, "EventSourceArn": "arn"},
    }
    template = aliased_function()
    template["Resources"]["Mapping"] = mapping
    assert invoked_without_alias(template) == [
        "Mapping invokes Function directly, not through an alias"
    ]
    mapping["Properties"]["FunctionName"] = {"Ref": "Alias"}
    assert invoked_without_alias(template) == []


def test_an_api_integration_on_latest_is_reported():
    uri = "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/"
    api = {"Type": "AWS::ApiGatewayV2::Api", "Properties": {"Body": {"uri": {"Fn::Sub": ""}}}}
    template = aliased_function()
    template["Resources"]["Api"] = api
    api["Properties"]["Body"]["uri"]["Fn::Sub"] = uri + "${Function.Arn}/invocations"
    assert invoked_without_alias(template) == [
        "api Api invokes Function directly, not through an alias"
    ]
    api["Properties"]["Body"]["uri"]["Fn::Sub"] = uri + "${Alias}/invocations"
    assert invoked_without_alias(template) == []
