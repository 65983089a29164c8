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
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.output.vt100 import Vt100_Output

from lambda_starter.answer_rules import applies, check_answer
from lambda_starter.cli import main
from lambda_starter.plan import describe, function_plans, make_plan, traffic_for
from lambda_starter.questionnaire import HELP, Questionnaire, parse_number, shown_number
from lambda_starter.template import Template, load_template
from lambda_starter.triggers import extras_for
from tests.conftest import REPO_ROOT

ENTER = "\r"
DOWN = "\x1b[B"
UP = "\x1b[A"
CLEAR_LINE = "\x15"  # Ctrl-U: delete the default before typing
CTRL_C = "\x03"


@pytest.fixture(scope="module")
def template() -> Template:
    return load_template(str(REPO_ROOT))


def answer_key(template: Template, name: str, value: Any, answers: Mapping[str, Any]) -> str:
    """The keystrokes that give ``value`` at the prompt for ``name`` (its default preselected)."""
    if template.is_flag(name):
        return "y" if value else "n"
    if name == "extra_functions":  # a checkbox: space ticks the highlighted trigger
        ticked = set(str(value).split(","))
        offered = extras_for(answers["trigger"])
        return "".join((" " if t in ticked else "") + DOWN for t in offered) + ENTER
    if template.is_choice(name):
        allowed = [
            option
            for option in template.choices(name, answers)
            if check_answer(name, option, {**answers, name: option}) is None
        ]
        start = Questionnaire(template).default(name, answers)
        start_index = allowed.index(start) if start in allowed else 0
        steps = allowed.index(value) - start_index
        return (DOWN * steps if steps >= 0 else UP * -steps) + ENTER
    if value != Questionnaire(template).default(name, answers):
        return CLEAR_LINE + str(value) + ENTER
    return ENTER


def keys_for(
    template: Template, desired: Mapping[str, Any], *, path: str = "full", load: str = ENTER * 2
) -> str:
    """The keystrokes that answer ``desired`` (defaults elsewhere), question by question.

    ``path`` is the command's: "short" accepts the recommended defaults after the
    shaping questions, "full" declines them and answers every question (then the
    load); "plain" is Questionnaire.collect without the offer.
    """
    questionnaire = Questionnaire(template)

    def walk(asks: Any) -> list[str]:
        answers = template.private_entries()
        keys = []
        for name in template.answer_names:
            value = desired.get(name, questionnaire.default(name, answers))
            answers[name] = value
            asked = applies(name, answers) and asks(name, answers)
            if asked and not questionnaire.only_choice(name, answers):
                keys.append(answer_key(template, name, value, answers))
        return keys

    if path == "plain":
        return "".join(walk(lambda _name, _answers: True))
    shaping = walk(questionnaire.shapes_project)
    if path == "short":
        return "".join([*shaping, "y"])
    rest = walk(lambda name, answers: not questionnaire.shapes_project(name, answers))
    return "".join([*shaping, "n", *rest]) + load


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
    # The whole stack, worked by hand from _pricing in tests/test_cost.py's way:
    # Lambda 0.20 + 0.33, HTTP API 1.00, DynamoDB 0.625, logs 0.67 + 0.04,
    # X-Ray 5.00 (every request under the one-a-second reservoir), 5 alarms 0.50 (errors,
    # throttles, duration, dead-letter queue, and the rollback alarm of deployments).
    assert re.search(r"^  total +\$ +8\.37 a month$", out, re.MULTILINE)
    assert re.search(r"^  after the free tier +\$ +5\.17 a month$", out, re.MULTILINE)


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
        pipe.send_text(keys_for(template, desired, path="plain"))
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


def test_bad_answer_is_re_asked_with_the_hooks_message(template, tmp_path, capsys):
    known = template.private_entries()
    for name in template.answer_names[: template.answer_names.index("memory_size")]:
        known[name] = template.default(name, known)
    expected = str(check_answer("memory_size", "64", {**known, "memory_size": "64"}))
    assert expected == "memory_size='64' is not allowed: a whole number of MB from 128 to 10240."
    before, after = keys_for(template, {"memory_size": "512"}).split(CLEAR_LINE + "512", 1)
    keys = before + CLEAR_LINE + "64" + ENTER + CLEAR_LINE + "512" + after + "y"
    assert run_cli(["--output-dir", str(tmp_path)], keys) == 0
    assert f"  ✗ {expected}" in capsys.readouterr().out
    assert recorded_answers(tmp_path / "orders-service")["memory_size"] == "512"


