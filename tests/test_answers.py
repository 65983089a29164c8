"""Answers reach the generated project, and bad answers are rejected before anything is written."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from lambda_starter.cfn_yaml import load_template
from tests.conftest import REPO_ROOT, assert_compiles, bake_project


def test_overrides_reach_template_and_samconfig(cookies):
    project = bake_project(
        cookies,
        {
            "project_name": "Billing Events",
            "aws_region": "eu-west-1",
            "python_runtime": "python3.12",
            "architecture": "x86_64",
            "memory_size": "512",
            "timeout": "20",
            "log_retention_days": "90",
            "owner_team": "payments",
            "alarm_email": "oncall@example.com",
        },
    )
    assert project.name == "billing-events"
    template = load_template(project / "template.yaml")
    function_globals = template["Globals"]["Function"]
    assert function_globals["MemorySize"] == 512
    assert function_globals["Timeout"] == 20
    assert function_globals["Runtime"] == "python3.12"
    assert function_globals["Architectures"] == ["x86_64"]
    assert function_globals["Tags"]["owner-team"] == "payments"
    assert template["Parameters"]["AlarmEmail"]["Default"] == "oncall@example.com"
    assert template["Parameters"]["PowertoolsLayerArn"]["Default"].startswith(
        "arn:aws:lambda:eu-west-1:017000801446:layer:AWSLambdaPowertoolsPythonV3-python312-x86_64:"
    )
    assert template["Resources"]["FunctionLogGroup"]["Properties"]["RetentionInDays"] == 90
    assert template["Resources"]["FunctionDurationAlarm"]["Properties"]["Threshold"] == 16000
    handler = template["Resources"]["Function"]["Properties"]["Handler"]
    assert handler == "billing_events.handler.lambda_handler"
    assert (project / "src" / "billing_events" / "handler.py").is_file()

    samconfig = tomllib.loads((project / "samconfig.toml").read_text())
    assert samconfig["default"]["global"]["parameters"]["region"] == "eu-west-1"
    assert samconfig["default"]["global"]["parameters"]["stack_name"] == "billing-events-dev"
    assert samconfig["prod"]["global"]["parameters"]["stack_name"] == "billing-events-prod"
    assert samconfig["default"]["validate"]["parameters"]["lint"] is True

    pyproject = tomllib.loads((project / "pyproject.toml").read_text())
    assert pyproject["project"]["requires-python"] == ">=3.12"
    assert pyproject["tool"]["ruff"]["target-version"] == "py312"


def test_free_text_is_rendered_literally_and_safely(cookies):
    """Quotes, backslashes and YAML/TOML syntax in free text stay text, never structure."""
    description = 'Orders """v2""": C:\\path\\ #1 - {key: value} & <b> \\"'
    project = bake_project(
        cookies, {"description": description, "author_name": 'O\'Brien "Ops" Team'}
    )
    template = load_template(project / "template.yaml")
    assert template["Description"] == description
    assert template["Resources"]["Function"]["Properties"]["Description"] == description
    pyproject = tomllib.loads((project / "pyproject.toml").read_text())
    assert pyproject["project"]["description"] == description
    assert pyproject["project"]["authors"][0]["name"] == 'O\'Brien "Ops" Team'
    assert_compiles(project)


REJECTIONS = [
    ("project_slug", "Orders_Service", "lowercase ASCII letters"),
    ("project_slug", "-orders", "starting with a letter"),
    ("project_slug", "orders--service", "single hyphens"),
    ("package_name", "class", "not a Python keyword"),
    ("package_name", "orders-service", "a Python package name"),
    ("package_name", "json", "does not shadow a standard-library"),
    ("aws_region", "us-middle-1", "one of af-south-1"),
    ("memory_size", "64", "from 128 to 10240"),
    ("memory_size", "10241", "from 128 to 10240"),
    ("memory_size", "lots", "a whole number of MB"),
    ("timeout", "0", "from 1 to 900"),
    ("timeout", "901", "from 1 to 900"),
    ("timeout", "30", "at most 29 seconds for a function behind API Gateway"),
    ("log_retention_days", "31", "one of the values CloudWatch Logs accepts"),
    ("author_email", "jane.example.com", "an e-mail address"),
    ("alarm_email", "oncall@", "an e-mail address such as team@example.com, or empty"),
    ("owner_team", "team;rm -rf", "a tag value"),
]


def generate(output_dir: Path, answers: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run the cookiecutter command line without prompts, as a user would."""
    overrides = [f"{name}={value}" for name, value in answers.items()]
    command = [sys.executable, "-m", "cookiecutter", "--no-input", str(REPO_ROOT)]
    return subprocess.run(
        [*command, "--output-dir", str(output_dir), *overrides],
        capture_output=True,
        text=True,
        check=False,
    )


