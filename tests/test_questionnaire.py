"""The ``lambda-starter`` questionnaire, driven through its real prompts.

Keystrokes go in through a prompt_toolkit pipe; the prompts render to a dummy
output, or to a buffer where a test reads what the user would see.
"""

from __future__ import annotations

import filecmp
import io
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pexpect
import pytest
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.output.vt100 import Vt100_Output

from lambda_starter.answer_rules import applies, check_answer
from lambda_starter.cli import main
from lambda_starter.questionnaire import Questionnaire
from lambda_starter.template import Template, load_template
from tests.conftest import REPO_ROOT

ENTER = "\r"
DOWN = "\x1b[B"
CLEAR_LINE = "\x15"  # Ctrl-U: delete the default before typing
CTRL_C = "\x03"


@pytest.fixture(scope="module")
def template() -> Template:
    return load_template(str(REPO_ROOT))


def keys_for(template: Template, desired: Mapping[str, Any], load: str = ENTER * 2) -> str:
    """The keystrokes that answer ``desired`` (Enter elsewhere), walking the questions in order."""
    answers = template.private_entries()
    keys = []
    for name in template.answer_names:
        value = desired.get(name, template.default(name, answers))
        answers[name] = value
        if not applies(name, answers):
            continue
        if template.is_flag(name):
            keys.append("y" if value else "n")
        elif template.is_choice(name):
            allowed = [
                option
                for option in template.choices(name, answers)
                if check_answer(name, option, {**answers, name: option}) is None
            ]
            keys.append(DOWN * allowed.index(value) + ENTER)
        elif name in desired:
            keys.append(CLEAR_LINE + str(value) + ENTER)
        else:
            keys.append(ENTER)
    return "".join(keys) + load


def run_cli(argv: list[str], keys: str, output: Any = None) -> int:
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        return main(argv, input=pipe, output=output or DummyOutput())


def recorded_answers(project: Path) -> dict[str, Any]:
    return json.loads((project / ".cookiecutter.json").read_text())


def tree(root: Path) -> Iterator[Path]:
    return (path.relative_to(root) for path in sorted(root.rglob("*")) if path.is_file())


def test_default_path_is_just_enter(tmp_path, capsys):
    # More Enters than questions: the extra ones are never read.
    assert run_cli(["--output-dir", str(tmp_path)], ENTER * 60) == 0
    project = tmp_path / "orders-service"
    assert recorded_answers(project)["trigger"] == "http-api"
    out = capsys.readouterr().out
    assert "DataTable                        AWS::DynamoDB::Table" in out
    assert "total     $0.53 a month" in out


