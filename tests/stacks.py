"""A baked project's stacks as CloudFormation receives them: SAM-transformed, per environment.

The transform runs in the SAM CLI's own virtualenv (it has samtranslator), once
per project and per set of environments; the parameter overrides come from the
project's samconfig.toml, as `sam deploy --config-env` would pass them.
"""

from __future__ import annotations

import functools
import json
import os
import shlex
import tomllib
from pathlib import Path
from typing import Any

from tests.conftest import run
from tests.deploy_checks import Stack
from tests.tools import tool_bin

TRANSFORM_SCRIPT = Path(__file__).with_name("sam_transform.py")


def parameter_overrides(text: str) -> dict[str, str]:
    """``Key=Value`` pairs as `sam deploy --parameter-overrides` reads them."""
    pairs = (item.split("=", 1) for item in shlex.split(text))
    return dict(pairs)


def environments(project: Path) -> dict[str, tuple[str, dict[str, str]]]:
    """samconfig.toml's environments: name -> (stack name, parameter overrides)."""
    config = tomllib.loads((project / "samconfig.toml").read_text())
    return {
        name: (
            settings["global"]["parameters"]["stack_name"],
            parameter_overrides(settings["deploy"]["parameters"].get("parameter_overrides", "")),
        )
        for name, settings in config.items()
        if isinstance(settings, dict) and "deploy" in settings
    }


def transform(project: Path, stacks: dict[str, dict[str, str]]) -> dict[str, dict[str, Any]]:
    """The SAM-transformed template of ``project`` for each stack name and its overrides."""
    python = tool_bin("sam") / "python"
    command = [str(python), str(TRANSFORM_SCRIPT), "template.yaml", json.dumps(stacks)]
    result = run(command, project, env=os.environ | {"AWS_DEFAULT_REGION": "us-east-1"})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@functools.cache
def deployments(project: Path) -> dict[str, Stack]:
    """Each samconfig.toml environment of ``project`` as the stack it would deploy."""
    stacks = environments(project)
    templates = transform(project, dict(stacks.values()))
    return {
        environment: Stack(stack_name, templates[stack_name], overrides)
        for environment, (stack_name, overrides) in stacks.items()
    }
