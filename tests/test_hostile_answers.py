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
SSM = {"secrets": "ssm"}
PROVISIONED = {"latency": "provisioned"}
VPC = {"vpc": "yes", "vpc_subnet_ids": "subnet-0123abcd", "vpc_security_group_ids": "sg-0123abcd"}

# (answer, hostile value, other answers that make it apply)
CORPUS: list[tuple[str, Any, dict[str, Any]]] = [
    ("project_name", "", {}),
    ("project_name", "   ", {}),
    ("project_name", "x" * 65, {}),
    ("project_name", "tab\there", {}),
    ("project_name", "Orders\u200bService", {}),
    ("project_name", "{{ 7*7 }}", {}),
    ("project_slug", "../x", {}),
    ("project_slug", "orders/../../etc", {}),
    ("project_slug", "orders service", {}),
    ("project_slug", "\u043erders", {}),  # Cyrillic o, a look-alike of "orders"
    ("project_slug", "orders;rm -rf /", {}),
    ("project_slug", "$(id)", {}),
    ("project_slug", "a" * 33, {}),
    ("package_name", "../x", {}),
    ("package_name", "import", {}),
    ("package_name", "os", {}),
    ("package_name", "\u043erders_service", {}),
    ("package_name", "a" * 41, {}),
    ("description", "x" * 257, {}),
    ("description", "multi\nline", {}),
    ("description", "{{ cycler.__init__.__globals__.os.popen('id').read() }}", {}),
    ("description", "{% for x in range(10**9) %}x{% endfor %}", {}),
    ("author_name", "\x00", {}),
    ("author_email", "jane", {}),
    ("author_email", "jane@example", {}),
    ("author_email", "jane@exa mple.com", {}),
    ("author_email", "j\u00e4ne@example.com", {}),
    ("author_email", "a@b.co\nBcc: x@y.co", {}),
    ("owner_team", "team`id`", {}),
    ("owner_team", "t\u00ebam", {}),
    ("owner_team", "x" * 257, {}),
    ("aws_region", "us-east-1 x", {}),
    ("aws_region", "../us-east-1", {}),
    ("aws_region", "cn-north-1", {}),
    ("memory_size", "128.5", {}),
    ("memory_size", "-128", {}),
    ("memory_size", "0x100", {}),
    ("memory_size", "\u0661\u0662\u0668", {}),  # Arabic-Indic digits for 128
    ("memory_size", True, {}),
    ("memory_size", [128], {}),
    ("timeout", "nan", {}),
    ("timeout", 901, {}),
    ("ephemeral_storage", "511", {}),
    ("log_retention_days", "forever", {}),
    ("alarm_email", "ops@example.com; drop", {}),
    ("jwt_issuer", "javascript:alert(1)", API_JWT),
    ("jwt_issuer", "https://", API_JWT),
    ("schedule_expression", "rate(0 minutes)", SCHEDULE),
    ("schedule_expression", "cron(* * * * *)", SCHEDULE),
    ("schedule_expression", "rate(5 minutes); echo pwned", SCHEDULE),
    ("event_source", "aws.events", EVENTBRIDGE),
    ("event_source", "com.example.orders\n", EVENTBRIDGE),
    ("event_bus_name", "../bus", EVENTBRIDGE),
    ("s3_prefix", "/absolute/", S3),
    ("s3_suffix", "in\ncoming", S3),
    ("secret_name", "/leading-slash", SSM),
    ("secret_name", "a//b", SSM),
    ("provisioned_concurrency", "two", PROVISIONED),
    ("trigger", "FTP", {}),
    ("python_runtime", "python3.11", {}),
    ("architecture", "arm", {}),
    ("latency", "fast", {}),
    ("vpc", "maybe", {}),
    ("vpc_subnet_ids", "", VPC),
    ("vpc_subnet_ids", "subnet-0123abcd,subnet-0123abcd", VPC),
    ("vpc_subnet_ids", "subnet-0123abcd;rm -rf /", VPC),
    ("vpc_subnet_ids", ",".join(f"subnet-{n:08x}" for n in range(17)), VPC),
    ("vpc_security_group_ids", "sg-0123ABCD", VPC),
    ("vpc_security_group_ids", ",".join(f"sg-{n:08x}" for n in range(6)), VPC),
    ("data_store", "none", {"trigger": "http-api"}),
    ("data_store", "postgres", {}),
    ("api_auth", "oauth", {}),
    ("secrets", "vault", {}),
    ("workload", "gpu", {}),
    ("idempotency", "perhaps", SCHEDULE),
    ("alarms", "sometimes", {}),
    ("kms_key", "3", {}),
    ("tuning_strategy", "cheapest", {}),
    ("ci", "jenkins", {}),
    ("cost_center", "cc;rm", {}),
    ("permissions_boundary_arn", "arn:aws:iam::123:policy/x", {}),
    ("event_detail_type", "", EVENTBRIDGE),
    ("jwt_audience", "has space", {**API_JWT, "jwt_issuer": "https://issuer.example.com/"}),
    ("latency", "snapstart", {"workload": "image-processing"}),
]


@pytest.mark.parametrize(
    ("answer", "value", "context"),
    CORPUS,
    ids=[f"{i:02d}-{answer}" for i, (answer, _, _) in enumerate(CORPUS)],
)
def test_hostile_answer_is_refused_and_nothing_is_written(
    tmp_path: Path, capsys: Any, answer: str, value: Any, context: dict[str, Any]
):
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({**context, answer: value}))
    output_dir = tmp_path / "out"
    argv = ["--no-input", "--answers", str(answers), "--output-dir", str(output_dir)]
    assert main(argv) == 1
    (line,) = capsys.readouterr().err.strip().splitlines()
    # Numbers in an answers file are read as cookiecutter reads them: as text.
    shown = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    assert line.startswith(f"lambda-starter: error: {answer}={shown!r} is not allowed: "), line
    assert not output_dir.exists()


def test_corpus_covers_every_answer():
    from lambda_starter.template import load_template as load

    assert set(load(str(REPO_ROOT)).answer_names) == {answer for answer, _, _ in CORPUS}
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