BRANCHES = [
    pytest.param(
        {"trigger": "http-api", "api_auth": "jwt", "jwt_issuer": "https://issuer.example.com/",
         "jwt_audience": "app", "latency": "provisioned", "provisioned_concurrency": "4",
         "secrets": "ssm", "secret_name": "team/hook", "vpc": True,
         "vpc_subnet_ids": "subnet-0a1b2c3d,subnet-1a2b3c4d",
         "vpc_security_group_ids": "sg-0a1b2c3d"},
        {"api_auth", "jwt_issuer", "jwt_audience", "provisioned_concurrency", "secret_name",
         "vpc_subnet_ids", "vpc_security_group_ids"},
        {"idempotency", "schedule_expression", "event_source", "s3_prefix"},
        id="api-jwt-provisioned-ssm-vpc",
    ),
    pytest.param(
        {"trigger": "schedule", "schedule_expression": "rate(1 hour)", "data_store": "none",
         "idempotency": False},
        {"schedule_expression", "idempotency"},
        {"api_auth", "jwt_issuer", "event_source", "s3_prefix", "provisioned_concurrency",
         "vpc_subnet_ids"},
        id="schedule-no-store",
    ),
    pytest.param(
        {"trigger": "eventbridge", "event_source": "com.example.billing",
         "event_detail_type": "InvoicePaid", "event_bus_name": "billing", "latency": "snapstart"},
        {"event_source", "event_detail_type", "event_bus_name", "idempotency"},
        {"api_auth", "schedule_expression", "s3_prefix", "provisioned_concurrency"},
        id="eventbridge-snapstart",
    ),
    pytest.param(
        {"trigger": "s3", "s3_prefix": "in/", "s3_suffix": ".json", "secrets": "secretsmanager"},
        {"s3_prefix", "s3_suffix", "idempotency", "secret_name"},
        {"api_auth", "schedule_expression", "event_source"},
        id="s3-secretsmanager",
    ),
    pytest.param(
        {"trigger": "sqs", "workload": "data-processing", "alarms": False},
        {"idempotency", "workload", "alarms"},
        {"api_auth", "schedule_expression", "event_source", "s3_prefix", "secret_name",
         "alarm_email"},
        id="sqs-data-processing-no-alarms",
    ),
    pytest.param(
        {"trigger": "kinesis",
         "kinesis_stream_arn": "arn:aws:kinesis:us-east-1:123456789012:stream/orders"},
        {"kinesis_stream_arn", "idempotency"},
        {"api_auth", "schedule_expression", "event_source", "s3_prefix"},
        id="kinesis-existing-stream",
    ),
    pytest.param(
        {"trigger": "dynamodb-stream", "secrets": "ssm"},
        {"idempotency", "secret_name"},
        {"api_auth", "kinesis_stream_arn", "s3_prefix", "schedule_expression"},
        id="dynamodb-stream-ssm",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("desired", "asked", "not_asked"), BRANCHES)
def test_only_the_questions_that_apply_are_asked(template, desired, asked, not_asked):
    with create_pipe_input() as pipe:
        pipe.send_text(keys_for(template, desired, load=""))
        questionnaire = Questionnaire(template, input=pipe, output=DummyOutput())
        answers = questionnaire.collect({}, interactive=True)
    assert asked <= set(answers.asked)
    assert not (not_asked & set(answers.asked))
    assert {name: answers.values[name] for name in desired} == desired


ANSI_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|[@-Z\\-_])")


@pytest.mark.parametrize(
    ("name", "given", "offered", "refused", "last"),
    [
        pytest.param(
            "latency",
            {"workload": "image-processing"},  # 2048 MB of /tmp: more than SnapStart allows
            ["On-demand: no extra cost, occasional cold starts",
             "Provisioned concurrency: always-warm instances, billed by the hour"],
            "SnapStart: snapshot of the initialised function",
            "provisioned",
            id="no-snapstart-above-512-mb-of-tmp",
        ),
        pytest.param(
            "data_store",
            {"trigger": "http-api"},  # the example API stores its items in the table
            ["DynamoDB table (on-demand, point-in-time recovery)"],
            "None",
            "dynamodb",
            id="no-store-less-api",
        ),
    ],
)  # fmt: skip
def test_choices_the_rules_forbid_are_not_offered(template, name, given, offered, refused, last):
    """The prompt, as rendered to a terminal, lists only the allowed choices, in order."""
    answers = Questionnaire(template).collect(given, interactive=False).values
    screen = io.StringIO()
    output = Vt100_Output(screen, lambda: Size(rows=40, columns=200), term="xterm")
    with create_pipe_input() as pipe:
        pipe.send_text(DOWN * (len(offered) - 1) + ENTER)  # the last choice shown
        chosen = Questionnaire(template, input=pipe, output=output).ask(name, answers)
    shown = ANSI_ESCAPE.sub("", screen.getvalue())
    positions = [shown.find(label) for label in offered]
    assert -1 not in positions, shown
    assert positions == sorted(positions)
    assert refused not in shown
    assert chosen == last


