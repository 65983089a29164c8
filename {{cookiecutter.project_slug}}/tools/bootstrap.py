{%- set github = cookiecutter.ci == "github-actions" -%}
"""Create or update an environment's bootstrap stack: `make bootstrap ENV=...`.

Run once per account and environment by someone allowed to create IAM roles. It
deploys deploy/bootstrap.yaml as `<stack>-pipeline`: the artifact bucket{% if github %}, the role
CloudFormation deploys the service with, and the role GitHub Actions assumes from
this environment only (reusing the account's GitHub OIDC provider when there is
one). Then it prints what to set in the GitHub environment.{% else %} and the
role CloudFormation deploys the service with, which `make deploy` reads.{% endif %}
"""

from __future__ import annotations

import argparse
{%- if github %}
import re
{%- endif %}
import subprocess
import sys
from typing import Any

import boto3
from botocore.exceptions import BotoCoreError, ClientError

from tools.samconfig import (
    PROJECT_DIR,
    ConfigError,
    Environment,
    environment,
    format_overrides,
)

TEMPLATE = PROJECT_DIR / "deploy" / "bootstrap.yaml"
{%- if github %}
GITHUB_OIDC_HOST = "token.actions.githubusercontent.com"
# owner/name in an https or ssh remote URL of github.com.
GITHUB_REMOTE = re.compile(r"github\.com[:/]([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+?)(?:\.git)?/?$")
# The GitHub environment whose deploy job runs the smoke tests, so its role may send them.
SMOKE_TESTED = "dev"
{%- endif %}


class BootstrapError(RuntimeError):
    """The bootstrap cannot start: something it needs is missing."""
{%- if github %}


def repository_from_git() -> str:
    """owner/name of the `origin` remote, when it is on github.com."""
    result = subprocess.run(
        ["git", "remote", "get-url", "origin"],  # noqa: S607 - git on PATH, fixed arguments
        cwd=PROJECT_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    match = GITHUB_REMOTE.search(result.stdout.strip())
    if not match:
        raise BootstrapError(
            "no GitHub repository: set REPOSITORY=owner/name (the repository that deploys)"
        )
    return match[1]


def existing_oidc_provider(iam: Any) -> str:
    """The ARN of the account's GitHub OIDC provider, or "" when it has none yet."""
    for provider in iam.list_open_id_connect_providers()["OpenIDConnectProviderList"]:
        if provider["Arn"].endswith(f"oidc-provider/{GITHUB_OIDC_HOST}"):
            return provider["Arn"]
    return ""
{%- endif %}


def bootstrap_command(env: Environment{% if github %}, repository: str, provider_arn: str{% endif %}) -> list[str]:
    """The `sam deploy` command line of the bootstrap stack."""
    parameters = {"ServiceStackName": env.stack_name, "ArtifactPrefix": env.s3_prefix}
{%- if github %}
    parameters |= {
        "GitHubRepository": repository,
        "GitHubEnvironment": env.github_environment,
        "SmokeTests": "enabled" if env.github_environment == SMOKE_TESTED else "disabled",
    }
    if provider_arn:
        parameters["GitHubOidcProviderArn"] = provider_arn
{%- endif %}
    return [
        "sam", "deploy",
        "--template-file", str(TEMPLATE),
        "--stack-name", env.bootstrap_stack_name,
        "--region", env.region,
        "--capabilities", "CAPABILITY_IAM",
        "--parameter-overrides", format_overrides(parameters),
        "--no-fail-on-empty-changeset",
    ]  # fmt: skip


def outputs_of(cloudformation: Any, env: Environment) -> dict[str, str]:
    (stack,) = cloudformation.describe_stacks(StackName=env.bootstrap_stack_name)["Stacks"]
    return {o["OutputKey"]: o["OutputValue"] for o in stack.get("Outputs", [])}


def summary(outputs: dict[str, str], env: Environment) -> str:
    """What the bootstrap made{% if github %}, and what to set in the GitHub environment{% endif %}."""
{%- if github %}
    role = outputs["PipelineRoleArn"]
    return (
        f"Artifacts: s3://{outputs['ArtifactBucketName']}/{env.s3_prefix}/\n"
        f"In GitHub: Settings > Environments > {env.github_environment} > Environment variables:\n"
        f"  AWS_DEPLOY_ROLE_ARN = {role}\n"
        f"  AWS_ACCOUNT_ID      = {role.split(':')[4]}\n"
    )
{%- else %}
    return (
        f"Artifacts: s3://{outputs['ArtifactBucketName']}/{env.s3_prefix}/\n"
        f"CloudFormation deploys with {outputs['CloudFormationExecutionRoleArn']}\n"
    )
{%- endif %}


def main(argv: list[str] | None = None, session: Any = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config-env", default="default", help="samconfig.toml environment")
{%- if github %}
    parser.add_argument("--repository", default="", help="owner/name of the GitHub repository")
{%- endif %}
    args = parser.parse_args(argv)
    try:
        env = environment(args.config_env)
        session = session or boto3.session.Session(region_name=env.region)
{%- if github %}
        repository = args.repository or repository_from_git()
        provider = existing_oidc_provider(session.client("iam"))
        command = bootstrap_command(env, repository, provider)
{%- else %}
        command = bootstrap_command(env)
{%- endif %}
        # The SAM CLI on PATH; arguments from samconfig.toml and the caller.
        if subprocess.run(command, cwd=PROJECT_DIR, check=False).returncode:  # noqa: S603
            return 1
        print(summary(outputs_of(session.client("cloudformation"), env), env))
    except (ConfigError, BootstrapError, BotoCoreError, ClientError) as error:
        print(f"bootstrap: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
