"""deploy/bootstrap.yaml: the gates every template passes, and what its roles can and cannot do.

The bootstrap stack holds the most powerful roles of a project, so its IAM is read
three ways: the same gates as template.yaml (cfn-lint, checkov), a review of every
statement's scope, and requests put to the roles' resolved policies through a
small IAM evaluator (tests/iam_policy.py): the pipeline role can deploy its own
environment and nothing else, and the CloudFormation execution role can make what
the service stack declares, as CloudFormation's own resource schemas list it.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from lambda_starter.cfn_yaml import load_template
from tests.combinations import Bake, Combination, by_name, named
from tests.conftest import answers_of, run
from tests.deploy_checks import Stack
from tests.iam_policy import Request, allowed, role_statements, trust_statements
from tests.stacks import deployments
from tests.tools import tool_bin

ACCOUNT = "123456789012"
REPOSITORY = "acme/orders-service"


def bootstrap(project: Path, environment: str = "dev", **overrides: str) -> Stack:
    """The project's bootstrap template as deployed for one environment of this repository."""
    template = load_template(project / "deploy" / "bootstrap.yaml")
    service = f"{answers_of(project)['project_slug']}-{environment}"
    parameters = {
        "ServiceStackName": service,
        "ArtifactPrefix": service,
        "GitHubRepository": REPOSITORY,
        "GitHubEnvironment": environment,
        "SmokeTests": "enabled" if environment == "dev" else "disabled",
    }
    known = template.get("Parameters", {})
    chosen = {k: v for k, v in (parameters | overrides).items() if k in known}
    return Stack(f"{service}-pipeline", template, chosen)


def arn(service: str, resource: str, region: str = "us-east-1") -> str:
    return f"arn:aws:{service}:{region}:{ACCOUNT}:{resource}"


def stack_arn(name: str) -> str:
    return arn("cloudformation", f"stack/{name}/0f1e2d3c-aaaa-bbbb-cccc-1234567890ab")