def test_ctrl_c_exits_130_and_writes_nothing(tmp_path, capsys):
    assert run_cli(["--output-dir", str(tmp_path)], ENTER * 5 + CTRL_C) == 130
    assert list(tmp_path.iterdir()) == []
    assert "Aborted: nothing was generated." in capsys.readouterr().err


def test_declining_the_summary_and_changing_nothing_writes_nothing(template, tmp_path, capsys):
    quit_without_generating = UP + ENTER  # the last choice of "Which answer ... change?"
    keys = keys_for(template, {}, path="short") + "n" + quit_without_generating
    assert run_cli(["--output-dir", str(tmp_path)], keys) == 1
    assert list(tmp_path.iterdir()) == []
    assert "Nothing was generated." in capsys.readouterr().out


def write_answers(path: Path, answers: dict[str, Any]) -> Path:
    path.write_text(json.dumps(answers) if path.suffix == ".json" else _yaml(answers))
    return path


def _yaml(answers: dict[str, Any]) -> str:
    return "".join(f"{name}: {json.dumps(value)}\n" for name, value in answers.items())


def test_complete_answers_file_generates_without_asking(tmp_path):
    answers = write_answers(
        tmp_path / "answers.yaml",
        {"project_name": "Billing Jobs", "trigger": "schedule", "data_store": "none",
         "load_per_month": 8760, "average_duration_ms": 1500},
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


def test_trigger_suggests_its_workload_and_one_option_menus_are_not_asked(template):
    with create_pipe_input() as pipe:
        pipe.send_text(ENTER * 60)
        answers = Questionnaire(template, input=pipe, output=DummyOutput()).collect(
            {"trigger": "sqs"}, interactive=True
        )
    assert answers.values["workload"] == "data-processing"  # not the first profile, api
    assert answers.values["timeout"] == "300"
    # Asking nothing, the defaults are cookiecutter's own: `--no-input` makes what it makes.
    unattended = Questionnaire(template).collect({"trigger": "sqs"}, interactive=False)
    assert unattended.values["workload"] == "api"
    with create_pipe_input() as pipe:
        pipe.send_text(ENTER * 60)
        answers = Questionnaire(template, input=pipe, output=DummyOutput()).collect(
            {}, interactive=True
        )
    # The HTTP API's example needs its table: a menu of one choice is not a question.
    assert answers.values["data_store"] == "dynamodb"
    assert "data_store" not in answers.asked


def test_no_at_generation_lets_the_user_change_an_answer(template, tmp_path, capsys):
    shaping = keys_for(template, {}, path="short")
    questionnaire = Questionnaire(template)
    answers = Questionnaire(template).collect({}, interactive=False).values
    changeable = [name for name in template.answer_names if applies(name, answers)]
    change_the_trigger = DOWN * changeable.index("trigger") + ENTER
    to_sqs = answer_key(template, "trigger", "sqs", answers)
    # A queue worker can have a maintenance job: the checkbox is asked, and left unticked.
    keys = shaping + "n" + change_the_trigger + to_sqs + ENTER + "y"
    assert run_cli(["--output-dir", str(tmp_path)], keys) == 0
    recorded = recorded_answers(tmp_path / "orders-service")
    assert "extra_functions" not in recorded
    # The API's own answer went with it; the workload typed before stays as typed.
    assert (recorded["trigger"], recorded["api_auth"], recorded["workload"]) == (
        "sqs",
        "none",
        questionnaire.default("workload", {"trigger": "http-api"}),
    )
    out = capsys.readouterr().out
    assert out.count("Resources in orders-service/template.yaml:") == 2
    assert "SourceQueue                      AWS::SQS::Queue" in out


def test_existing_project_folder_is_reported_at_the_name(template, tmp_path, capsys):
    (tmp_path / "orders-service").mkdir()
    keys = CLEAR_LINE + "Orders Service" + ENTER + CLEAR_LINE + "Orders Two" + ENTER
    keys += keys_for(template, {"project_name": "Orders Two"}, path="short")[len(ENTER) :] + "y"
    assert run_cli(["--output-dir", str(tmp_path)], keys) == 0
    assert (
        f"✗ project_name: {tmp_path / 'orders-service'} already exists; choose another "
        "name or another --output-dir."
    ) in " ".join(capsys.readouterr().out.split())
    assert recorded_answers(tmp_path / "orders-two")["project_slug"] == "orders-two"


def test_existing_project_folder_is_reported_at_the_slug(template, tmp_path, capsys):
    (tmp_path / "taken").mkdir()
    before, after = keys_for(template, {"project_slug": "fresh-slug"}).split(
        CLEAR_LINE + "fresh-slug" + ENTER, 1
    )
    keys = before + CLEAR_LINE + "taken" + ENTER + CLEAR_LINE + "fresh-slug" + ENTER + after
    assert run_cli(["--output-dir", str(tmp_path)], keys + "y") == 0
    out = " ".join(capsys.readouterr().out.split())
    assert f"✗ project_slug: {tmp_path / 'taken'} already exists; choose another slug" in out
    assert (tmp_path / "fresh-slug").is_dir()


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Payments API v2.0", "payments-api-v2-0"), ("  Café Crème  ", "cafe-creme")],
)
def test_the_derived_slug_is_valid(template, tmp_path, name, slug):
    keys = CLEAR_LINE + name + ENTER + keys_for(template, {}, path="short")[len(ENTER) :] + "y"
    assert run_cli(["--output-dir", str(tmp_path)], keys) == 0
    recorded = recorded_answers(tmp_path / slug)
    assert (recorded["project_name"], recorded["project_slug"]) == (name.strip(), slug)


