"""The extra_functions answer: further functions of the same service, one per trigger.

Which trigger can join which main trigger is declared in the registry
(lambda_starter/triggers.py, ``Trigger.joins``); the expected pairs are written
down in tests/expected.py. No pair is generated yet, so every value but empty is
refused, and a project that leaves the answer empty is generated exactly as it
was before the answer existed.
"""

from __future__ import annotations

import filecmp
import json
from pathlib import Path
from typing import Any

import pytest

from lambda_starter import answer_rules
from lambda_starter.answer_rules import applies, check_answer, check_answers
from lambda_starter.jinja_extension import recorded_answers
from lambda_starter.template_version import ANSWERS_KEY
from lambda_starter.triggers import TRIGGERS, extras_for
from tests.combinations import COMBINATIONS
from tests.expected import EXTRA_FUNCTION_PAIRS
from tests.test_answer_rules import default_answers

DEFAULTS = default_answers()


def refusal(value: Any, **answers: Any) -> str:
    """What the rule says about ``extra_functions=value`` with the other ``answers``."""
    context = DEFAULTS | answers | {"extra_functions": value}
    error = check_answer("extra_functions", value, context)
    assert error is not None, value
    return str(error)


def test_the_registry_declares_the_pairs_written_down():
    declared = {main: extras_for(main) for main in TRIGGERS if extras_for(main)}
    assert declared == EXTRA_FUNCTION_PAIRS


def test_every_declared_pair_is_a_declared_combination():
    combined = {
        (answers.get("trigger", "http-api"), extra)
        for answers in (combination.answers for combination in COMBINATIONS)
        for extra in answers.get("extra_functions", "").split(",")
        if extra
    }
    pairs = {(main, extra) for main, extras in EXTRA_FUNCTION_PAIRS.items() for extra in extras}
    assert combined == pairs


@pytest.mark.parametrize("value", ["", " ", ","])
def test_no_extra_function_is_accepted(value: str):
    assert check_answers(DEFAULTS | {"extra_functions": value}) == []


@pytest.mark.parametrize("trigger", sorted(TRIGGERS))
def test_the_answer_is_not_asked_while_no_trigger_can_join(trigger: str):
    assert not applies("extra_functions", DEFAULTS | {"trigger": trigger})


def test_a_given_value_is_checked_although_the_answer_is_not_asked():
    assert applies("extra_functions", DEFAULTS | {"extra_functions": "sqs"})
    assert applies("extra_functions", DEFAULTS | {"extra_functions": ["sqs"]})


def test_an_unknown_trigger_is_refused_naming_the_known_ones():
    assert refusal("ftp") == (
        "extra_functions='ftp' is not allowed: 'ftp' is not a trigger (they are http-api, sqs, "
        "schedule, eventbridge, s3, kinesis, dynamodb-stream); empty: no trigger can join a "
        "http-api function yet."
    )


def test_the_main_trigger_is_refused():
    assert refusal(" sqs ", trigger="sqs") == (
        "extra_functions=' sqs ' is not allowed: sqs is the main function's trigger already; "
        "empty: no trigger can join a sqs function yet."
    )


def test_a_pair_that_is_not_generated_is_refused():
    assert refusal("sqs,schedule") == (
        "extra_functions='sqs,schedule' is not allowed: a sqs function cannot join a http-api "
        "function; empty: no trigger can join a http-api function yet."
    )


def test_a_list_instead_of_text_is_refused():
    assert refusal(["sqs"]).endswith(
        "is not allowed: empty: no trigger can join a http-api function yet."
    )


def test_the_rule_names_the_triggers_that_can_join_once_some_can(monkeypatch):
    """The rule reads the registry: were sqs and schedule able to join an API, it offers them."""
    monkeypatch.setattr(answer_rules, "extras_for", lambda main: ("sqs", "schedule"))
    allowed = (
        "empty, or the triggers that can join a http-api function, each once and "
        "comma-separated: sqs, schedule."
    )
    assert check_answers(DEFAULTS | {"extra_functions": "sqs, schedule"}) == []
    assert refusal("sqs,sqs").endswith(f"sqs is listed twice; {allowed}")
    assert refusal("sqs,kinesis").endswith(
        f"a kinesis function cannot join a http-api function; {allowed}"
    )


def test_the_answer_is_recorded_only_when_given():
    answers = {"trigger": "http-api", "extra_functions": ""}
    recorded = recorded_answers(answers)
    recorded.pop(ANSWERS_KEY, None)
    assert recorded == {"trigger": "http-api"}
    assert recorded_answers(answers | {"extra_functions": "sqs"})["extra_functions"] == "sqs"


def same_tree(left: Path, right: Path) -> list[str]:
    """The files that differ between two trees, or exist in one only (relative paths)."""
    comparison = filecmp.dircmp(left, right)
    differences = [*comparison.left_only, *comparison.right_only, *comparison.funny_files]
    _, mismatch, errors = filecmp.cmpfiles(left, right, comparison.common_files, shallow=False)
    differences += mismatch + errors
    for name in comparison.common_dirs:
        differences += [f"{name}/{path}" for path in same_tree(left / name, right / name)]
    return differences


@pytest.mark.subprocess
def test_an_empty_answer_generates_the_single_function_project(cookies: Any, default_project: Path):
    result = cookies.bake(extra_context={"extra_functions": ""})
    assert result.exit_code == 0, result.exception
    project = Path(result.project_path)
    assert same_tree(default_project, project) == []
    assert "extra_functions" not in json.loads((project / ".cookiecutter.json").read_text())


@pytest.mark.subprocess
def test_the_pre_generation_hook_refuses_an_extra_function(cookies: Any):
    result = cookies.bake(extra_context={"extra_functions": "sqs"})
    assert result.exit_code != 0
    assert result.project_path is None or not Path(result.project_path).exists()
