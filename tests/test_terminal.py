"""The installed ``lambda-starter`` in a real pseudo-terminal, 80 columns wide.

What a newcomer sees: how many prompts the default project takes, and whether a
rejected answer's rule is on screen in full.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pexpect
import pytest

from lambda_starter.answer_rules import check_answer
from lambda_starter.questionnaire import Questionnaire
from lambda_starter.template import Template, load_template
from tests.conftest import REPO_ROOT

ENTER = "\r"
CLEAR_LINE = "\x15"
CTRL_C = "\x03"
COLUMNS = 80
# Cursor movement, colours and erasures; what is left is the text on screen.
ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-Z\\-_]")
OWN_PROMPTS = ("Accept the recommended defaults?", "Generate the project?")


@pytest.fixture(scope="module")
def template() -> Template:
    return load_template(str(REPO_ROOT))


def spawn(output_dir: Path) -> pexpect.spawn:
    """The installed command, its output also kept in ``child.logfile_read``."""
    command = Path(sys.executable).with_name("lambda-starter")
    child = pexpect.spawn(
        str(command),
        ["--output-dir", str(output_dir)],
        encoding="utf-8",
        timeout=60,
        dimensions=(40, COLUMNS),
    )
    child.logfile_read = io.StringIO()
    return child


def screen_text(raw: str) -> str:
    return ANSI.sub("", raw).replace("\r", "")


def prompts_shown(text: str, template: Template) -> list[str]:
    """The questions put to the user, in order, each once."""
    known = [template.prompt(name) for name in template.answer_names] + list(OWN_PROMPTS)
    asked = []
    for line in text.splitlines():
        for prompt in known:
            if line.startswith(f"? {prompt}") and prompt not in asked:
                asked.append(prompt)
    return asked


def test_the_default_project_takes_at_most_eight_prompts(template, tmp_path):
    child = spawn(tmp_path)
    child.expect("Project name")
    # Eight Enters at most: a ninth question would wait for input and time out.
    child.send(ENTER * 8)
    child.expect(r"Generated (\S+)\. Next")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    text = screen_text(child.logfile_read.getvalue())
    shown = prompts_shown(text, template)
    assert shown == [
        template.prompt("project_name"),
        template.prompt("trigger"),
        template.prompt("extra_functions"),  # the functions that can join an API
        template.prompt("api_auth"),
        template.prompt("workload"),
        "Accept the recommended defaults?",
        "Generate the project?",
    ], text
    assert (tmp_path / "orders-service" / "src" / "orders_service" / "handler.py").is_file()


def answer(child: pexpect.spawn, prompt: str, keys: str) -> None:
    """Wait for ``prompt`` to be asked, then type ``keys``.

    Only the prompt's start is awaited: at 80 columns a long one wraps.
    """
    child.expect(question(prompt))
    child.send(keys)


def question(prompt: str) -> str:
    """A regex for the question mark and the prompt's start, colour codes between them."""
    return r"\?(?:\x1b\[[0-9;]*m)* " + re.escape(prompt[:30])


@pytest.mark.parametrize(
    ("name", "typed", "fixed"),
    [("aws_region", "mars-north-1", "EU-West-1 "), ("project_slug", "Bad Slug!", "good-slug")],
)
def test_a_rejected_answers_rule_is_on_screen_in_full_at_80_columns(
    template, tmp_path, name, typed, fixed
):
    child = spawn(tmp_path)
    for shaping in ("project_name", "trigger", "extra_functions", "api_auth", "workload"):
        answer(child, template.prompt(shaping), ENTER)
    answer(child, "Accept the recommended defaults?", "n")
    names = template.answer_names
    for earlier in names[names.index("project_slug") : names.index(name)]:
        answer(child, template.prompt(earlier), ENTER)
    answer(child, template.prompt(name), CLEAR_LINE + typed + ENTER)
    child.expect_exact("✗ ")
    child.expect(question(template.prompt(name)))  # asked again
    message = screen_text(child.before)
    child.send(CLEAR_LINE + fixed + ENTER)
    child.expect(question(template.prompt(names[names.index(name) + 1])))  # the fixed was taken
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    lines = [line for line in message.splitlines() if line.strip()]
    assert all(len(line) <= COLUMNS for line in lines), lines
    questionnaire = Questionnaire(template)
    defaults = questionnaire.collect({}, interactive=False).values
    shown = questionnaire.normalise(name, typed, defaults)  # a slug is lowercased
    expected = str(check_answer(name, shown, {"trigger": "http-api"}))
    assert " ".join(" ".join(lines).split()) == expected
