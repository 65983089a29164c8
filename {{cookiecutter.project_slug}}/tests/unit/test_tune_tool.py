{%- set functions = [cookiecutter] + extra_functions_of(cookiecutter) -%}
"""`make tune`: the tuner's deploy command, the tuning input and run, against stubbed AWS APIs."""

from __future__ import annotations

import json
{%- if functions | length > 1 %}
import re
{%- endif %}
import subprocess
import sys
from pathlib import Path
from typing import Any

import boto3
import pytest
from botocore.stub import Stubber

from tools import tune

EVENT = Path(tune.PROJECT_DIR) / "events" / "{{ features(cookiecutter).sample_event }}"
STACK, REGION = tune.stack_settings("default")
TUNER_STACK = f"{STACK}-{{ "Function-" if functions | length > 1 }}power-tuning"
FUNCTION_ARN = f"arn:aws:lambda:{REGION}:123456789012:function:{STACK}-Function-AbC"
STATE_MACHINE = f"arn:aws:states:{REGION}:123456789012:stateMachine:powerTuningStateMachine-x"
EXECUTION = f"arn:aws:states:{REGION}:123456789012:execution:powerTuningStateMachine-x:1"
LOG_GROUP = f"/aws/lambda/{STACK}/function"
JSON_LOGS = {
    "LogFormat": "JSON",
    "ApplicationLogLevel": "DEBUG",
    "SystemLogLevel": "INFO",
    "LogGroup": LOG_GROUP,
}
TEXT_LOGS = {"LogFormat": "Text", "LogGroup": LOG_GROUP}
# The state machine's input, as AWS Lambda Power Tuning documents it.
TUNING_INPUT = {
    "lambdaARN": FUNCTION_ARN,
    "powerValues": {{ cookiecutter._workload_profiles[cookiecutter.workload].power_values | tojson }},
    "num": 20,
    "payload": json.loads(EVENT.read_text()),
    "parallelInvocation": False,
    "strategy": "{{ cookiecutter.tuning_strategy }}",
}
RESULT = {
    "power": 512,
    "cost": 0.0000021,
    "duration": 38.5,
    "stateMachine": {"visualization": "https://lambda-power-tuning.show/#abc"},
}


class JsonText:
    """Equal to any JSON text that decodes to ``value``: an expected parameter for Stubber."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, str) and json.loads(other) == self.value

    __hash__ = None  # compared, never hashed

    def __repr__(self) -> str:
        return f"JsonText({self.value!r})"


def stack(name: str, key: str, value: str) -> dict[str, Any]:
    return {
        "Stacks": [
            {
                "StackName": name,
                "CreationTime": "2026-12-04T10:15:30Z",
                "StackStatus": "CREATE_COMPLETE",
                "Outputs": [{"OutputKey": key, "OutputValue": value}],
            }
        ]
    }


def execution(status: str, **extra: str) -> dict[str, Any]:
    return {
        "executionArn": EXECUTION,
        "stateMachineArn": STATE_MACHINE,
        "status": status,
        "startDate": "2026-12-04T10:15:30Z",
        **extra,
    }


def expect_logging_update(stub: Stubber, logging: dict[str, str]) -> None:
    """One UpdateFunctionConfiguration of the logging, then the waiter's GetFunction."""
    stub.add_response(
        "update_function_configuration",
        {"FunctionArn": FUNCTION_ARN, "LoggingConfig": logging},
        {"FunctionName": FUNCTION_ARN, "LoggingConfig": logging},
    )
    stub.add_response(
        "get_function",
        {"Configuration": {"FunctionArn": FUNCTION_ARN, "LastUpdateStatus": "Successful"}},
        {"FunctionName": FUNCTION_ARN},
    )


