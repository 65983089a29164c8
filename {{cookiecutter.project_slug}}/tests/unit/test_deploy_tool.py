{%- set github = cookiecutter.ci == "github-actions" -%}
"""`make deploy` and `make bootstrap`: the commands they run, against stubbed AWS APIs.

The expected parameter overrides are read from samconfig.toml itself, so the tests
follow its environments; the SAM CLI is recorded instead of run.
"""

from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from tools import bootstrap, deploy
from tools.samconfig import (
    SAMCONFIG,
    ConfigError,
    environment,
    format_overrides,
    parse_overrides,
)

CONFIG = tomllib.loads(SAMCONFIG.read_text())
PROD = environment("prod")
BUCKET = "orders-artifacts-0a1b2c3d"
EXECUTION_ROLE = "arn:aws:iam::123456789012:role/deploy-CloudFormationExecutionRole-AbC"
PIPELINE_ROLE = "arn:aws:iam::123456789012:role/deploy-PipelineRole-AbC"


def described(name: str, **outputs: str) -> dict[str, Any]:
    return {
        "Stacks": [
            {
                "StackName": name,
                "CreationTime": "2026-12-04T10:15:30Z",
                "StackStatus": "CREATE_COMPLETE",
                "Outputs": [{"OutputKey": k, "OutputValue": v} for k, v in outputs.items()],
            }
        ]
    }


