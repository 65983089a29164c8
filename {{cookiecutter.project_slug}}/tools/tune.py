{%- set profile = cookiecutter._workload_profiles[cookiecutter.workload] -%}
{%- set functions = [cookiecutter] + extra_functions_of(cookiecutter) -%}
{%- if functions | length > 1 -%}
"""Find the memory size to run at with AWS Lambda Power Tuning: `make tune FUNCTION=...`.

Tunes one function of the stack, picked by its logical id (--function; FUNCTIONS below).
Reads the deployed stack's output of its ARN (<logical id>Arn), deploys its own tuner
(tuning/power-tuning.yaml, from the Serverless Application Repository, as the stack
<stack>-<logical id>-power-tuning, allowed to touch that function only), writes the
tuning input (tuning/input.json: the memory range of the function's workload, its sample
event as payload unless --event names another, the {{ cookiecutter.tuning_strategy }} strategy), runs it, waits
and prints the recommendation. Invocations are real: the payload's side effects happen
INVOCATIONS_PER_POWER times for each memory size.
{%- else -%}
"""Find the memory size to run at with AWS Lambda Power Tuning: `make tune`.

Reads the deployed stack's FunctionArn, deploys the tuner (tuning/power-tuning.yaml,
from the Serverless Application Repository, allowed to touch this function only),
writes the tuning input (tuning/input.json: the workload's memory range, a sample
event as payload, the {{ cookiecutter.tuning_strategy }} strategy), runs it, waits and prints the
recommendation. Invocations are real: the payload's side effects happen
INVOCATIONS_PER_POWER times for each memory size.
{%- endif %}

Power Tuning 4.4.0 reads each invocation's duration from the log tail Lambda
returns, and its reader of JSON-format logs fails on every invocation (upstream
issue 305). For the run, the function's $LATEST is switched to Text logs, which
Power Tuning reads correctly, and its logging configuration is restored
afterwards, whether the tuning succeeds, fails or is interrupted.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import boto3
from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

PROJECT_DIR = Path(__file__).resolve().parents[1]
INPUT_FILE = PROJECT_DIR / "tuning" / "input.json"
{%- if functions | length > 1 %}
# The functions `make tune` can tune, by logical id: the memory sizes of their workload
# profile and the sample event (in events/) sent as payload unless --event names another.
FUNCTIONS: dict[str, dict[str, Any]] = {
{%- for fn in functions %}
    "{{ features(fn).prefix }}Function": {
        "power_values": {{ fn._workload_profiles[fn.workload].power_values | tojson }},
        "event": "{{ features(fn).sample_event }}",
    },
{%- endfor %}
}
{%- else %}
POWER_VALUES = {{ profile.power_values | tojson }}
{%- endif %}
STRATEGY = "{{ cookiecutter.tuning_strategy }}"
INVOCATIONS_PER_POWER = 20
POLL_SECONDS = 5


class TuningError(RuntimeError):
    """The tuning could not run or did not succeed."""


def stack_settings(config_env: str) -> tuple[str, str]:
    """Stack name and region of a samconfig.toml environment."""
    config = tomllib.loads((PROJECT_DIR / "samconfig.toml").read_text())
    if config_env not in config:
        raise TuningError(f"samconfig.toml has no environment {config_env!r}")
    parameters = config[config_env]["global"]["parameters"]
    return parameters["stack_name"], parameters["region"]


def stack_output(cloudformation: Any, stack_name: str, key: str) -> str:
    try:
        (stack,) = cloudformation.describe_stacks(StackName=stack_name)["Stacks"]
    except ClientError as error:
        if "does not exist" in str(error):
            raise TuningError(f"stack {stack_name} does not exist: deploy it first") from None
        raise
    outputs = {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}
    if key not in outputs:
        raise TuningError(f"stack {stack_name} has no output {key}")
    return outputs[key]


def deploy_tuner(stack_name: str, region: str, function_arn: str) -> None:
    """Deploy (or update) the Power Tuning stack, allowed to touch this function only."""
    command = [
        "sam", "deploy",
        "--template-file", str(PROJECT_DIR / "tuning" / "power-tuning.yaml"),
        "--stack-name", stack_name,
        "--region", region,
        "--capabilities", "CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND",
        "--parameter-overrides", f"FunctionArn={function_arn}",
        "--no-confirm-changeset", "--no-fail-on-empty-changeset",
    ]  # fmt: skip
    try:
        # Fixed arguments, values from this project's own stack; the SAM CLI on PATH.
        subprocess.run(command, check=True)  # noqa: S603
    except FileNotFoundError:
        raise TuningError("the AWS SAM CLI (sam) is not on PATH: install it first") from None
    except subprocess.CalledProcessError as error:
        failure = f"deploying {stack_name} failed (sam exited {error.returncode})"
        raise TuningError(failure) from None


@contextmanager
def text_logs(lambda_client: Any, function_arn: str) -> Iterator[None]:
    """Run the body with the function's $LATEST logging in Text format, then restore it."""
    original = lambda_client.get_function_configuration(FunctionName=function_arn)["LoggingConfig"]
    if original.get("LogFormat") != "JSON":
        yield
        return
    text = {"LogFormat": "Text", "LogGroup": original["LogGroup"]}
    _update_logging(lambda_client, function_arn, text)
    try:
        yield
    finally:
        _update_logging(lambda_client, function_arn, original)