@pytest.fixture
def sam_commands(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The commands `make tune` runs (sam deploy), recorded instead of run."""
    commands: list[list[str]] = []

    def record(command: list[str], check: bool) -> subprocess.CompletedProcess[str]:
        assert check is True
        commands.append(command)
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(tune.subprocess, "run", record)
    return commands


@pytest.fixture
def aws(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    """A session whose CloudFormation, Step Functions and Lambda clients are stubbed."""
    monkeypatch.setattr(tune, "INPUT_FILE", tmp_path / "input.json")
    monkeypatch.setattr(tune, "POLL_SECONDS", 0)
    session = boto3.session.Session(region_name=REGION)
    clients = {name: session.client(name) for name in ("cloudformation", "stepfunctions", "lambda")}
    stubs = {name: Stubber(client) for name, client in clients.items()}
    monkeypatch.setattr(session, "client", lambda name, **_kwargs: clients[name])
    for stub in stubs.values():
        stub.activate()
    stubs["cloudformation"].add_response(
        "describe_stacks", stack(STACK, "FunctionArn", FUNCTION_ARN), {"StackName": STACK}
    )
    stubs["cloudformation"].add_response(
        "describe_stacks",
        stack(TUNER_STACK, "StateMachineARN", STATE_MACHINE),
        {"StackName": TUNER_STACK},
    )
    yield session, stubs
    for stub in stubs.values():
        stub.assert_no_pending_responses()
        stub.deactivate()


def expect_tuning(stubs: dict[str, Stubber], outcome: dict[str, Any]) -> None:
    lambda_stub, sfn = stubs["lambda"], stubs["stepfunctions"]
    lambda_stub.add_response(
        "get_function_configuration",
        {"FunctionArn": FUNCTION_ARN, "LoggingConfig": JSON_LOGS},
        {"FunctionName": FUNCTION_ARN},
    )
    expect_logging_update(lambda_stub, TEXT_LOGS)
    sfn.add_response(
        "start_execution",
        {"executionArn": EXECUTION, "startDate": "2026-12-04T10:15:30Z"},
        {"stateMachineArn": STATE_MACHINE, "input": JsonText(TUNING_INPUT)},
    )
    sfn.add_response("describe_execution", execution("RUNNING"), {"executionArn": EXECUTION})
    sfn.add_response("describe_execution", outcome, {"executionArn": EXECUTION})
    expect_logging_update(lambda_stub, JSON_LOGS)


def test_tuning_deploys_the_tuner_and_runs_the_workload_range(aws, sam_commands, capsys):
    session, stubs = aws
    expect_tuning(stubs, execution("SUCCEEDED", output=json.dumps(RESULT)))
    assert tune.main(["--event", str(EVENT)], session=session) == 0
    (command,) = sam_commands
    tuner_template = Path(tune.PROJECT_DIR) / "tuning" / "power-tuning.yaml"
    assert command == [
        "sam", "deploy",
        "--template-file", str(tuner_template),
        "--stack-name", TUNER_STACK,
        "--region", REGION,
        "--capabilities", "CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND",
        "--parameter-overrides", f"FunctionArn={FUNCTION_ARN}",
        "--no-confirm-changeset", "--no-fail-on-empty-changeset",
    ]  # fmt: skip
    assert json.loads(tune.INPUT_FILE.read_text()) == TUNING_INPUT
    out = capsys.readouterr().out
    assert "Recommended memory: 512 MB ({{ cookiecutter.tuning_strategy }})" in out
    assert RESULT["stateMachine"]["visualization"] in out


def test_a_failed_tuning_restores_the_json_logs_and_says_so(aws, sam_commands, capsys):
    session, stubs = aws
    expect_tuning(stubs, execution("FAILED"))
    assert tune.main(["--event", str(EVENT)], session=session) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line == f"make tune: tuning ended FAILED: {EXECUTION}"


def test_a_missing_stack_is_one_line(monkeypatch, capsys):
    session = boto3.session.Session(region_name=REGION)
    cloudformation = session.client("cloudformation")
    monkeypatch.setattr(session, "client", lambda _name, **_kwargs: cloudformation)
    with Stubber(cloudformation) as stub:
        stub.add_client_error(
            "describe_stacks",
            service_error_code="ValidationError",
            service_message=f"Stack with id {STACK} does not exist",
        )
        assert tune.main(["--event", str(EVENT)], session=session) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line == f"make tune: stack {STACK} does not exist: deploy it first"


def test_without_credentials_make_tune_prints_one_line_and_no_traceback(tmp_path):
    """The real command, as `make tune` runs it, in a shell with no AWS credentials at all."""
    environment = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "AWS_CONFIG_FILE": str(tmp_path / "none"),
        "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "none"),
        "AWS_EC2_METADATA_DISABLED": "true",
    }
    result = subprocess.run(  # noqa: S603 - this interpreter and the project's own tool
        [sys.executable, "-m", "tools.tune", "--event", str(EVENT)],
        cwd=tune.PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "make tune: no AWS credentials: configure a profile or sign in"
    ]


def test_without_the_sam_cli_make_tune_says_so(monkeypatch):
    def missing(command: list[str], check: bool) -> None:
        raise FileNotFoundError(command[0])

    monkeypatch.setattr(tune.subprocess, "run", missing)
    with pytest.raises(tune.TuningError, match=r"^the AWS SAM CLI \(sam\) is not on PATH"):
        tune.deploy_tuner(TUNER_STACK, REGION, FUNCTION_ARN)
{%- if functions | length > 1 %}


# Each function `make tune FUNCTION=...` tunes, by logical id: the memory sizes of its
# workload profile and its own sample event.
FUNCTIONS = {
{%- for fn in functions %}
    "{{ features(fn).prefix }}Function": (
        {{ fn._workload_profiles[fn.workload].power_values | tojson }},
        "{{ features(fn).sample_event }}",
    ),
{%- endfor %}
}


@pytest.mark.parametrize("function", FUNCTIONS)
def test_each_function_is_tuned_with_its_own_arn_range_event_and_tuner(
    function, monkeypatch, tmp_path, sam_commands
):
    """The stack's outputs name every function's ARN: the chosen one's is tuned, alone."""
    power_values, event = FUNCTIONS[function]
    arns = {
        name: f"arn:aws:lambda:{REGION}:123456789012:function:{STACK}-{name}-AbC"
        for name in FUNCTIONS
    }
    tuner_stack = f"{STACK}-{function}-power-tuning"
    monkeypatch.setattr(tune, "INPUT_FILE", tmp_path / "input.json")
    monkeypatch.setattr(tune, "POLL_SECONDS", 0)
    session = boto3.session.Session(region_name=REGION)
    clients = {name: session.client(name) for name in ("cloudformation", "stepfunctions", "lambda")}
    monkeypatch.setattr(session, "client", lambda name, **_kwargs: clients[name])
    stubs = {name: Stubber(client) for name, client in clients.items()}
    application = stack(STACK, "FunctionArn", arns["Function"])
    application["Stacks"][0]["Outputs"] = [
        {"OutputKey": f"{name}Arn", "OutputValue": arn} for name, arn in arns.items()
    ]
    stubs["cloudformation"].add_response("describe_stacks", application, {"StackName": STACK})
    stubs["cloudformation"].add_response(
        "describe_stacks",
        stack(tuner_stack, "StateMachineARN", STATE_MACHINE),
        {"StackName": tuner_stack},
    )
    stubs["lambda"].add_response(
        "get_function_configuration",
        {"FunctionArn": arns[function], "LoggingConfig": TEXT_LOGS},
        {"FunctionName": arns[function]},
    )
    tuning_input = TUNING_INPUT | {
        "lambdaARN": arns[function],
        "powerValues": power_values,
        "payload": json.loads((EVENT.parent / event).read_text()),
    }
    stubs["stepfunctions"].add_response(
        "start_execution",
        {"executionArn": EXECUTION, "startDate": "2026-12-04T10:15:30Z"},
        {"stateMachineArn": STATE_MACHINE, "input": JsonText(tuning_input)},
    )
    stubs["stepfunctions"].add_response(
        "describe_execution",
        execution("SUCCEEDED", output=json.dumps(RESULT)),
        {"executionArn": EXECUTION},
    )
    for stub in stubs.values():
        stub.activate()
    assert tune.main(["--function", function], session=session) == 0
    for stub in stubs.values():
        stub.assert_no_pending_responses()
    (command,) = sam_commands
    assert command[command.index("--stack-name") + 1] == tuner_stack
    assert command[command.index("--parameter-overrides") + 1] == f"FunctionArn={arns[function]}"
    assert json.loads(tune.INPUT_FILE.read_text()) == tuning_input


def test_no_two_functions_or_environments_share_a_tuner_stack():
    environments = ("default", "prod")
    stacks = {
        tune.tuner_stack_name(tune.stack_settings(environment)[0], function)
        for environment in environments
        for function in FUNCTIONS
    }
    assert len(stacks) == len(environments) * len(FUNCTIONS)
    # CloudFormation's rule for stack names.
    assert all(re.fullmatch(r"[A-Za-z][A-Za-z0-9-]{0,127}", name) for name in stacks), stacks


def test_an_unknown_function_is_refused_naming_the_known_ones(capsys):
    assert tune.main(["--function", "NoSuchFunction"]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    known = ", ".join(FUNCTIONS)
    refusal = f"the stack has no function 'NoSuchFunction'; FUNCTION is one of {known}"
    assert line == f"make tune: {refusal}"
{%- endif %}