@pytest.fixture
def sam_commands(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The SAM CLI commands run, recorded instead of run."""
    commands: list[list[str]] = []

    def record(command: list[str], **_: Any) -> subprocess.CompletedProcess[str]:
        commands.append(command)
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(subprocess, "run", record)
    return commands


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    template = tmp_path / "template.yaml"
    template.write_text("Resources: {}\n")
    monkeypatch.setattr(deploy, "BUILT_TEMPLATE", template)
    return template


def stubbed_cloudformation(*responses: tuple[str, Any]) -> tuple[Any, Stubber]:
    session = boto3.session.Session(region_name=PROD.region)
    client = session.client("cloudformation")
    stub = Stubber(client)
    for method, response in responses:
        if isinstance(response, Exception):
            stub.add_client_error(method, service_message=str(response))
        else:
            stub.add_response(method, response)
    stub.activate()
    return client, stub


class Session:
    """A session that hands out the stubbed clients."""

    def __init__(self, **clients: Any) -> None:
        self.clients = clients

    def client(self, name: str) -> Any:
        return self.clients[name]


def option(command: list[str], name: str) -> str:
    return command[command.index(name) + 1]


def test_overrides_round_trip_through_their_command_line_form():
    pairs = {"Stage": "prod", "AlarmEmail": "ops@example.com", "Note": 'say "hi" twice', "E": ""}
    assert parse_overrides(format_overrides(pairs)) == pairs


@pytest.mark.parametrize("item", ["AlarmEmail", "=ops@example.com", "Alarm-Email=x"])
def test_an_override_that_is_not_key_value_is_refused_by_name(item: str):
    with pytest.raises(ConfigError, match=f"parameter override '{item}' is not Key=Value"):
        parse_overrides(f"Stage=prod {item}")


def test_samconfig_environments_are_read_as_sam_reads_them():
    deploy_settings = CONFIG["prod"]["deploy"]["parameters"]
    assert PROD.stack_name == CONFIG["prod"]["global"]["parameters"]["stack_name"]
    assert PROD.s3_prefix == deploy_settings["s3_prefix"]
    assert PROD.parameter_overrides == parse_overrides(deploy_settings["parameter_overrides"])
    assert PROD.parameter_overrides["Stage"] == "prod"
    assert environment("default").github_environment == "dev"
    with pytest.raises(ConfigError, match="no environment 'staging'; it has default, prod"):
        environment("staging")


def test_a_deploy_merges_the_given_overrides_into_the_environments(
    sam_commands: list[list[str]], built: Path
):
    """`make deploy ENV=prod PARAMS=AlarmEmail=...` keeps Stage=prod; a given value wins."""
    outputs = {deploy.ARTIFACT_BUCKET: BUCKET, deploy.EXECUTION_ROLE: EXECUTION_ROLE}
    client, stub = stubbed_cloudformation(
        ("describe_stacks", described(PROD.bootstrap_stack_name, **outputs))
    )
    given = "AlarmEmail=ops@example.com LogLevel=DEBUG"
    code = deploy.main(
        ["--config-env", "prod", "--parameter-overrides", given, "--", "--no-confirm-changeset"],
        session=Session(cloudformation=client),
    )
    stub.assert_no_pending_responses()
    assert code == 0
    (command,) = sam_commands
    assert command[:2] == ["sam", "deploy"]
    overrides = parse_overrides(option(command, "--parameter-overrides"))
    expected = PROD.parameter_overrides | {"AlarmEmail": "ops@example.com", "LogLevel": "DEBUG"}
    assert overrides == expected
    assert overrides["Stage"] == "prod"
    assert option(command, "--config-env") == "prod"
    assert option(command, "--s3-bucket") == BUCKET
    assert option(command, "--role-arn") == EXECUTION_ROLE
    assert option(command, "--template-file") == str(built)
    assert command[-1] == "--no-confirm-changeset"


def test_a_deploy_before_the_bootstrap_says_how_to_make_it(
    sam_commands: list[list[str]], built: Path, capsys: pytest.CaptureFixture[str]
):
    client, _ = stubbed_cloudformation(
        ("describe_stacks", Exception(f"Stack with id {PROD.bootstrap_stack_name} does not exist"))
    )
    code = deploy.main(["--config-env", "prod"], session=Session(cloudformation=client))
    assert code == 2
    assert sam_commands == []
    assert "make bootstrap ENV=prod" in capsys.readouterr().err


def test_a_deploy_of_nothing_built_stops_before_calling_aws(
    sam_commands: list[list[str]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
):  # fmt: skip
    monkeypatch.setattr(deploy, "BUILT_TEMPLATE", tmp_path / "missing.yaml")
    assert deploy.main(["--config-env", "prod"], session=Session()) == 2
    assert sam_commands == []
    assert "nothing is built" in capsys.readouterr().err


def test_the_bootstrap_deploys_its_template_for_the_environment(sam_commands: list[list[str]]):
{%- if github %}
    existing = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"
    iam = boto3.session.Session(region_name=PROD.region).client("iam")
    iam_stub = Stubber(iam)
    iam_stub.add_response(
        "list_open_id_connect_providers", {"OpenIDConnectProviderList": [{"Arn": existing}]}
    )
    iam_stub.activate()
    outputs = {"ArtifactBucketName": BUCKET, "PipelineRoleArn": PIPELINE_ROLE}
    cloudformation, _ = stubbed_cloudformation(
        ("describe_stacks", described(PROD.bootstrap_stack_name, **outputs))
    )
    session = Session(cloudformation=cloudformation, iam=iam)
    arguments = ["--config-env", "prod", "--repository", "acme/orders-service"]
    assert bootstrap.main(arguments, session=session) == 0
{%- else %}
    outputs = {"ArtifactBucketName": BUCKET, "CloudFormationExecutionRoleArn": EXECUTION_ROLE}
    cloudformation, _ = stubbed_cloudformation(
        ("describe_stacks", described(PROD.bootstrap_stack_name, **outputs))
    )
    session = Session(cloudformation=cloudformation)
    assert bootstrap.main(["--config-env", "prod"], session=session) == 0
{%- endif %}
    (command,) = sam_commands
    assert option(command, "--template-file") == str(bootstrap.TEMPLATE)
    assert option(command, "--stack-name") == f"{PROD.stack_name}-pipeline"
    parameters = parse_overrides(option(command, "--parameter-overrides"))
    assert parameters["ServiceStackName"] == PROD.stack_name
    assert parameters["ArtifactPrefix"] == PROD.s3_prefix
{%- if github %}
    assert parameters["GitHubRepository"] == "acme/orders-service"
    assert parameters["GitHubEnvironment"] == "prod"
    assert parameters["GitHubOidcProviderArn"] == existing  # one provider per account
    assert parameters["SmokeTests"] == "disabled"  # the workflow smoke-tests dev only


@pytest.mark.parametrize(
    ("remote", "repository"),
    [
        ("https://github.com/acme/orders-service.git", "acme/orders-service"),
        ("git@github.com:acme/orders-service.git", "acme/orders-service"),
        ("https://github.com/acme/orders.service", "acme/orders.service"),
    ],
)
def test_the_repository_is_read_from_the_origin_remote(remote: str, repository: str):
    assert bootstrap.GITHUB_REMOTE.search(remote)[1] == repository


def test_without_a_github_remote_the_bootstrap_asks_for_the_repository(
    monkeypatch: pytest.MonkeyPatch,
):
    def no_remote(command: list[str], **_: Any) -> subprocess.CompletedProcess[str]:
        return subprocess.CompletedProcess(command, 2, stdout="", stderr="no such remote")

    monkeypatch.setattr(subprocess, "run", no_remote)
    with pytest.raises(bootstrap.BootstrapError, match="REPOSITORY=owner/name"):
        bootstrap.repository_from_git()
{%- endif %}