def _update_logging(lambda_client: Any, function_arn: str, logging: dict[str, str]) -> None:
    lambda_client.update_function_configuration(FunctionName=function_arn, LoggingConfig=logging)
    lambda_client.get_waiter("function_updated_v2").wait(
        FunctionName=function_arn, WaiterConfig={"Delay": POLL_SECONDS or 1, "MaxAttempts": 60}
    )
{%- if functions | length > 1 %}


def tuning_input(function_arn: str, event_file: Path, power_values: list[int]) -> dict[str, Any]:
    """The state machine's input, as documented by AWS Lambda Power Tuning."""
    return {
        "lambdaARN": function_arn,
        "powerValues": power_values,
{%- else %}


def tuning_input(function_arn: str, event_file: Path) -> dict[str, Any]:
    """The state machine's input, as documented by AWS Lambda Power Tuning."""
    return {
        "lambdaARN": function_arn,
        "powerValues": POWER_VALUES,
{%- endif %}
        "num": INVOCATIONS_PER_POWER,
        "payload": json.loads(event_file.read_text()),
        "parallelInvocation": False,
        "strategy": STRATEGY,
    }


def run(stepfunctions: Any, state_machine_arn: str, payload: dict[str, Any]) -> dict[str, Any]:
    """Start the tuning and wait for its result."""
    execution = stepfunctions.start_execution(
        stateMachineArn=state_machine_arn, input=json.dumps(payload)
    )["executionArn"]
    while True:
        described = stepfunctions.describe_execution(executionArn=execution)
        if described["status"] != "RUNNING":
            break
        time.sleep(POLL_SECONDS)
    if described["status"] != "SUCCEEDED":
        raise TuningError(f"tuning ended {described['status']}: {execution}")
    return json.loads(described["output"])
{%- if functions | length > 1 %}


def tuner_stack_name(stack_name: str, function: str) -> str:
    """The tuner's stack of one function of one environment's stack: none is shared."""
    return f"{stack_name}-{function}-power-tuning"


def tune(config_env: str, event_file: Path, session: Any, function: str) -> dict[str, Any]:
    """Deploy the function's tuner beside the stack of ``config_env``, run it, return the result."""
    stack_name, region = stack_settings(config_env)
    session = session or boto3.session.Session(region_name=region)
    cloudformation = session.client("cloudformation")
    function_arn = stack_output(cloudformation, stack_name, f"{function}Arn")
    tuner_stack = tuner_stack_name(stack_name, function)
    deploy_tuner(tuner_stack, region, function_arn)
    state_machine = stack_output(cloudformation, tuner_stack, "StateMachineARN")
    payload = tuning_input(function_arn, event_file, FUNCTIONS[function]["power_values"])
    INPUT_FILE.write_text(json.dumps(payload, indent=2) + "\n")
    with text_logs(session.client("lambda"), function_arn):
        return run(session.client("stepfunctions"), state_machine, payload)


def main(argv: list[str] | None = None, session: Any = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config-env", default="default", help="samconfig.toml environment")
    parser.add_argument("--function", default="Function", help="the function's logical id")
    parser.add_argument("--event", type=Path, help="payload (default: the function's own event)")
    args = parser.parse_args(argv)
    if args.function not in FUNCTIONS:
        known = ", ".join(FUNCTIONS)
        failure = f"the stack has no function {args.function!r}; FUNCTION is one of {known}"
        print(f"make tune: {failure}", file=sys.stderr)
        return 2
    event = args.event or PROJECT_DIR / "events" / FUNCTIONS[args.function]["event"]
    try:
        result = tune(args.config_env, event, session, args.function)
{%- else %}


def tune(config_env: str, event_file: Path, session: Any) -> dict[str, Any]:
    """Deploy the tuner next to the stack of ``config_env``, run it and return its result."""
    stack_name, region = stack_settings(config_env)
    session = session or boto3.session.Session(region_name=region)
    cloudformation = session.client("cloudformation")
    function_arn = stack_output(cloudformation, stack_name, "FunctionArn")
    tuner_stack = f"{stack_name}-power-tuning"
    deploy_tuner(tuner_stack, region, function_arn)
    state_machine = stack_output(cloudformation, tuner_stack, "StateMachineARN")
    payload = tuning_input(function_arn, event_file)
    INPUT_FILE.write_text(json.dumps(payload, indent=2) + "\n")
    with text_logs(session.client("lambda"), function_arn):
        return run(session.client("stepfunctions"), state_machine, payload)


def main(argv: list[str] | None = None, session: Any = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config-env", default="default", help="samconfig.toml environment")
    parser.add_argument("--event", type=Path, required=True, help="sample event used as payload")
    args = parser.parse_args(argv)
    try:
        result = tune(args.config_env, args.event, session)
{%- endif %}
    except TuningError as error:
        print(f"make tune: {error}", file=sys.stderr)
        return 1
    except NoCredentialsError:
        print("make tune: no AWS credentials: configure a profile or sign in", file=sys.stderr)
        return 1
    except (BotoCoreError, ClientError) as error:
        print(f"make tune: AWS refused or could not be reached: {error}", file=sys.stderr)
        return 1
    print(f"Recommended memory: {result['power']} MB ({STRATEGY})")
    print(f"Cost per invocation: ${result['cost']:.10f}; average duration {result['duration']} ms")
    print(f"Chart: {result['stateMachine']['visualization']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
