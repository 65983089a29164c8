{%- set profile = cookiecutter._workload_profiles[cookiecutter.workload] -%}
"""Find the memory size to run at with AWS Lambda Power Tuning: `make tune`.

Reads the deployed stack's FunctionArn, deploys the tuner (tuning/power-tuning.yaml,
from the Serverless Application Repository, allowed to touch this function only),
writes the tuning input (tuning/input.json: the workload's memory range, a sample
event as payload, the {{ cookiecutter.tuning_strategy }} strategy), runs it, waits and prints the
recommendation. Invocations are real: the payload's side effects happen
INVOCATIONS_PER_POWER times for each memory size.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import time
import tomllib
from pathlib import Path
from typing import Any

import boto3

PROJECT_DIR = Path(__file__).resolve().parents[1]
INPUT_FILE = PROJECT_DIR / "tuning" / "input.json"
POWER_VALUES = {{ profile.power_values | tojson }}
STRATEGY = "{{ cookiecutter.tuning_strategy }}"
INVOCATIONS_PER_POWER = 20
POLL_SECONDS = 5


class TuningError(RuntimeError):
    """The tuning could not run or did not succeed."""


def stack_settings(config_env: str) -> tuple[str, str]:
    """Stack name and region of a samconfig.toml environment."""
    config = tomllib.loads((PROJECT_DIR / "samconfig.toml").read_text())
    parameters = config[config_env]["global"]["parameters"]
    return parameters["stack_name"], parameters["region"]


def stack_output(cloudformation: Any, stack_name: str, key: str) -> str:
    (stack,) = cloudformation.describe_stacks(StackName=stack_name)["Stacks"]
    outputs = {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}
    if key not in outputs:
        raise TuningError(f"stack {stack_name} has no output {key}")
    return outputs[key]


def deploy_tuner(stack_name: str, region: str, function_arn: str) -> None:
    """Deploy (or update) the Power Tuning stack, allowed to touch this function only."""
    subprocess.run(  # noqa: S603 - fixed arguments, values from this project's own stack
        [  # noqa: S607 - the SAM CLI on PATH, as every make target uses it
            "sam", "deploy",
            "--template-file", str(PROJECT_DIR / "tuning" / "power-tuning.yaml"),
            "--stack-name", stack_name,
            "--region", region,
            "--capabilities", "CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND",
            "--parameter-overrides", f"FunctionArn={function_arn}",
            "--no-confirm-changeset", "--no-fail-on-empty-changeset",
        ],
        check=True,
    )  # fmt: skip


def tuning_input(function_arn: str, event_file: Path) -> dict[str, Any]:
    """The state machine's input, as documented by AWS Lambda Power Tuning."""
    return {
        "lambdaARN": function_arn,
        "powerValues": POWER_VALUES,
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


def main(argv: list[str] | None = None, session: Any = None, deploy: Any = deploy_tuner) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config-env", default="default", help="samconfig.toml environment")
    parser.add_argument("--event", type=Path, required=True, help="sample event used as payload")
    args = parser.parse_args(argv)
    stack_name, region = stack_settings(args.config_env)
    session = session or boto3.session.Session(region_name=region)
    cloudformation = session.client("cloudformation")

    function_arn = stack_output(cloudformation, stack_name, "FunctionArn")
    tuner_stack = f"{stack_name}-power-tuning"
    deploy(tuner_stack, region, function_arn)
    state_machine = stack_output(cloudformation, tuner_stack, "StateMachineARN")
    payload = tuning_input(function_arn, args.event)
    INPUT_FILE.write_text(json.dumps(payload, indent=2) + "\n")
    result = run(session.client("stepfunctions"), state_machine, payload)
    print(f"Recommended memory: {result['power']} MB ({STRATEGY})")
    print(f"Cost per invocation: ${result['cost']:.10f}; average duration {result['duration']} ms")
    print(f"Chart: {result['stateMachine']['visualization']}")


if __name__ == "__main__":
    main()