@by_name
def test_bootstrap_lints_clean(bake: Bake, combination: Combination):
    project = bake(combination)
    environment = os.environ | {"AWS_DEFAULT_REGION": "us-east-1"}
    result = run(
        [str(tool_bin("sam") / "cfn-lint"), "deploy/bootstrap.yaml"], project, env=environment
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_lint_rejects_an_action_iam_does_not_have(bake: Bake, tmp_path: Path):
    """cfn-lint reads action names: a misspelt one in the bootstrap fails the gate."""
    template = bake(named("api-default")) / "deploy" / "bootstrap.yaml"
    broken = tmp_path / "bootstrap.yaml"
    broken.write_text(template.read_text().replace("lambda:PublishVersion", "lambda:Publish"))
    result = run([str(tool_bin("sam") / "cfn-lint"), str(broken)], tmp_path)
    assert result.returncode != 0
    assert "W3037" in result.stdout


@by_name
def test_checkov_finds_nothing_in_the_bootstrap(bake: Bake, combination: Combination):
    project = bake(combination)
    environment = os.environ | {"BC_SKIP_MAPPING": "TRUE", "CKV_SKIP_PACKAGE_UPDATE_CHECK": "true"}
    command = [str(tool_bin("checkov") / "checkov"), "--file", "deploy/bootstrap.yaml"]
    options = ["--framework", "cloudformation", "--skip-download", "--output", "json"]
    report = json.loads(run(command + options, project, env=environment).stdout)
    assert [c["check_id"] for c in report["results"]["failed_checks"]] == []
    assert report["summary"]["passed"] > 15
    skipped = {(c["check_id"], c["resource"]) for c in report["results"]["skipped_checks"]}
    assert skipped == {("CKV_AWS_18", "AWS::S3::Bucket.ArtifactBucket")}


# Statements whose resource cannot name this service, each with the reason in the template.
ACCOUNT_WIDE = {
    # A mapping or key that does not exist yet has no ARN (both carry a condition too).
    ("lambda:CreateEventSourceMapping", "*"),
    ("kms:CreateKey", "*"),
    # CloudWatch Logs lists resource policies account-wide only.
    ("logs:DescribeResourcePolicies", "*"),
    # EC2 Describe calls accept no resource.
    ("ec2:DescribeSecurityGroups", "*"),
    ("ec2:DescribeSubnets", "*"),
    ("ec2:DescribeVpcs", "*"),
    ("ec2:DescribeNetworkInterfaces", "*"),
}


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


@by_name
def test_every_bootstrap_statement_is_scoped(bake: Bake, combination: Combination):
    """No "*" action; each resource names this service, its bucket or this stack, or has a
    condition that does; "*" resources only where AWS names none."""
    project = bake(combination)
    stack = bootstrap(project)
    roles = [n for n, r in stack.template["Resources"].items() if r["Type"] == "AWS::IAM::Role"]
    assert "CloudFormationExecutionRole" in roles
    service = stack.overrides["ServiceStackName"]
    bucket = stack.evaluate({"Fn::GetAtt": ["ArtifactBucket", "Arn"]})
    for role in roles:
        for statement in role_statements(stack, role):
            assert statement["Effect"] == "Allow"
            for action in _as_list(statement["Action"]):
                assert "*" not in action, (role, action)
                for resource in _as_list(statement["Resource"]):
                    scoped = service in resource or bucket in resource or stack.name in resource
                    if resource == "*":
                        assert (action, "*") in ACCOUNT_WIDE, (role, action)
                    elif not scoped:
                        assert (
                            "Condition" in statement
                            or resource.startswith(
                                (
                                    "arn:aws:lambda:us-east-1:017000801446:layer:",
                                    "arn:aws:apigateway",
                                )
                            )
                            or resource.endswith(
                                (
                                    ":log-group:*",
                                    ":schedule/default/*",
                                    ":deploymentconfig:CodeDeployDefault.*",
                                    ":transform/Serverless-2016-10-31",
                                    "/$default/*",
                                )
                            )
                        ), (role, action, resource)


def test_the_pipeline_role_deploys_its_environment_and_nothing_else(bake: Bake):
    project = bake(named("api-default"))
    stack = bootstrap(project)
    statements = role_statements(stack, "PipelineRole")
    execution_role = stack.evaluate({"Fn::GetAtt": ["CloudFormationExecutionRole", "Arn"]})
    bucket = stack.evaluate({"Fn::GetAtt": ["ArtifactBucket", "Arn"]})

    def can(action: str, resource: str, **context: str) -> bool:
        return allowed(statements, Request(action, resource, context))

    # What a deploy of orders-service-dev does.
    own = stack_arn("orders-service-dev")
    for action in ("CreateChangeSet", "ExecuteChangeSet", "DescribeStackEvents", "DeleteStack"):
        assert can(f"cloudformation:{action}", own), action
    serverless = "arn:aws:cloudformation:us-east-1:aws:transform/Serverless-2016-10-31"
    assert can("cloudformation:CreateChangeSet", serverless)
    assert can("s3:PutObject", f"{bucket}/orders-service-dev/0a1b2c.zip")
    assert can(
        "iam:PassRole", execution_role, **{"iam:PassedToService": "cloudformation.amazonaws.com"}
    )
    assert can("cloudformation:DescribeStacks", stack.stack_id)

    # Nothing else: other stacks (prod, another service, the bootstrap itself), IAM, data.
    for other in ("orders-service-prod", "another-service-dev", "orders-service-dev-pipeline"):
        for action in ("CreateChangeSet", "ExecuteChangeSet", "DeleteStack", "UpdateStack"):
            assert not can(f"cloudformation:{action}", stack_arn(other)), (action, other)
    assert not can("cloudformation:UpdateStack", own)  # changes go through change sets
    assert not can("cloudformation:CreateStack", own)
    assert not can("iam:CreateUser", f"arn:aws:iam::{ACCOUNT}:user/intruder")
    assert not can("iam:CreateAccessKey", f"arn:aws:iam::{ACCOUNT}:user/intruder")
    assert not can("iam:CreateRole", f"arn:aws:iam::{ACCOUNT}:role/orders-service-dev-x")
    assert not can("iam:AttachRolePolicy", execution_role)
    assert not can(
        "iam:PassRole", execution_role, **{"iam:PassedToService": "lambda.amazonaws.com"}
    )
    other_role = f"arn:aws:iam::{ACCOUNT}:role/Admin"
    assert not can(
        "iam:PassRole", other_role, **{"iam:PassedToService": "cloudformation.amazonaws.com"}
    )
    assert not can("s3:PutObject", f"{bucket}/orders-service-prod/0a1b2c.zip")
    assert not can("s3:DeleteObject", f"{bucket}/orders-service-dev/0a1b2c.zip")
    assert not can("lambda:UpdateFunctionCode", arn("lambda", "function:orders-service-dev-Fn-1"))
    assert not can("dynamodb:Scan", arn("dynamodb", "table/orders-service-dev-DataTable-1"))


def test_only_its_github_environment_can_assume_the_pipeline_role(bake: Bake):
    stack = bootstrap(bake(named("api-default")), "prod")
    (trust,) = trust_statements(stack, "PipelineRole")
    provider = stack.evaluate({"Ref": "GitHubOidcProvider"})
    assert trust["Principal"] == {"Federated": provider}
    assert trust["Action"] == "sts:AssumeRoleWithWebIdentity"

    def trusted(subject: str, audience: str = "sts.amazonaws.com") -> bool:
        context = {
            "token.actions.githubusercontent.com:sub": subject,
            "token.actions.githubusercontent.com:aud": audience,
        }
        return allowed([trust], Request("sts:AssumeRoleWithWebIdentity", "*", context))

    assert trusted(f"repo:{REPOSITORY}:environment:prod")
    assert not trusted(f"repo:{REPOSITORY}:environment:dev")
    assert not trusted(f"repo:{REPOSITORY}:ref:refs/heads/main")
    assert not trusted(f"repo:{REPOSITORY}:pull_request")
    assert not trusted("repo:acme/another-service:environment:prod")
    assert not trusted(f"repo:{REPOSITORY}:environment:prod", audience="another-audience")


def test_an_existing_oidc_provider_is_reused_not_created(bake: Bake):
    existing = f"arn:aws:iam::{ACCOUNT}:oidc-provider/token.actions.githubusercontent.com"
    stack = bootstrap(bake(named("api-default")), "prod", GitHubOidcProviderArn=existing)
    (trust,) = trust_statements(stack, "PipelineRole")
    assert trust["Principal"] == {"Federated": existing}
    provider = stack.template["Resources"]["GitHubOidcProvider"]
    assert provider["Condition"] == "CreateOidcProvider"
    assert provider["DeletionPolicy"] == "Retain"  # other environments trust it too


def test_the_smoke_tests_may_only_reach_the_smoke_tested_environment(bake: Bake):
    project = bake(named("sqs-idempotent-ssm"))
    queue = arn("sqs", "orders-service-dev-SourceQueue-AbC")
    logs = arn("logs", "log-group:/aws/lambda/orders-service-dev/function:log-stream:x")
    dev = role_statements(bootstrap(project, "dev"), "PipelineRole")
    assert allowed(dev, Request("sqs:SendMessage", queue))
    assert allowed(dev, Request("logs:FilterLogEvents", logs))
    assert not allowed(dev, Request("sqs:SendMessage", arn("sqs", "another-service-dev-Q-1")))
    assert not allowed(dev, Request("sqs:ReceiveMessage", queue))
    prod = role_statements(bootstrap(project, "prod"), "PipelineRole")
    prod_queue = queue.replace("-dev-", "-prod-")
    assert not allowed(prod, Request("sqs:SendMessage", prod_queue))


def test_the_execution_role_is_bounded_and_creates_bounded_roles_only(bake: Bake):
    project = bake(named("schedule-bare-org-defaults"))
    boundary = answers_of(project)["permissions_boundary_arn"]
    stack = bootstrap(project)
    role = stack.template["Resources"]["CloudFormationExecutionRole"]["Properties"]
    assert role["PermissionsBoundary"] == boundary
    statements = role_statements(stack, "CloudFormationExecutionRole")
    own_role = f"arn:aws:iam::{ACCOUNT}:role/orders-service-dev-FunctionRole-AbC"

    def can(action: str, resource: str, **context: str) -> bool:
        return allowed(statements, Request(action, resource, context))

    assert can("iam:CreateRole", own_role, **{"iam:PermissionsBoundary": boundary})
    assert not can("iam:CreateRole", own_role)
    assert not can(
        "iam:CreateRole",
        own_role,
        **{"iam:PermissionsBoundary": "arn:aws:iam::aws:policy/AdministratorAccess"},
    )
    assert not can("iam:DeleteRolePermissionsBoundary", own_role)
    assert not can(
        "iam:CreateRole",
        f"arn:aws:iam::{ACCOUNT}:role/orders-service-prod-X",
        **{"iam:PermissionsBoundary": boundary},
    )
    assert not can("iam:CreateUser", f"arn:aws:iam::{ACCOUNT}:user/intruder")
    assert not can("iam:AttachRolePolicy", own_role)
    assert can("iam:PassRole", own_role, **{"iam:PassedToService": "scheduler.amazonaws.com"})
    assert not can("iam:PassRole", own_role, **{"iam:PassedToService": "ec2.amazonaws.com"})


# Actions CloudFormation's handlers may call for features the service stack never uses.
UNUSED_FEATURES = {
    "elasticfilesystem:*": "no EFS file system is mounted",
    "s3files:*": "no S3 Files mount",
    "s3tables:*": "no S3 table bucket",
    "firehose:*": "no log delivery to Firehose",
    "lambda:*CodeSigning*": "no code signing configuration",
    "lambda:PutRuntimeManagementConfig": "the runtime updates automatically (not set)",
    "lambda:PutFunctionRecursionConfig": "recursive loop detection stays on (not set)",
    "lambda:PutFunctionScalingConfig": "no capacity provider",
    "lambda:PassCapacityProvider": "no capacity provider",
    "iam:AttachRolePolicy": "roles have inline policies only (the IAM review checks it)",
    "iam:DetachRolePolicy": "roles have inline policies only",
    "iam:CreateServiceLinkedRole": "no table replica or auto scaling",
    "iam:PutRolePermissionsBoundary": "granted only with a permissions boundary (tested above)",
    "iam:DeleteRolePermissionsBoundary": "a boundary is never removed",
    "kinesis:*EnhancedMonitoring": "no shard-level metrics on the stream",
    "kinesis:UpdateShardCount": "the stream is on demand: no shards to size",
    "kinesis:UpdateMaxRecordSize": "the default record size limit (1 MiB)",
    "kinesis:UpdateStreamWarmThroughput": "no warm throughput on the stream",
    "dynamodb:*Replica*": "no global table",
    "dynamodb:*Import*": "no import from S3",
    "dynamodb:*KinesisStreamingDestination": "no Kinesis streaming destination",
    "dynamodb:*ResourcePolicy": "no table resource policy",
    "dynamodb:UpdateContributorInsights": "contributor insights are not set",
    "dynamodb:*Item": "no items written at import",
    "dynamodb:Query": "no import",
    "dynamodb:Scan": "no import",
    "logs:*DataProtectionPolicy": "no data protection policy",
    "logs:*IndexPolicy": "no field index policy",
    "logs:*ResourcePolicy": "no log resource policy",
    "logs:CreateLogDelivery": "no vended log delivery",
    "logs:PutBearerTokenAuthentication": "no bearer token authentication",
    "logs:PutLogGroupDeletionProtection": "no deletion protection on log groups",
    "logs:CreateLogStream": "no import",
    "logs:DescribeLogStreams": "no import",
    "logs:PutLogEvents": "no import",
    "s3:REST.PUT.OBJECT": "not an IAM action (log delivery to S3)",
    "s3:GetObjectMetadata": "no import",
    "s3:getObject": "the API's definition is inline, not in S3",
    "sns:PutDataProtectionPolicy": "no data protection policy",
    "codedeploy:RegisterOnPremisesInstance": "Lambda deployments only",
    "apigateway:TagResource": "not an IAM action (cfn-lint W3037): tags are PUT/DELETE on /tags",
    "apigateway:UntagResource": "not an IAM action (cfn-lint W3037): tags are PUT/DELETE on /tags",
    "kms:ListAliases": "no table replica",
    "kms:RevokeGrant": "no table replica",
}
# Granted only where the stack uses them: a customer managed key, a VPC, the bucket features.
ONLY_WITH = {"kms:*": "kms_key", "ec2:*": "vpc"}
# Bucket configurations the uploads bucket does not set (it sets encryption, versioning, public
# access block, ownership, lifecycle, notifications, tags and its policy).
UNUSED_BUCKET_FEATURES = (
    "s3:*Website", "s3:*Cors", "s3:*CORS", "s3:*Replication*", "s3:*Analytics*",
    "s3:*Metrics*", "s3:*Inventory*", "s3:*IntelligentTiering*", "s3:*ObjectLock*",
    "s3:*Metadata*", "s3:*Abac", "s3:PutBucketAcl", "s3:PutObjectAcl", "s3:PutAccelerate*",
    "s3:PutBucketLogging", "s3:DeleteObject", "s3:*TagsForResource", "s3:TagResource",
    "s3:UntagResource", "s3:DeleteBucket*", "s3:GetObjectVersion", "iam:PassRole",
    "sns:*", "iam:GetRole",
)  # fmt: skip


def handler_permissions(types: set[str]) -> dict[str, list[str]]:
    script = Path(__file__).with_name("handler_permissions.py")
    result = run([str(tool_bin("sam") / "python"), str(script), *sorted(types)], Path.cwd())
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@by_name
def test_the_execution_role_can_make_what_the_stack_declares(bake: Bake, combination: Combination):
    """Every action CloudFormation's handlers call for the stack's resource types is granted."""
    project = bake(combination)
    answers = answers_of(project)
    template = deployments(project)["default"].template
    types = {resource["Type"] for resource in template["Resources"].values()}
    statements = role_statements(bootstrap(project), "CloudFormationExecutionRole")
    granted = [a for s in statements for a in _as_list(s["Action"])]

    def unused(resource_type: str, action: str) -> bool:
        patterns = list(UNUSED_FEATURES)
        patterns += [p for p, answer in ONLY_WITH.items() if answers[answer] in {False, "no"}]
        if resource_type in {"AWS::S3::Bucket", "AWS::SNS::Topic", "AWS::SNS::Subscription"}:
            patterns += [p for p in UNUSED_BUCKET_FEATURES if p.startswith(("s3:", "iam:"))]
        if resource_type == "AWS::Events::Rule":
            patterns.append("iam:PassRole")  # the rule has no role of its own
        if resource_type == "AWS::DynamoDB::Table":
            patterns.append("s3:ListBucket")  # no import from S3
            patterns.append("kinesis:*")  # no Kinesis streaming destination on a table
        return any(_glob(pattern, action) for pattern in patterns)

    missing = {
        resource_type: sorted(
            action
            for action in actions
            if not unused(resource_type, action) and not any(_glob(g, action) for g in granted)
        )
        for resource_type, actions in handler_permissions(types).items()
    }
    assert {t: a for t, a in missing.items() if a} == {}


def _glob(pattern: str, action: str) -> bool:
    return allowed([{"Effect": "Allow", "Action": pattern, "Resource": "*"}], Request(action, "*"))


@pytest.mark.parametrize("name", ["sqs-no-store-no-alarms-data-processing"])
def test_without_github_actions_the_bootstrap_has_no_github_role(bake: Bake, name: str):
    resources = load_template(bake(named(name)) / "deploy" / "bootstrap.yaml")["Resources"]
    assert "PipelineRole" not in resources
    assert "GitHubOidcProvider" not in resources
    assert "CloudFormationExecutionRole" in resources


@pytest.mark.parametrize(
    ("combination", "group"),
    [("api-with-worker", "worker"), ("api-with-change-consumer-secretsmanager", "changes")],
)
def test_the_api_smoke_test_may_read_the_log_group_of_the_function_it_follows(
    bake: Bake, combination: str, group: str
):
    """The API's smoke test waits for the worker (or the consumer) to log its work."""
    project = bake(named(combination))
    dev = role_statements(bootstrap(project, "dev"), "PipelineRole")
    own = arn("logs", f"log-group:/aws/lambda/orders-service-dev/{group}:log-stream:x")
    assert allowed(dev, Request("logs:FilterLogEvents", own))
    other = own.replace("orders-service-dev", "another-service-dev")
    assert not allowed(dev, Request("logs:FilterLogEvents", other))
    prod = own.replace("-dev/", "-prod/")
    assert not allowed(dev, Request("logs:FilterLogEvents", prod))
    maintenance = own.replace(f"/{group}:", "/maintenance:")
    assert not allowed(dev, Request("logs:FilterLogEvents", maintenance))
