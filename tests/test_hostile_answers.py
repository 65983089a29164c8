"""Hostile and malformed answers: each is refused with a message naming it, and nothing is written.

The corpus goes through the questionnaire's answers file (no prompts), which
checks every answer before cookiecutter sees it; Jinja given on cookiecutter's
own command line is refused by the pre-generation hook. Free text that is
allowed renders literally and keeps every generated file valid.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest

from lambda_starter.cfn_yaml import load_template
from lambda_starter.cli import main
from tests.conftest import REPO_ROOT, assert_compiles

API_JWT = {"api_auth": "jwt", "jwt_audience": "app"}
SCHEDULE = {"trigger": "schedule"}
EVENTBRIDGE = {"trigger": "eventbridge"}
S3 = {"trigger": "s3"}
KINESIS = {"trigger": "kinesis"}
SSM = {"secrets": "ssm"}
PROVISIONED = {"latency": "provisioned"}
VPC = {"vpc": "yes", "vpc_subnet_ids": "subnet-0123abcd", "vpc_security_group_ids": "sg-0123abcd"}

# Why each is refused: a fragment of the sentence that says what is allowed, written down
# here so that a value refused by another rule (or another branch of the same rule) fails.
TEXT = "single-line text of at most"
SLUG = "3-32 characters of lowercase ASCII letters, digits and single hyphens"
PACKAGE = "a Python package name of 3-40 characters"
KEYWORD = "a name that is not a Python keyword"
SHADOWS = "a name that does not shadow a standard-library or AWS SDK module"
EMAIL = "an e-mail address such as team@example.com"
TAG = "a tag value of 1-256 characters"
REGION = "one of af-south-1, ap-east-1,"
MEMORY = "a whole number of MB from 128 to 10240"
SINGLE = "a single value"
YES_NO = "yes or no"
SUBNETS = "1-16 distinct ids such as subnet-"
SECURITY_GROUPS = "1-5 distinct ids such as sg-"
S3_KEY = "empty, or S3 key characters safe in event filters"
SCHEDULE_EXPRESSION = "rate(1 minute), rate(N minutes|hours|days) with N of 2 or more"
ISSUER = "the https:// URL of the token issuer"
SECRET = "a secret or parameter name such as orders-service/webhook"
STREAM_ARN = "or the ARN of a stream in us-east-1"
STREAM_ARN_PREFIX = "arn:aws:kinesis:us-east-1:123456789012:stream/"
API_EXTRA_FUNCTIONS = (
    "empty, or the triggers that can join a http-api function, each once and comma-separated: "
    "sqs, schedule, dynamodb-stream."
)

# (answer, hostile value, other answers that make it apply, why it is refused)
CORPUS: list[tuple[str, Any, dict[str, Any], str]] = [
    ("project_name", "", {}, "non-empty " + TEXT + " 64 characters"),
    ("project_name", "   ", {}, "non-empty " + TEXT + " 64 characters"),
    ("project_name", "x" * 65, {}, TEXT + " 64 characters"),
    ("project_name", "tab\there", {}, TEXT + " 64 characters"),
    ("project_name", "Orders\u200bService", {}, TEXT + " 64 characters"),
    ("project_name", "{{ 7*7 }}", {}, "without Jinja syntax"),
    ("project_slug", "../x", {}, SLUG),
    ("project_slug", "orders/../../etc", {}, SLUG),
    ("project_slug", "orders service", {}, SLUG),
    ("project_slug", "\u043erders", {}, SLUG),  # Cyrillic o, a look-alike of "orders"
    ("project_slug", "orders;rm -rf /", {}, SLUG),
    ("project_slug", "$(id)", {}, SLUG),
    ("project_slug", "a" * 33, {}, SLUG),
    ("package_name", "../x", {}, PACKAGE),
    ("package_name", "import", {}, KEYWORD),
    ("package_name", "match", {}, KEYWORD),  # a soft keyword
    ("package_name", "os", {}, PACKAGE),  # too short before it could shadow os
    ("package_name", "asyncio", {}, SHADOWS),
    ("package_name", "boto3", {}, SHADOWS),
    ("package_name", "\u043erders_service", {}, PACKAGE),
    ("package_name", "a" * 41, {}, PACKAGE),
    ("description", "x" * 257, {}, TEXT + " 256 characters"),
    ("description", "multi\nline", {}, TEXT + " 256 characters"),
    ("description", "{{ cycler.__init__.__globals__.os.popen('id').read() }}", {}, "without Jinja"),
    ("description", "{% for x in range(10**9) %}x{% endfor %}", {}, "without Jinja syntax"),
    ("author_name", "\x00", {}, "non-empty " + TEXT + " 100 characters"),
    ("author_email", "jane", {}, EMAIL),
    ("author_email", "jane@example", {}, EMAIL),
    ("author_email", "jane@exa mple.com", {}, EMAIL),
    ("author_email", "j\u00e4ne@example.com", {}, EMAIL),
    ("author_email", "a@b.co\nBcc: x@y.co", {}, EMAIL),
    ("owner_team", "team`id`", {}, TAG),
    ("owner_team", "t\u00ebam", {}, TAG),
    ("owner_team", "x" * 257, {}, TAG),
    ("aws_region", "us-east-1 x", {}, REGION),
    ("aws_region", "../us-east-1", {}, REGION),
    ("aws_region", "cn-north-1", {}, REGION),
    ("memory_size", "128.5", {}, MEMORY),
    ("memory_size", "-128", {}, MEMORY),
    ("memory_size", "0x100", {}, MEMORY),
    ("memory_size", "\u0661\u0662\u0668", {}, MEMORY),  # Arabic-Indic digits for 128
    ("memory_size", True, {}, SINGLE),
    ("memory_size", [128], {}, SINGLE),
    ("timeout", "nan", {}, "a whole number of seconds from 1 to 900"),
    ("timeout", 901, {}, "a whole number of seconds from 1 to 900"),
    ("timeout", "30", {"trigger": "http-api"}, "at most 29 seconds for a function behind API"),
    ("ephemeral_storage", "511", {}, "a whole number of MB from 512 to 10240"),
    ("log_retention_days", "forever", {}, "one of the values CloudWatch Logs accepts"),
    ("alarm_email", "ops@example.com; drop", {}, EMAIL + ", or empty"),
    ("jwt_issuer", "javascript:alert(1)", API_JWT, ISSUER),
    ("jwt_issuer", "https://", API_JWT, ISSUER),
    ("schedule_expression", "rate(0 minutes)", SCHEDULE, SCHEDULE_EXPRESSION),
    ("schedule_expression", "cron(* * * * *)", SCHEDULE, "or a six-field cron(...) expression"),
    ("schedule_expression", "rate(5 minutes); echo pwned", SCHEDULE, SCHEDULE_EXPRESSION),
    ("event_source", "aws.events", EVENTBRIDGE, "the aws. prefix is reserved"),
    ("event_source", "AWS.orders", EVENTBRIDGE, "the aws. prefix is reserved"),
    ("event_source", "com.example.orders\n", EVENTBRIDGE, "an event source of letters, digits"),
    ("event_bus_name", "../bus", EVENTBRIDGE, "'default' or the name of an existing event bus"),
    ("s3_prefix", "/absolute/", S3, S3_KEY),
    ("s3_suffix", "in\ncoming", S3, S3_KEY),
    ("kinesis_stream_arn", STREAM_ARN_PREFIX + "../x", KINESIS, STREAM_ARN),
    ("kinesis_stream_arn", "arn:aws:kinesis:eu-west-1:123456789012:stream/x", KINESIS, STREAM_ARN),
    ("kinesis_stream_arn", "orders; rm -rf /", KINESIS, STREAM_ARN),
    ("secret_name", "/leading-slash", SSM, SECRET),
    ("secret_name", "a//b", SSM, SECRET),
    ("provisioned_concurrency", "two", PROVISIONED, "a whole number of executions from 1 to 1000"),
    ("trigger", "FTP", {}, "one of http-api, sqs, schedule, eventbridge, s3"),
    ("extra_functions", "ftp", {}, "'ftp' is not a trigger (they are http-api, sqs, schedule"),
    ("extra_functions", "sqs;rm -rf /", {}, "'sqs;rm -rf /' is not a trigger"),
    ("extra_functions", "http-api", {}, "http-api is the main function's trigger already"),
    ("extra_functions", "kinesis", {}, "a kinesis function cannot join a http-api function; "
     + API_EXTRA_FUNCTIONS),
    ("extra_functions", "schedule,schedule", {}, "schedule is listed twice; "
     + API_EXTRA_FUNCTIONS),
    ("python_runtime", "python3.11", {}, "one of python3.13, python3.12, python3.14"),
    ("architecture", "arm", {}, "one of arm64, x86_64"),
    ("latency", "fast", {}, "one of on-demand, snapstart, provisioned"),
    ("vpc", "maybe", {}, YES_NO),
    ("vpc_subnet_ids", "", VPC, SUBNETS),
    ("vpc_subnet_ids", "subnet-0123abcd,subnet-0123abcd", VPC, SUBNETS),
    ("vpc_subnet_ids", "subnet-0123abcd;rm -rf /", VPC, SUBNETS),
    ("vpc_subnet_ids", ",".join(f"subnet-{n:08x}" for n in range(17)), VPC, SUBNETS),
    ("vpc_security_group_ids", "sg-0123ABCD", VPC, SECURITY_GROUPS),
    ("vpc_security_group_ids", ",".join(f"sg-{n:08x}" for n in range(6)), VPC, SECURITY_GROUPS),
    ("data_store", "none", {"trigger": "http-api"}, "dynamodb for the http-api trigger"),
    ("data_store", "postgres", {}, "one of dynamodb, none"),
    ("api_auth", "oauth", {}, "one of none, iam, jwt"),
    ("secrets", "vault", {}, "one of none, secretsmanager, ssm"),
    ("workload", "gpu", {}, "one of api, data-processing, ml-inference, image-processing"),
    ("idempotency", "perhaps", SCHEDULE, YES_NO),
    ("alarms", "sometimes", {}, YES_NO),
    ("kms_key", "3", {}, YES_NO),
    ("tuning_strategy", "cheapest", {}, "one of balanced, cost, speed"),
    ("ci", "jenkins", {}, "one of github-actions, none"),
    ("cost_center", "cc;rm", {}, "spaces and _ . : / = + - @, or empty"),
    ("permissions_boundary_arn", "arn:aws:iam::123:policy/x", {}, "empty, or an IAM policy ARN"),
    ("event_detail_type", "", EVENTBRIDGE, "non-empty " + TEXT + " 128 characters"),
    ("jwt_audience", "has space", {**API_JWT, "jwt_issuer": "https://issuer.example.com/"},
     "the audience the tokens carry"),
    ("latency", "snapstart", {"workload": "image-processing"},
     "with ephemeral_storage=2048: SnapStart supports at most 512 MB of /tmp"),
    ("latency", "snapstart", {"ephemeral_storage": "513"},
     "with ephemeral_storage=513: SnapStart supports at most 512 MB of /tmp"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("answer", "value", "context", "reason"),
    CORPUS,
    ids=[f"{i:02d}-{answer}" for i, (answer, *_) in enumerate(CORPUS)],
)
def test_hostile_answer_is_refused_and_nothing_is_written(
    tmp_path: Path, capsys: Any, answer: str, value: Any, context: dict[str, Any], reason: str
):
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({**context, answer: value}))
    output_dir = tmp_path / "out"
    argv = ["--no-input", "--answers", str(answers), "--output-dir", str(output_dir)]
    assert main(argv) == 1
    (line,) = capsys.readouterr().err.strip().splitlines()
    # Numbers in an answers file are read as cookiecutter reads them: as text.
    shown = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    prefix = f"lambda-starter: error: {answer}={shown!r} is not allowed: "
    assert line.startswith(prefix), line
    assert reason in line.removeprefix(prefix), line
    assert not output_dir.exists()


def test_corpus_covers_every_answer():
    from lambda_starter.template import load_template as load

    assert set(load(str(REPO_ROOT)).answer_names) == {answer for answer, *_ in CORPUS}
    assert len(CORPUS) >= 40


@pytest.mark.subprocess
def test_jinja_on_cookiecutters_command_line_is_refused_by_the_hook(tmp_path: Path):
    result = subprocess.run(
        [sys.executable, "-m", "cookiecutter", "--no-input", str(REPO_ROOT),
         "--output-dir", str(tmp_path), "project_name={{ 7*7 }}"],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    assert result.returncode == 1
    assert "ERROR: project_name='{{ 7*7 }}' is not allowed: plain text" in result.stderr
    assert list(tmp_path.iterdir()) == []


LITERAL_TEXT = {
    "project_name": "Caf\u00e9 Ordering \u2014 \u00dcn\u00efcode",
    "project_slug": "cafe-ordering",
    "description": "Quotes \" and ' and \\ and #: {key: value} & <tag> -- $(id) `id`",
    "author_name": 'O\'Brien "Ops" & Co',
    "event_detail_type": 'Order: Placed "v2"',
    "trigger": "eventbridge",
}


@pytest.mark.subprocess
def test_allowed_free_text_renders_literally_and_keeps_files_valid(tmp_path: Path):
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(LITERAL_TEXT))
    argv = ["--no-input", "--answers", str(answers), "--output-dir", str(tmp_path)]
    assert main(argv) == 0
    project = tmp_path / "cafe-ordering"
    template = load_template(project / "template.yaml")
    assert template["Description"] == LITERAL_TEXT["description"]
    rule = template["Resources"]["Function"]["Properties"]["Events"]["Rule"]["Properties"]
    assert rule["Pattern"]["detail-type"] == [LITERAL_TEXT["event_detail_type"]]
    pyproject = tomllib.loads((project / "pyproject.toml").read_text())
    assert pyproject["project"]["description"] == LITERAL_TEXT["description"]
    assert pyproject["project"]["authors"][0]["name"] == LITERAL_TEXT["author_name"]
    tomllib.loads((project / "samconfig.toml").read_text())
    assert LITERAL_TEXT["project_name"] in (project / "README.md").read_text()
    assert_compiles(project)
