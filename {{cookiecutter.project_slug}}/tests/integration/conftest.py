"""What the smoke tests need of a deployed stack: where it is, its outputs, its function's logs.

`make test-integration ENV=...` runs them against the stack of that samconfig.toml
environment (SAM_CONFIG_ENV) with your AWS credentials; CI runs them against dev right
after deploying it, with the dev deploy role. Each trigger brings its own test, which
sends the function real work the way its trigger would and waits for the result.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from typing import Any

import boto3
import pytest
from botocore.exceptions import BotoCoreError, ClientError

from tools.samconfig import Environment, environment

WAIT_SECONDS = 180
POLL_SECONDS = 5


@pytest.fixture(scope="session")
def deployed() -> Environment:
    """The samconfig.toml environment under test (SAM_CONFIG_ENV, default dev)."""
    return environment(os.environ.get("SAM_CONFIG_ENV", "default"))


@pytest.fixture(scope="session")
def aws(deployed: Environment) -> Any:
    return boto3.session.Session(region_name=deployed.region)


@pytest.fixture(scope="session")
def stack_outputs(deployed: Environment, aws: Any) -> dict[str, str]:
    """The deployed stack's outputs, by key."""
    try:
        response = aws.client("cloudformation").describe_stacks(StackName=deployed.stack_name)
    except (BotoCoreError, ClientError) as error:
        pytest.fail(f"cannot read the stack {deployed.stack_name} in {deployed.region}: {error}")
    (stack,) = response["Stacks"]
    return {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}


@pytest.fixture(scope="session")
def wait_for_log(deployed: Environment, aws: Any) -> Callable[..., dict[str, Any]]:
{%- if extra_functions_of(cookiecutter) %}
    """Wait until a function logs ``message`` with the given fields; return that record.

    ``group`` is the last part of the function's log group: ``function`` for the main
    function, an extra function's module (``{{ extra_functions_of(cookiecutter)[0]._function.module }}``) for it.
    """
    logs = aws.client("logs")

    def wait(message: str, since: float, group: str = "function", **fields: str) -> dict[str, Any]:
        group = f"/aws/lambda/{deployed.stack_name}/{group}"
{%- else %}
    """Wait until the function logs ``message`` with the given fields; return that record."""
    logs = aws.client("logs")
    group = f"/aws/lambda/{deployed.stack_name}/function"

    def wait(message: str, since: float, **fields: str) -> dict[str, Any]:
{%- endif %}
        terms = [f'$.message = "{message}"', *(f'$.{k} = "{v}"' for k, v in fields.items())]
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            events = logs.filter_log_events(
                logGroupName=group,
                startTime=int(since * 1000),
                filterPattern="{ " + " && ".join(terms) + " }",
            )["events"]
            if events:
                return json.loads(events[0]["message"])
            time.sleep(POLL_SECONDS)
        pytest.fail(
            f"{group} has no {message!r} record with {fields} after {WAIT_SECONDS} s: "
            "see the function's logs and its failure queue"
        )

    return wait