def test_harmless_differences_are_normalised(tmp_path):
    answers = write_answers(
        tmp_path / "answers.yaml",
        {"aws_region": " EU-West-1", "memory_size": "1,024", "project_slug": "Billing-Jobs",
         "provisioned_concurrency": "1_000", "latency": "provisioned"},
    )  # fmt: skip
    assert main(["--no-input", "--answers", str(answers), "--output-dir", str(tmp_path)]) == 0
    recorded = recorded_answers(tmp_path / "billing-jobs")
    normalised = ("aws_region", "memory_size", "provisioned_concurrency")
    assert [recorded[name] for name in normalised] == ["eu-west-1", "1024", "1000"]


def test_every_bad_answer_in_a_file_is_reported_at_once(tmp_path, capsys):
    answers = write_answers(
        tmp_path / "answers.yaml",
        {"memory_size": 64, "aws_region": "mars-north-1", "trigger": "ftp", "alarms": "maybe"},
    )
    argv = ["--no-input", "--answers", str(answers), "--output-dir", str(tmp_path / "out")]
    assert main(argv) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert [line.split(" is not allowed")[0] for line in err] == [
        "lambda-starter: error: aws_region='mars-north-1'",
        "lambda-starter: error: trigger='ftp'",
        "lambda-starter: error: memory_size='64'",
        "lambda-starter: error: alarms='maybe'",
    ]
    assert not (tmp_path / "out").exists()


def test_an_answer_that_does_not_apply_is_reported_and_not_recorded(tmp_path, capsys):
    answers = write_answers(
        tmp_path / "answers.yaml",
        {"trigger": "sqs", "api_auth": "jwt", "jwt_issuer": "https://issuer.example.com/"},
    )
    assert main(["--no-input", "--answers", str(answers), "--output-dir", str(tmp_path)]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [
        "lambda-starter: note: api_auth='jwt' does not apply: only with trigger http-api; left out",
        "lambda-starter: note: jwt_issuer='https://issuer.example.com/' does not apply: only "
        "with trigger http-api; left out",
    ]
    recorded = recorded_answers(tmp_path / "orders-service")
    assert (recorded["api_auth"], recorded["jwt_issuer"]) == ("none", "")


def test_a_hidden_choice_says_why(template, capsys):
    answers = Questionnaire(template).collect({"ephemeral_storage": "1024"}, interactive=False)
    with create_pipe_input() as pipe:
        pipe.send_text(ENTER)
        Questionnaire(template, input=pipe, output=DummyOutput()).ask("latency", answers.values)
    out = " ".join(capsys.readouterr().out.split())
    assert (
        "Not offered: snapstart. latency must be on-demand or provisioned with "
        "ephemeral_storage=1024: SnapStart supports at most 512 MB of /tmp, so lower "
        "ephemeral_storage to use it."
    ) in out


@pytest.mark.parametrize(
    ("name", "keys", "hint", "answered"),
    [
        ("vpc", ENTER, "(y/N)", r"private resources\) No"),
        ("latency", ENTER, "(Use arrow keys)", r"Cold-start strategy On-demand"),
    ],
)
def test_help_keeps_questionarys_hints(template, capsys, name, keys, hint, answered):
    """The help is its own line above the prompt; the prompt keeps its hint and its answer."""
    answers = Questionnaire(template).collect({}, interactive=False).values
    screen = io.StringIO()
    output = Vt100_Output(screen, lambda: Size(rows=40, columns=200), term="xterm")
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        Questionnaire(template, input=pipe, output=output).ask(name, answers)
    shown = ANSI_ESCAPE.sub("", screen.getvalue())
    assert hint in shown
    assert re.search(answered, shown)
    assert HELP[name] in " ".join(capsys.readouterr().out.split())
    assert HELP[name] not in shown


def shingles(text: str, size: int = 3) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9/]+", text.lower())
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def test_help_says_what_the_prompt_and_its_choices_do_not(template):
    for name, help_text in HELP.items():
        labels = template.prompts.get(name)
        own = " ".join(labels.values()) if isinstance(labels, dict) else template.prompt(name)
        assert not shingles(help_text) & shingles(own), name

    def sentences(text: str) -> list[str]:
        parts = (" ".join(part.lower().split()) for part in re.split(r"[.;:()]", text))
        return [part for part in parts if len(part.split()) > 3]

    helps = [sentence for text in HELP.values() for sentence in sentences(text)]
    prompts = {
        sentence for name in template.answer_names for sentence in sentences(template.prompt(name))
    }
    assert len(helps) == len(set(helps))
    assert not set(helps) & prompts


