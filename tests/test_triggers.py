"""Triggers are plug-ins: a registry entry, a folder, a choice in cookiecutter.json, a combination.

These tests keep the registry (lambda_starter/triggers.py), the trigger folders
(templates/triggers/<name>/) and cookiecutter.json in step, check that every
answer value is baked by some supported combination, and measure how far a
trigger's name spreads outside its own folder.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from lambda_starter.triggers import MODELS, TRIGGERS
from tests.combinations import COMBINATIONS
from tests.conftest import REPO_ROOT, TEMPLATE_CONTEXT

TEMPLATES = REPO_ROOT / "templates"
# The files that make the template, outside the trigger folders: where a trigger's name
# must not spread (tests, documentation and benchmarks aside).
SOURCE_ROOTS = (
    "cookiecutter.json",
    "lambda_starter",
    "hooks",
    "templates",
    "{{cookiecutter.project_slug}}",
)
MAX_FILES_NAMING_A_TRIGGER = 3


def test_the_registry_holds_exactly_the_triggers_cookiecutter_offers():
    assert list(TRIGGERS) == TEMPLATE_CONTEXT["trigger"]
    labels = TEMPLATE_CONTEXT["__prompts__"]["trigger"]
    assert set(labels) - {"__prompt__"} == set(TRIGGERS)


def file_names(folder: Path) -> set[str]:
    """The names a folder's files render to, when the feature their name may carry is on."""
    return {re.sub(r"\{%.*?%\}", "", path.name) for path in folder.iterdir() if path.is_file()}


@pytest.mark.parametrize("name", list(TRIGGERS))
def test_each_trigger_has_its_folder(name: str):
    trigger = TRIGGERS[name]
    folder = TEMPLATES / "triggers" / name
    assert (folder / "template.yaml").is_file()
    assert (folder / "README.md").is_file()
    project = folder / "project"
    events = file_names(project / "events")
    assert trigger.sample_event in events
    # An extra function's own sample event, if the trigger's does not fit it.
    assert not trigger.extra or trigger.extra.sample_event in events | {""}
    assert (project / "src" / "{{cookiecutter.package_name}}" / "handler.py").is_file()
    assert {"test_handler.py", "test_handler_properties.py"} <= file_names(
        project / "tests" / "unit"
    )
    assert (TEMPLATES / "invocations" / f"{trigger.invocation}.yaml").is_file()
    for answer in trigger.answers:
        assert answer in TEMPLATE_CONTEXT, (name, answer)


@pytest.mark.parametrize("name", list(TRIGGERS))
def test_each_trigger_brings_its_smoke_test_and_what_it_may_do(name: str):
    """The smoke test CI runs against dev, its README sentence, and its bootstrap permissions."""
    folder = TEMPLATES / "triggers" / name
    assert len(TRIGGERS[name].smoke_test) > 40, name
    assert list((folder / "project" / "tests" / "integration").glob("test_*.py")), name
    bootstrap = (folder / "bootstrap.yaml").read_text()
    for macro in ("passed_to_services", "execution_statements", "smoke_statements"):
        assert f"{{%- macro {macro}() %}}" in bootstrap, (name, macro)


def test_every_invocation_model_has_its_partial():
    for invocation in MODELS:
        assert (TEMPLATES / "invocations" / f"{invocation}.yaml").is_file()


def baked_values(answer: str) -> set[str]:
    default = TEMPLATE_CONTEXT[answer]
    given = {str(c.answers[answer]).lower() for c in COMBINATIONS if answer in c.answers}
    if any(answer not in c.answers for c in COMBINATIONS):
        given.add(str(default[0] if isinstance(default, list) else default).lower())
    return given


def test_every_choice_and_flag_value_is_baked_by_a_combination():
    truthy, falsy = {"true", "yes", "y", "1", "on"}, {"false", "no", "n", "0", "off"}
    for answer, default in TEMPLATE_CONTEXT.items():
        if answer.startswith("_"):
            continue
        values = baked_values(answer)
        if isinstance(default, list):
            assert set(default) <= values, (answer, set(default) - values)
        elif isinstance(default, bool):
            assert values & truthy, (answer, values)
            assert values & falsy, (answer, values)


def source_files() -> list[Path]:
    """The template's source files (compiled caches aside)."""
    files = []
    for root in (REPO_ROOT / name for name in SOURCE_ROOTS):
        candidates = [root] if root.is_file() else root.rglob("*")
        files += [p for p in candidates if p.is_file() and "__pycache__" not in p.parts]
    return files


def files_naming(name: str) -> list[str]:
    """The source files outside the trigger's folder that hold its name as a quoted string."""
    quoted = re.compile(rf"[\"']{re.escape(name)}[\"']")
    # The AWS service of the same name (sqs, s3, kinesis) is no mention of the trigger: a
    # boto3 client of it, or its entry in the price list.
    service = re.compile(rf"(client\(|pricing\[)[\"']{re.escape(name)}[\"']")
    own_folder = TEMPLATES / "triggers" / name
    return sorted(
        str(path.relative_to(REPO_ROOT))
        for path in source_files()
        if own_folder not in path.parents
        and quoted.search(service.sub("", path.read_text(encoding="utf-8")))
    )


def test_a_trigger_is_named_in_few_files_outside_its_folder(capsys: pytest.CaptureFixture[str]):
    spread = {name: files_naming(name) for name in TRIGGERS}
    with capsys.disabled():
        for name, files in spread.items():
            print(f"\n{name}: named in {len(files)} files outside its folder: {', '.join(files)}")
    assert all(len(files) <= MAX_FILES_NAMING_A_TRIGGER for files in spread.values()), spread
