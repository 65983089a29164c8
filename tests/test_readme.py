"""The template README documents every answer and states the profiles as cookiecutter.json does."""

from __future__ import annotations

import re
import shlex
from typing import Any

from lambda_starter.answer_rules import applies, check_answer
from lambda_starter.cli import build_parser, build_project_parser
from tests.conftest import REPO_ROOT, TEMPLATE_CONTEXT

README = (REPO_ROOT / "README.md").read_text()


def test_every_answer_is_documented():
    answers = [key for key in TEMPLATE_CONTEXT if not key.startswith("_")]
    undocumented = [answer for answer in answers if f"`{answer}`" not in README]
    assert undocumented == []


def test_profile_table_matches_cookiecutter_json():
    row = re.compile(
        r"^\| `([a-z-]+)` \| (\d+) MB \| (\d+) s \| (\d+) s \| (\d+) MB \| (\d+), (\d+) s "
        r"\| (\d+), (\d+) s, (\d+) \|$",
        re.M,
    )
    documented = {name: tuple(map(int, numbers)) for name, *numbers in row.findall(README)}
    fields = (
        "memory_size",
        "api_timeout",
        "event_timeout",
        "ephemeral_storage",
        "batch_size",
        "batching_window_seconds",
        "stream_batch_size",
        "stream_batching_window_seconds",
        "parallelization_factor",
    )
    profiles = {
        name: tuple(profile[field] for field in fields)
        for name, profile in TEMPLATE_CONTEXT["_workload_profiles"].items()
    }
    assert documented == profiles


ANSWER_ROW = re.compile(r"^\| (`[a-z_0-9]+`(?:, `[a-z_0-9]+`)*) \| ([^|]+) \| ([^|]+) \|$", re.M)
# Other answers that make each conditional answer apply, so its rule can be asked.
CONTEXTS = [
    {"trigger": "http-api", "api_auth": "jwt", "secrets": "ssm", "latency": "provisioned",
     "vpc": True, "alarms": True},
    {"trigger": "schedule"},
    {"trigger": "eventbridge"},
    {"trigger": "s3"},
    {"trigger": "sqs"},
    {"trigger": "kinesis", "aws_region": "us-east-1"},
    {"ephemeral_storage": "1024"},
]  # fmt: skip
# Values the rules refuse (in one of the contexts), so that they state what they allow.
REFUSED = ("\x00", "45", "-1", "snapstart")


def answers_table() -> dict[str, tuple[str, str]]:
    """The README's Answers table: answer -> (default as documented, effect)."""
    table = README.split("## Answers", 1)[1].split("\n### ", 1)[0]
    rows = {}
    for names, defaults, effect in ANSWER_ROW.findall(table):
        names = [name.strip("`") for name in names.split(", ")]
        values = [value.strip() for value in defaults.split(", ")] if len(names) > 1 else [defaults]
        assert len(values) == len(names), names
        rows.update(
            {name: (value.strip(), effect) for name, value in zip(names, values, strict=True)}
        )
    return rows


def documented_default(value: Any) -> str:
    """How the table shows a default from cookiecutter.json."""
    if isinstance(value, list):
        value = value[0]
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if value == "":
        return "empty"
    return f"`{value}`"


def test_the_answers_table_lists_every_answer_once():
    answers = [key for key in TEMPLATE_CONTEXT if not key.startswith("_")]
    assert sorted(answers_table()) == sorted(answers)


def test_the_answers_table_shows_cookiecutters_defaults():
    for name, (default, _effect) in answers_table().items():
        raw = TEMPLATE_CONTEXT[name]
        if isinstance(raw, str) and "{{" in raw:
            assert default.startswith(("from ", "`<")), (name, default)
        else:
            assert default == documented_default(raw), (name, default)


def allowed_messages(name: str) -> str:
    """Everything the rule of ``name`` says it allows, for values it refuses."""
    messages = []
    for context in CONTEXTS:
        if not applies(name, context):
            continue
        for value in REFUSED:
            error = check_answer(name, value, context)
            if error:
                messages.append(re.sub(r"from (\d+) to (\d+)", r"\1-\2", error.allowed))
    return " ".join(messages)


def test_the_limits_in_the_answers_table_are_the_rules_limits():
    """A range (3-32) or a maximum (at most 256) in the table is stated by the row's rules."""
    rows: dict[str, list[str]] = {}
    for name, (_default, effect) in answers_table().items():
        rows.setdefault(effect, []).append(name)
    for effect, names in rows.items():
        limits = re.findall(r"\b\d+-\d+\b|at most \d+", effect.replace(",", ""))
        stated = " ".join(allowed_messages(name) for name in names).replace(",", "")
        missing = [limit for limit in limits if limit not in stated]
        assert missing == [], (names, missing, stated)


def readme_commands(program: str) -> list[list[str]]:
    """The command lines of ``program`` in the README's shell blocks, without comments."""
    blocks = re.findall(r"```sh\n(.*?)```", README, re.S)
    lines = [line.strip() for block in blocks for line in block.splitlines()]
    return [shlex.split(line, comments=True) for line in lines if line.startswith(f"{program} ")]


def test_the_readme_s_lambda_starter_commands_parse():
    """Each `lambda-starter ...` line of the README is accepted by the command's parsers."""
    commands = readme_commands("lambda-starter")
    assert {tuple(argv[1:2]) for argv in commands} >= {("check",), ("update",), ("--version",)}
    for _program, *args in commands:
        if args and args[0] in ("check", "update"):
            build_project_parser(args[0]).parse_args(args[1:])
        else:
            build_parser().parse_args(args)


def test_the_options_table_lists_the_command_s_options():
    table = README.split("### The questionnaire", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"^\| `(--[a-z-]+)", table, re.M))
    options = {
        option
        for action in build_parser()._actions
        for option in action.option_strings
        if option.startswith("--") and option != "--help"
    }
    assert documented == options