@pytest.mark.parametrize(
    ("typed", "number"),
    [("2,000,000", 2_000_000), ("2_000_000", 2_000_000), (" 1500.5 ", 1500.5), ("1e6", 1e6),
     ("2,00,000", None), ("1,5", None), ("nan", None), ("many", None)],
)  # fmt: skip
def test_numbers_as_people_type_them(typed, number):
    assert parse_number(typed) == number


def test_numbers_are_shown_grouped():
    assert (shown_number(1_000_000.0), shown_number(1500.5), shown_number(8760)) == (
        "1,000,000", "1,500.5", "8,760"
    )  # fmt: skip


def test_queue_load_is_asked_in_messages_and_priced_in_batches(template, tmp_path, capsys):
    screen = io.StringIO()
    output = Vt100_Output(screen, lambda: Size(rows=40, columns=200), term="xterm")
    keys = keys_for(template, {"trigger": "sqs"}) + "n" + UP + ENTER
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        assert main(["--output-dir", str(tmp_path)], input=pipe, output=output) == 1
    shown = ANSI_ESCAPE.sub("", screen.getvalue())
    # The defaults, grouped as people write them.
    assert "Messages a month, read in batches of 100, for the estimate 1,000,000" in shown
    assert "Average duration of an invocation in ms 2,000" in shown
    out = " ".join(capsys.readouterr().out.split())
    # data-processing: batches of 100, 2,000 ms each: 10,000 invocations.
    assert "for 1,000,000 messages a month in batches of 100 (10,000 invocations of 2,000 ms)" in (
        out
    )


def test_a_load_typed_with_separators_is_read(template, tmp_path, capsys):
    load = CLEAR_LINE + "2_000_000" + ENTER + CLEAR_LINE + "1,250" + ENTER
    keys = keys_for(template, {}, load=load) + "n" + UP + ENTER
    assert run_cli(["--output-dir", str(tmp_path)], keys) == 1
    out = " ".join(capsys.readouterr().out.split())
    assert "for 2,000,000 requests a month of 1,250 ms each" in out