def test_bad_answer_is_re_asked_with_the_hooks_message(template, tmp_path):
    known = template.private_entries()
    for name in template.answer_names[: template.answer_names.index("memory_size")]:
        known[name] = template.default(name, known)
    expected = str(check_answer("memory_size", "64", {**known, "memory_size": "64"}))
    assert expected == "memory_size='64' is not allowed: a whole number of MB from 128 to 10240."
    before, after = keys_for(template, {"memory_size": "512"}).split(CLEAR_LINE + "512", 1)
    screen = io.StringIO()
    output = Vt100_Output(screen, lambda: Size(rows=40, columns=200), term="xterm")

    def type_after_the_message(pipe: Any) -> None:
        deadline = time.monotonic() + 10
        while expected not in screen.getvalue() and time.monotonic() < deadline:
            time.sleep(0.02)
        pipe.send_text(CLEAR_LINE + "512" + after + "y")

    with create_pipe_input() as pipe:
        pipe.send_text(before + CLEAR_LINE + "64" + ENTER)
        typist = threading.Thread(target=type_after_the_message, args=(pipe,))
        typist.start()
        code = main(["--output-dir", str(tmp_path)], input=pipe, output=output)
        typist.join()
    assert code == 0
    assert expected in screen.getvalue()
    assert recorded_answers(tmp_path / "orders-service")["memory_size"] == "512"


def test_ctrl_c_exits_130_and_writes_nothing(tmp_path, capsys):
    assert run_cli(["--output-dir", str(tmp_path)], ENTER * 5 + CTRL_C) == 130
    assert list(tmp_path.iterdir()) == []
    assert "Aborted: nothing was generated." in capsys.readouterr().err


def test_declining_the_summary_writes_nothing(template, tmp_path):
    assert run_cli(["--output-dir", str(tmp_path)], keys_for(template, {}) + "n") == 1
    assert list(tmp_path.iterdir()) == []


def write_answers(path: Path, answers: dict[str, Any]) -> Path:
    path.write_text(json.dumps(answers) if path.suffix == ".json" else _yaml(answers))
    return path


def _yaml(answers: dict[str, Any]) -> str:
    return "".join(f"{name}: {json.dumps(value)}\n" for name, value in answers.items())


def test_complete_answers_file_generates_without_asking(tmp_path):
    answers = write_answers(
        tmp_path / "answers.yaml",
        {"project_name": "Billing Jobs", "trigger": "schedule", "data_store": "none",
         "requests_per_month": 8760, "average_duration_ms": 1500},
    )  # fmt: skip
    assert main(["--no-input", "--answers", str(answers), "--output-dir", str(tmp_path)]) == 0
    recorded = recorded_answers(tmp_path / "billing-jobs")
    assert (recorded["trigger"], recorded["data_store"]) == ("schedule", "none")


def test_answers_file_with_missing_values_asks_only_for_them(template, tmp_path):
    given = {"project_name": "Billing Jobs", "trigger": "sqs", "workload": "data-processing"}
    with create_pipe_input() as pipe:
        pipe.send_text(ENTER * 60)
        questionnaire = Questionnaire(template, input=pipe, output=DummyOutput())
        answers = questionnaire.collect(given, interactive=True)
    assert not set(given) & set(answers.asked)
    assert "project_slug" in answers.asked
    assert answers.values["project_slug"] == "billing-jobs"
    assert answers.values["timeout"] == "300"


def test_rejected_answer_in_a_file_is_one_line_and_writes_nothing(tmp_path, capsys):
    answers = write_answers(tmp_path / "answers.json", {"memory_size": 64})
    output_dir = tmp_path / "out"
    argv = ["--no-input", "--answers", str(answers), "--output-dir", str(output_dir)]
    assert main(argv) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "lambda-starter: error: memory_size='64' is not allowed: "
        "a whole number of MB from 128 to 10240."
    ]
    assert not output_dir.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("trigger: ftp\n", "trigger='ftp' is not allowed: one of http-api, sqs, schedule"),
        ("colour: blue\n", "unknown answers colour"),
        ("- a list\n", "expected a mapping"),
        ("vpc: maybe\n", "vpc='maybe' is not allowed: yes or no."),
    ],
    ids=["unknown-choice", "unknown-answer", "not-a-mapping", "not-a-boolean"],
)
def test_malformed_answers_file_is_one_clear_line(tmp_path, capsys, content, message):
    answers = tmp_path / "answers.yaml"
    answers.write_text(content)
    assert main(["--no-input", "--answers", str(answers), "--output-dir", str(tmp_path)]) == 1
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("lambda-starter: error: ")
    assert message in line


