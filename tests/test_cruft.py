"""Generated projects stay up to date with the template through cruft, end to end.

A local git clone stands in for the template's repository: create a project,
let the team edit it, change the template in a new commit, and update.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from lambda_starter.cli import main
from tests.conftest import REPO_ROOT

CRUFT = str(Path(sys.executable).with_name("cruft"))
TEAM_NOTES = "\n## Team notes\n\nOn call: the payments rota.\n"


def git(cwd: Path, *args: str) -> None:
    identity = ["-c", "user.email=ci@example.com", "-c", "user.name=CI"]
    subprocess.run(["git", *identity, *args], cwd=cwd, check=True, capture_output=True)


def cruft(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CRUFT, *args], cwd=cwd, capture_output=True, text=True, check=False)


def test_template_changes_reach_a_project_without_clobbering_its_edits(tmp_path: Path):
    template = tmp_path / "template"
    git(tmp_path, "clone", "--quiet", str(REPO_ROOT), str(template))
    created = cruft(tmp_path, "create", str(template), "--no-input", "--output-dir", "out")
    assert created.returncode == 0, created.stdout + created.stderr
    project = tmp_path / "out" / "orders-service"
    assert (project / ".cruft.json").is_file()
    assert (project / ".cookiecutter.json").is_file()

    git(project, "init", "--quiet")
    git(project, "add", "-A")
    git(project, "commit", "--quiet", "-m", "Generated")
    readme = project / "README.md"
    readme.write_text(readme.read_text() + TEAM_NOTES)
    git(project, "commit", "--quiet", "-am", "Team notes")
    assert cruft(project, "check").returncode == 0
    assert main(["check", str(project)]) == 0

    ignore = template / "{{cookiecutter.project_slug}}" / ".gitignore"
    ignore.write_text(ignore.read_text() + "*.log\n")
    git(template, "commit", "--quiet", "-am", "Ignore log files")
    assert cruft(project, "check").returncode != 0
    assert main(["check", str(project)]) == 1  # lambda-starter reads .cruft.json alike

    updated = cruft(project, "update", "--skip-apply-ask")
    assert updated.returncode == 0, updated.stdout + updated.stderr
    assert "*.log" in (project / ".gitignore").read_text().splitlines()
    assert readme.read_text().endswith(TEAM_NOTES)
    git(project, "add", "-A")
    git(project, "commit", "--quiet", "-m", "Update from the template")
    assert cruft(project, "check").returncode == 0
    assert main(["check", str(project)]) == 0
