"""A local git clone of the template, to change in new commits as its maintainers would.

The clone takes the checkout's last commit; tests that need an older and a newer
template generate from the clone, then commit a change to it.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import REPO_ROOT

IDENTITY = ("-c", "user.email=ci@example.com", "-c", "user.name=CI")
PROJECT_DIR = "{{cookiecutter.project_slug}}"
# A new answer a later template adds, and where its value shows in the project.
NEW_ANSWER = "oncall_channel"
NEW_ANSWER_LINE = "On call: {value}"
TEAM_NOTE = "Team note: the payments rota owns this service."
# The repository's top-level paths that are not the template: the tools around it. Every
# other path is template, and must travel in the package (tests/test_installed.py).
TOOLING = {
    ".ci", ".github", ".gitignore", "Makefile", "README.md", "benchmarks", "examples",
    "lambda_starter", "pyproject.toml", "scripts", "setup.py", "tests",
}  # fmt: skip


def git(cwd: Path, *args: str) -> str:
    """Run git in ``cwd``; fail the test on an error; return its output."""
    result = subprocess.run(
        ["git", *IDENTITY, *args], cwd=cwd, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def clone_template(destination: Path) -> Path:
    """A clone of this checkout's last commit."""
    git(destination.parent, "clone", "--quiet", str(REPO_ROOT), str(destination))
    return destination


def commit_project(project: Path) -> None:
    """Put a generated project under git, as a team does first."""
    git(project, "init", "--quiet")
    git(project, "add", "-A")
    git(project, "commit", "--quiet", "-m", "Generated")


def add_team_note(project: Path) -> None:
    """The team edits the README near its top (the template's later change is at its end)."""
    readme = project / "README.md"
    title, rest = readme.read_text().split("\n", 1)
    readme.write_text(f"{title}\n\n{TEAM_NOTE}\n{rest}")
    git(project, "commit", "--quiet", "-am", "Team note")


def change_template(template: Path) -> str:
    """Commit a later template: ignore *.log, and a new answer shown in the README."""
    ignore = template / PROJECT_DIR / ".gitignore"
    ignore.write_text(ignore.read_text() + "*.log\n")
    answers = template / "cookiecutter.json"
    before = answers.read_text()
    after = before.replace(
        '  "alarm_email": "",\n', f'  "alarm_email": "",\n  "{NEW_ANSWER}": "#ops",\n'
    )
    assert after != before
    answers.write_text(after)
    readme = template / PROJECT_DIR / "README.md"
    line = NEW_ANSWER_LINE.format(value="{{ cookiecutter." + NEW_ANSWER + " }}")
    readme.write_text(readme.read_text() + f"\n{line}\n")
    git(template, "commit", "--quiet", "-am", "Ignore log files; name the on-call channel")
    return git(template, "rev-parse", "HEAD")