def assert_rejected(result: subprocess.CompletedProcess[str], answer: str, value: str) -> str:
    """Check the run failed with one line about ``answer``; return what it says is allowed."""
    assert result.returncode == 1
    expected = f"ERROR: {answer}={value!r} is not allowed: "
    rejection = [line for line in result.stderr.splitlines() if line.startswith(expected)]
    assert len(rejection) == 1, result.stderr
    return rejection[0].removeprefix(expected)


@pytest.mark.parametrize(
    ("answer", "value", "allowed"),
    REJECTIONS,
    ids=[f"{answer}={value}" for answer, value, _ in REJECTIONS],
)
def test_bad_answer_is_rejected_with_a_clear_message(tmp_path: Path, answer, value, allowed):
    result = generate(tmp_path, {answer: value})
    assert allowed in assert_rejected(result, answer, value)
    assert list(tmp_path.iterdir()) == []


UNSUPPORTED = [
    (
        "api-without-table",
        {"data_store": "none"},
        "data_store",
        "dynamodb for the http-api trigger",
    ),
    (
        "snapstart-with-large-tmp",
        {"trigger": "sqs", "latency": "snapstart", "workload": "data-processing"},
        "latency",
        "SnapStart supports at most 512 MB of /tmp",
    ),
    (
        "jwt-without-issuer",
        {"api_auth": "jwt", "jwt_audience": "client"},
        "jwt_issuer",
        "https:// URL of the token issuer",
    ),
    (
        "eventbridge-aws-source",
        {"trigger": "eventbridge", "event_source": "aws.ec2"},
        "event_source",
        "the aws. prefix is reserved",
    ),
    (
        "api-long-timeout",
        {"workload": "data-processing", "timeout": "300"},
        "timeout",
        "at most 29 seconds",
    ),
]


@pytest.mark.parametrize(
    ("answers", "answer", "allowed"),
    [case[1:] for case in UNSUPPORTED],
    ids=[case[0] for case in UNSUPPORTED],
)
def test_unsupported_combination_is_rejected(tmp_path: Path, answers, answer, allowed):
    value = answers.get(answer, "")  # the issuer is missing: its default is empty
    result = generate(tmp_path, answers)
    assert allowed in assert_rejected(result, answer, value)
    assert list(tmp_path.iterdir()) == []


def test_answers_that_do_not_apply_are_ignored(tmp_path: Path):
    """A queue consumer ignores API-only answers, so their defaults never block it."""
    result = generate(tmp_path, {"trigger": "sqs", "api_auth": "jwt", "jwt_issuer": "junk"})
    assert result.returncode == 0, result.stderr
    assert [path.name for path in tmp_path.iterdir()] == ["orders-service"]


def test_a_rejected_answer_leaves_nothing_in_the_temporary_folder(tmp_path: Path):
    """cookiecutter renders each hook into TMPDIR; the hooks delete their copy, answers and all."""
    private_tmp, output_dir = tmp_path / "tmp", tmp_path / "out"
    private_tmp.mkdir()
    output_dir.mkdir()
    secret = "ops-pager@example.com"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TMPDIR", str(private_tmp))
        result = generate(output_dir, {"alarm_email": secret, "timeout": "45"})
    assert_rejected(result, "timeout", "45")
    assert list(private_tmp.iterdir()) == []
    assert list(output_dir.iterdir()) == []


def test_a_generated_project_leaves_nothing_in_the_temporary_folder(tmp_path: Path):
    private_tmp, output_dir = tmp_path / "tmp", tmp_path / "out"
    private_tmp.mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TMPDIR", str(private_tmp))
        result = generate(output_dir, {"alarm_email": "ops-pager@example.com"})
    assert result.returncode == 0, result.stderr
    assert list(private_tmp.iterdir()) == []
    assert [path.name for path in output_dir.iterdir()] == ["orders-service"]