def test_load_in_an_answers_file_takes_grouped_numbers(tmp_path, capsys):
    answers = write_answers(
        tmp_path / "answers.yaml",
        {"trigger": "schedule", "load_per_month": "8,760", "average_duration_ms": "1_500"},
    )
    assert main(["--no-input", "--answers", str(answers), "--output-dir", str(tmp_path)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "for 8,760 scheduled runs a month of 1,500 ms each" in out


def test_a_schedule_is_priced_at_its_own_rate(tmp_path, capsys):
    answers = write_answers(tmp_path / "answers.yaml", {"trigger": "schedule"})
    assert main(["--no-input", "--answers", str(answers), "--output-dir", str(tmp_path)]) == 0
    # rate(5 minutes) over a 730-hour month: 43,800 / 5 = 8,760 runs.
    assert "for 8,760 scheduled runs a month" in " ".join(capsys.readouterr().out.split())


def test_help_is_plain_text(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: lambda-starter")
    assert "Generate a production-grade AWS Lambda project" in out
    assert "``" not in out


def test_a_queue_worker_is_offered_a_maintenance_job_with_its_schedule(template, tmp_path):
    """The checkbox follows the trigger; the schedule's own answer is asked with it."""
    desired = {
        "trigger": "sqs",
        "extra_functions": "schedule",
        "schedule_expression": "rate(1 hour)",
    }
    keys = keys_for(template, desired, path="short")
    assert CLEAR_LINE + "rate(1 hour)" + ENTER in keys
    assert run_cli(["--output-dir", str(tmp_path)], keys + "y") == 0
    project = tmp_path / "orders-service"
    recorded = recorded_answers(project)
    assert (recorded["extra_functions"], recorded["schedule_expression"]) == (
        "schedule",
        "rate(1 hour)",
    )
    handler = project / "src" / "orders_service" / "maintenance" / "handler.py"
    assert "rate(1 hour)" in handler.read_text()


def test_a_summary_shows_each_function_s_settings_and_cost_by_logical_id(template):
    answers = Questionnaire(template).collect(
        {"trigger": "sqs", "extra_functions": "schedule"}, interactive=False
    )
    plan = make_plan(template, answers.values, traffic_for(template, answers.values))
    text = describe(plan, answers.values, ["trigger", "extra_functions"])
    functions = text.split("\nFunctions:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert functions == [
        "  Function             256 MB, 30 s timeout, 512 MB /tmp, workload api; "
        "batches of up to 10, filled for up to 1 s",
        "  MaintenanceFunction  1,024 MB, 300 s timeout, 1,024 MB /tmp, workload data-processing",
    ]
    flat = " ".join(text.split())
    # The job runs every 5 minutes (8,760 runs of its profile's 2,000 ms), at 1 GB:
    # 17,520 GB-s x $0.0000133334 = $0.233601168; the queue worker keeps the load given.
    assert (
        "for Function, 1,000,000 messages a month in batches of 10 (100,000 invocations of "
        "100 ms); MaintenanceFunction, 8,760 scheduled runs a month of 2,000 ms each" in flat
    )
    job = plan.cost.line("Lambda duration", "MaintenanceFunction")
    assert (job.dollars, job.basis) == (
        pytest.approx(0.233601168, rel=1e-12),
        "17,520 s x 1 GB at $0.0000133334 per GB-s",
    )
    assert "MaintenanceFunction: Lambda duration $ 0.23 17,520 s x 1 GB" in flat
    # Six alarms each (template.yaml): $0.60 a function; twelve, of which the free tier
    # takes ten ($1.00) once for the account.
    assert plan.cost.line("CloudWatch alarms", "Function").dollars == pytest.approx(0.6)
    assert plan.cost.line("CloudWatch alarms", "MaintenanceFunction").dollars == pytest.approx(0.6)
    free = {line.item: line.dollars for line in plan.cost.free_tier}
    assert free["CloudWatch alarms"] == pytest.approx(1.0)
    # 100,000 + 8,760 invocations at $0.20 a million, all within the one free million.
    assert free["Lambda requests"] == pytest.approx(0.021752, rel=1e-12)
    subtotals = {
        name: f"{name} subtotal $ {plan.cost.subtotal(name):,.2f}"
        for name in ("Function", "MaintenanceFunction")
    }
    assert all(row in flat for row in subtotals.values())
    assert plan.cost.total == pytest.approx(sum(map(plan.cost.subtotal, subtotals)))
    assert f"total $ {plan.cost.total:,.2f} a month" in flat


def test_a_single_function_summary_has_no_functions_section(template):
    answers = Questionnaire(template).collect({"trigger": "sqs"}, interactive=False)
    plan = make_plan(template, answers.values, traffic_for(template, answers.values))
    text = describe(plan, answers.values, ["trigger"])
    assert "Functions:" not in text
    assert "subtotal" not in text
    assert "  Lambda requests " in text
    assert {line.function for line in plan.cost.lines} == {""}


def test_a_stream_function_s_batches_are_read_per_shard(template):
    answers = Questionnaire(template).collect(
        {"trigger": "kinesis", "workload": "ml-inference"}, interactive=False
    )
    (function,) = function_plans(template, answers.values, traffic_for(template, answers.values))
    assert function.settings() == (
        "3,008 MB, 120 s timeout, 512 MB /tmp, workload ml-inference; batches of up to 10, "
        "filled for up to 1 s, 5 at a time per shard"
    )


@pytest.mark.subprocess  # generates the project: the hooks run as scripts
def test_the_cli_summary_prices_every_function(tmp_path, capsys):
    answers = write_answers(
        tmp_path / "answers.yaml",
        {"trigger": "sqs", "extra_functions": "schedule", "load_per_month": "2,000,000"},
    )
    assert main(["--no-input", "--answers", str(answers), "--output-dir", str(tmp_path)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Functions: Function 256 MB" in out
    assert "MaintenanceFunction 1,024 MB, 300 s timeout" in out
    assert "for Function, 2,000,000 messages a month" in out
    assert "MaintenanceFunction subtotal" in out
