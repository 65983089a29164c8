"""Deploy the built package to one environment: `make deploy ENV=prod PARAMS='AlarmEmail=...'`.

samconfig.toml names the environment's stack, region, artifact prefix and
parameter overrides. The environment's bootstrap stack (deploy/bootstrap.yaml,
`make bootstrap`) names the rest, which differs per account: the artifact bucket
and the role CloudFormation deploys with. Overrides given here are merged into
samconfig's key by key, the given value winning. The package deployed is the one
`sam build` left in .aws-sam/build, so CI deploys to every environment exactly
what its check job built.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from typing import Any

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from tools.samconfig import (
    BUILT_TEMPLATE,
    PROJECT_DIR,
    ConfigError,
    Environment,
    environment,
    format_overrides,
    merge_overrides,
    parse_overrides,
)

# The bootstrap stack's outputs a deploy reads.
ARTIFACT_BUCKET = "ArtifactBucketName"
EXECUTION_ROLE = "CloudFormationExecutionRoleArn"


class DeployError(RuntimeError):
    """The deploy cannot start: something it needs is missing."""


def bootstrap_outputs(cloudformation: Any, env: Environment) -> dict[str, str]:
    """The outputs of the environment's bootstrap stack, or a DeployError saying how to make it."""
    name = env.bootstrap_stack_name
    try:
        (stack,) = cloudformation.describe_stacks(StackName=name)["Stacks"]
    except ClientError as error:
        if "does not exist" not in str(error):
            raise
        raise DeployError(
            f"the bootstrap stack {name} does not exist in {env.region}: an administrator runs "
            f"`make bootstrap ENV={env.name}` once per account and environment (README, First "
            "deploy)"
        ) from None
    outputs = {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}
    missing = [key for key in (ARTIFACT_BUCKET, EXECUTION_ROLE) if key not in outputs]
    if missing:
        raise DeployError(f"the bootstrap stack {name} has no output {', '.join(missing)}")
    return outputs


def deploy_command(
    env: Environment, outputs: dict[str, str], overrides: dict[str, str], sam_args: list[str]
) -> list[str]:
    """The `sam deploy` command line for the built package."""
    merged = merge_overrides(env.parameter_overrides, overrides)
    return [
        "sam", "deploy",
        "--config-env", env.name,
        "--template-file", str(BUILT_TEMPLATE),
        "--s3-bucket", outputs[ARTIFACT_BUCKET],
        "--role-arn", outputs[EXECUTION_ROLE],
        "--parameter-overrides", format_overrides(merged),
        *sam_args,
    ]  # fmt: skip


def main(argv: list[str] | None = None, session: Any = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config-env", default="default", help="samconfig.toml environment")
    parser.add_argument(
        "--parameter-overrides",
        default="",
        help="Key=Value pairs merged into the environment's own (the given value wins)",
    )
    parser.add_argument("sam_args", nargs="*", help="further `sam deploy` options, after --")
    args = parser.parse_args(argv)
    try:
        env = environment(args.config_env)
        overrides = parse_overrides(args.parameter_overrides)
        if not BUILT_TEMPLATE.exists():
            raise DeployError("nothing is built: run `make build` (or download CI's build) first")
        session = session or boto3.session.Session(region_name=env.region)
        outputs = bootstrap_outputs(session.client("cloudformation"), env)
        command = deploy_command(env, outputs, overrides, args.sam_args)
    except (ConfigError, DeployError, BotoCoreError, ClientError) as error:
        print(f"deploy: {error}", file=sys.stderr)
        return 2
    # The SAM CLI on PATH, with arguments from samconfig.toml, the bootstrap stack and the caller.
    return subprocess.run(command, cwd=PROJECT_DIR, check=False).returncode  # noqa: S603


if __name__ == "__main__":
    sys.exit(main())
