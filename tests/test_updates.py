"""``lambda-starter check`` and ``update``, in-process, against a local clone of the template.

The clone has no remote, so it is the source its projects record. (tests/test_installed.py
runs the same commands from an installed package.)
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from lambda_starter.cfn_yaml import load_template
from lambda_starter.cli import main
from lambda_starter.org_config import OrgConfig
from lambda_starter.template import load_template as load
from lambda_starter.updates import answers_for_update
from tests.conftest import REPO_ROOT, answers_of
from tests.template_repo import (
    NEW_ANSWER,
    NEW_ANSWER_LINE,
    TEAM_NOTE,
    add_team_note,
    change_template,
    clone_template,
    commit_project,
    git,
)
from tests.test_answer_rules import default_answers

CLEAR_LINE = "\x15"


@pytest.fixture
def template(tmp_path: Path) -> Path:
    clone = clone_template(tmp_path / "template")
    git(clone, "remote", "remove", "origin")
    return clone


def generate(template: Path, output_dir: Path) -> Path:
    argv = ["--no-input", "--template", str(template), "--output-dir", str(output_dir)]
    assert main(argv) == 0
    return output_dir / "orders-service"


def test_update_asks_the_new_answer_and_applies_a_changed_fixed_one(
    home, template, tmp_path, monkeypatch, capsys
):
    project = generate(template, tmp_path / "out")
    assert answers_of(project)["cost_center"] == ""
    commit_project(project)
    add_team_note(project)
    newer = change_template(template)
    org = tmp_path / "org.yaml"
    org.write_text(yaml.safe_dump({"default_context": {"cost_center": "cc-9000"},
                                   "fixed_answers": ["cost_center"]}))  # fmt: skip
    monkeypatch.setenv("LAMBDA_STARTER_CONFIG", str(org))
    capsys.readouterr()

    with create_pipe_input() as pipe:
        pipe.send_text(CLEAR_LINE + "#team-x\r")
        code = main(["update", str(project)], input=pipe, output=DummyOutput())
    out = capsys.readouterr().out
    assert code == 0, out
    assert f"The newer template adds answers: {NEW_ANSWER}" in out.splitlines()
    assert f"  {NEW_ANSWER}='#team-x'" in out.splitlines()
    assert "  cost_center='cc-9000'" in out.splitlines()
    recorded = answers_of(project)
    assert (recorded[NEW_ANSWER], recorded["cost_center"]) == ("#team-x", "cc-9000")
    assert recorded["_template"] == {"commit": newer, "source": str(template)}
    readme = (project / "README.md").read_text()
    assert TEAM_NOTE in readme
    assert NEW_ANSWER_LINE.format(value="#team-x") in readme.splitlines()
    tags = load_template(project / "template.yaml")["Globals"]["Function"]["Tags"]
    assert tags["cost-center"] == "cc-9000"
    assert "Review the changes with `git diff HEAD`, then commit them." in out


def test_check_ignores_commits_that_leave_the_template_alone(home, template, tmp_path, capsys):
    project = generate(template, tmp_path / "out")
    (template / "README.md").write_text("The template repository's own README.\n")
    git(template, "commit", "--quiet", "-am", "Docs only")
    capsys.readouterr()
    assert main(["check", str(project)]) == 0
    assert capsys.readouterr().out.startswith("orders-service is up to date with its template")


def test_update_of_a_current_project_changes_nothing(home, template, tmp_path, capsys):
    project = generate(template, tmp_path / "out")
    commit_project(project)
    capsys.readouterr()
    assert main(["update", "--no-input", str(project)]) == 0
    assert capsys.readouterr().out.endswith(": nothing to do.\n")
    assert git(project, "status", "--porcelain") == ""


def test_update_needs_the_project_in_git(home, template, tmp_path, capsys):
    project = generate(template, tmp_path / "out")
    change_template(template)
    before = sorted(project.rglob("*"))
    capsys.readouterr()
    assert main(["update", "--no-input", str(project)]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"lambda-starter: error: {project} is not in a git repository;")
    assert sorted(project.rglob("*")) == before


def test_update_refuses_uncommitted_changes(home, template, tmp_path, capsys):
    project = generate(template, tmp_path / "out")
    commit_project(project)
    change_template(template)
    (project / "README.md").write_text("work in progress\n")
    capsys.readouterr()
    assert main(["update", "--no-input", str(project)]) == 1
    assert capsys.readouterr().err == (
        f"lambda-starter: error: {project} has uncommitted changes: commit or stash them first\n"
    )
    assert git(project, "status", "--porcelain") == "M README.md"


def test_check_says_when_it_cannot_tell(home, template, tmp_path, capsys):
    """Exit 2, not 1: a CI job can tell a project that is behind from a broken check."""
    assert main(["check", str(tmp_path)]) == 2
    assert capsys.readouterr().err == (
        f"lambda-starter: error: {tmp_path} has no .cookiecutter.json: "
        "not a project generated by a template\n"
    )
    project = generate(template, tmp_path / "out")
    recorded = answers_of(project)
    recorded["_template"]["commit"] = "0" * 40
    (project / ".cookiecutter.json").write_text(json.dumps(recorded))
    capsys.readouterr()
    assert main(["check", str(project)]) == 2
    assert capsys.readouterr().err == (
        f"lambda-starter: error: the project's template commit {'0' * 40} is not in "
        f"{template}; give --template the repository the project was generated from\n"
    )
    del recorded["_template"]
    (project / ".cookiecutter.json").write_text(json.dumps(recorded))
    assert main(["check", str(project)]) == 2
    assert "records no template commit" in capsys.readouterr().err


def test_a_project_s_answers_file_regenerates_it(home, template, tmp_path):
    """.cookiecutter.json is a valid --answers file: its template record is skipped."""
    project = generate(template, tmp_path / "first")
    argv = ["--no-input", "--template", str(template), "--output-dir", str(tmp_path / "again")]
    assert main([*argv, "--answers", str(project / ".cookiecutter.json")]) == 0
    again = tmp_path / "again" / "orders-service"
    assert answers_of(again) == answers_of(project)
    assert (again / "template.yaml").read_text() == (project / "template.yaml").read_text()


def test_an_answer_recorded_only_when_set_is_not_new_where_it_is_missing(home, capsys):
    """extra_functions is recorded only when given: a project without it has one function,
    whether it was generated before the answer existed or after, and is not asked again."""
    recorded = {
        name: value for name, value in default_answers().items() if name != "extra_functions"
    }
    template = load(str(REPO_ROOT))
    assert answers_for_update(template, recorded, OrgConfig(None, "none"), False, {}) == {}
    assert answers_for_update(template, recorded, OrgConfig(None, "none"), True, {}) == {}
    assert "adds answers" not in capsys.readouterr().out