def test_existing_target_directory_is_one_clear_line(tmp_path, capsys):
    (tmp_path / "orders-service").mkdir()
    assert main(["--no-input", "--output-dir", str(tmp_path)]) == 1
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert "orders-service already exists" in line


def test_unreachable_template_is_one_clear_line(tmp_path, capsys):
    missing = tmp_path / "no-such-template"
    assert main(["--no-input", "--template", str(missing), "--output-dir", str(tmp_path)]) == 1
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("lambda-starter: error: cannot use template")


def test_non_terminal_stdin_uses_the_defaults_and_leaves_no_temporary_files(tmp_path):
    private_tmp, output_dir = tmp_path / "tmp", tmp_path / "out"
    private_tmp.mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "lambda_starter.cli", "--output-dir", str(output_dir)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
        env=os.environ | {"TMPDIR": str(private_tmp)},
    )
    assert result.returncode == 0, result.stderr
    assert recorded_answers(output_dir / "orders-service")["trigger"] == "http-api"
    assert list(private_tmp.iterdir()) == []


IDENTICAL = {
    "project_name": "Fulfilment Events",
    "trigger": "eventbridge",
    "event_source": "com.example.fulfilment",
    "secrets": "ssm",
    "architecture": "x86_64",
    "vpc": True,
    "vpc_subnet_ids": "subnet-0a1b2c3d,subnet-1a2b3c4d",
    "vpc_security_group_ids": "sg-0a1b2c3d",
    "alarm_email": "ops@example.com",
}


def test_questionnaire_and_plain_cookiecutter_make_identical_projects(template, tmp_path):
    by_questionnaire = tmp_path / "questionnaire"
    assert (
        run_cli(["--output-dir", str(by_questionnaire)], keys_for(template, IDENTICAL) + "y") == 0
    )
    by_cookiecutter = tmp_path / "cookiecutter"
    overrides = [f"{k}={'yes' if v is True else v}" for k, v in IDENTICAL.items()]
    subprocess.run(
        [sys.executable, "-m", "cookiecutter", "--no-input", str(REPO_ROOT),
         "--output-dir", str(by_cookiecutter), *overrides],
        check=True,
        capture_output=True,
    )  # fmt: skip
    left, right = by_questionnaire / "fulfilment-events", by_cookiecutter / "fulfilment-events"
    files = list(tree(left))
    assert files == list(tree(right))
    match, mismatch, errors = filecmp.cmpfiles(left, right, files, shallow=False)
    assert (mismatch, errors) == ([], [])
    assert len(match) == len(files) > 20


def test_installed_command_in_a_real_terminal(template, tmp_path):
    """The console script, in a pseudo-terminal: name the project, pick a queue trigger."""
    command = Path(sys.executable).with_name("lambda-starter")
    child = pexpect.spawn(
        str(command),
        ["--output-dir", str(tmp_path)],
        encoding="utf-8",
        timeout=60,
        dimensions=(40, 200),
    )
    child.expect("Project name")
    child.send(keys_for(template, {"project_name": "Pty Demo", "trigger": "sqs"}) + "y")
    child.expect("Estimated Lambda cost")
    child.expect(r"Generated (\S+)\. Next")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    recorded = recorded_answers(tmp_path / "pty-demo")
    assert (recorded["project_name"], recorded["trigger"]) == ("Pty Demo", "sqs")
    assert (tmp_path / "pty-demo" / "src" / "pty_demo" / "handler.py").is_file()
