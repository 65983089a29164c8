"""The command as teams install it: from a git URL, into a fresh virtualenv, run from elsewhere.

pip installs from a local clone (``git+file://``: no network for the template) without
``--editable``, so the command has only the copy of the template the package carries.
The clone gets a partial under ``templates/`` and a tag first, so the tests see that
the copy carries that folder and that the version names the tag.
"""

from __future__ import annotations

import filecmp
import json
import os
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO_ROOT
from tests.template_repo import (
    NEW_ANSWER,
    NEW_ANSWER_LINE,
    PROJECT_DIR,
    TEAM_NOTE,
    TOOLING,
    add_team_note,
    change_template,
    clone_template,
    commit_project,
    git,
)

pytestmark = pytest.mark.subprocess

TAG = "v9.9.9"
PARTIAL = "templates/partials/provenance.md"
PARTIAL_TEXT = "Generated from the organisation's template."
VERSION = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]["version"]
# Settings of the machine that must not reach the commands under test.
UNSET = ("LAMBDA_STARTER_CONFIG", "COOKIECUTTER_CONFIG", "XDG_CONFIG_HOME", "VIRTUAL_ENV")


@dataclass(frozen=True)
class Installation:
    """A fresh virtualenv with lambda-starter installed from ``template``, a local clone."""

    template: Path
    venv: Path
    elsewhere: Path

    def environment(self, **extra: str) -> dict[str, str]:
        """No user config of this machine: a home of its own."""
        environment = {name: value for name, value in os.environ.items() if name not in UNSET}
        return environment | {"HOME": str(self.elsewhere.parent / "home")} | extra

    def run(self, *args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess:
        """Run the installed ``lambda-starter`` (from the unrelated folder by default)."""
        command = [str(self.venv / "bin" / "lambda-starter"), *args]
        return subprocess.run(
            command,
            cwd=cwd or self.elsewhere,
            env=self.environment(**env),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            check=False,
        )

    def python(self, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
        command = [str(self.venv / "bin" / "python"), *args]
        return subprocess.run(
            command,
            cwd=cwd or self.elsewhere,
            env=self.environment(),
            capture_output=True,
            text=True,
            check=False,
        )

    @property
    def bundle(self) -> Path:
        """Where the installed package keeps its template."""
        (site,) = self.venv.glob("lib/python*/site-packages")
        return site / "lambda_starter" / "_template"


def install(root: Path) -> Installation:
    """Clone the template, add a partial and a tag, and pip install the clone into a new venv."""
    template = clone_template(root / "template").resolve()
    (template / PARTIAL).parent.mkdir(parents=True)
    (template / PARTIAL).write_text(f"{PARTIAL_TEXT}\n")
    readme = template / PROJECT_DIR / "README.md"
    readme.write_text(readme.read_text() + "\n{% include 'partials/provenance.md' %}")
    git(template, "add", "-A")
    git(template, "commit", "--quiet", "-m", "A partial in templates/")
    git(template, "tag", TAG)
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    environment = {name: value for name, value in os.environ.items() if name not in UNSET}
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    installed = subprocess.run(
        [*pip, f"git+file://{template}"], capture_output=True, text=True, env=environment
    )
    assert installed.returncode == 0, installed.stderr
    (root / "elsewhere").mkdir()
    (root / "home").mkdir()
    return Installation(template, venv, root / "elsewhere")


def template_files(repo: Path) -> list[str]:
    """The committed files that make the template: all but the tools around it."""
    files = git(repo, "ls-files").splitlines()
    return sorted(name for name in files if name.split("/", 1)[0] not in TOOLING)


def tree(root: Path) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installation:
    return install(tmp_path_factory.mktemp("installed"))


def test_version_names_the_command_and_the_template_commit(installed):
    result = installed.run("--version")
    assert result.returncode == 0, result.stderr
    commit = git(installed.template, "rev-parse", "HEAD")
    assert result.stdout.splitlines() == [
        f"lambda-starter {VERSION}",
        f"template {TAG} (commit {commit}, from {installed.template})",
    ]


def test_the_package_carries_the_template_of_the_commit_it_was_built_from(installed):
    """One tree: the installed copy is exactly the committed template, templates/ included."""
    committed = template_files(installed.template)
    assert PARTIAL in committed
    carried = [name for name in tree(installed.bundle) if "__pycache__" not in name]
    assert carried == sorted([*committed, "template-version.json"])
    for name in committed:
        assert (installed.bundle / name).read_bytes() == (installed.template / name).read_bytes()
    record = json.loads((installed.bundle / "template-version.json").read_text())
    commit = git(installed.template, "rev-parse", "HEAD")
    assert record == {
        "commit": commit,
        "modified": False,
        "source": str(installed.template),
        "version": TAG,
    }


def test_the_installed_command_generates_what_plain_cookiecutter_does(installed):
    answers = {"project_name": "Fulfilment Events", "trigger": "sqs", "architecture": "x86_64"}
    answers_file = installed.elsewhere / "answers.yaml"
    answers_file.write_text(yaml.safe_dump(answers))
    by_command = installed.run(
        "--no-input", "--answers", str(answers_file), "--output-dir", "by-command"
    )
    assert by_command.returncode == 0, by_command.stderr
    overrides = [f"{name}={value}" for name, value in answers.items()]
    by_cookiecutter = installed.python(
        "-m", "cookiecutter", "--no-input", f"git+file://{installed.template}",
        "--output-dir", "by-cookiecutter", *overrides,
    )  # fmt: skip
    assert by_cookiecutter.returncode == 0, by_cookiecutter.stderr

    left = installed.elsewhere / "by-command" / "fulfilment-events"
    right = installed.elsewhere / "by-cookiecutter" / "fulfilment-events"
    files = tree(left)
    assert files == tree(right)
    assert len(files) > 20
    assert not [name for name in files if "__pycache__" in name]
    _match, mismatch, errors = filecmp.cmpfiles(left, right, files, shallow=False)
    assert (mismatch, errors) == ([], [])
    assert PARTIAL_TEXT in (left / "README.md").read_text()
    recorded = json.loads((left / ".cookiecutter.json").read_text())
    commit = git(installed.template, "rev-parse", "HEAD")
    assert recorded["_template"] == {"commit": commit, "source": str(installed.template)}
    assert recorded["trigger"] == "sqs"


def test_an_sdist_builds_a_wheel_that_carries_the_template(installed, tmp_path):
    """The route to an internal package index: sdist, then a wheel built from it alone."""
    source = tmp_path / "source"
    git(tmp_path, "clone", "--quiet", str(installed.template), str(source))
    pip = ("-m", "pip", "install", "--quiet", "setuptools>=77")
    assert installed.python(*pip).returncode == 0
    build = "from setuptools import build_meta; print(build_meta.build_sdist('../dist'))"
    built = installed.python("-c", build, cwd=source)
    assert built.returncode == 0, built.stderr
    sdist = tmp_path / "dist" / built.stdout.split()[-1]
    with tarfile.open(sdist) as archive:
        top = f"{sdist.name.removesuffix('.tar.gz')}/"
        in_sdist = {name.removeprefix(top) for name in archive.getnames()}
    assert {"cookiecutter.json", PARTIAL, "template-version.json"} <= in_sdist

    wheel_dir = tmp_path / "wheels"
    wheel = installed.python("-m", "pip", "wheel", "--quiet", "--no-deps", str(sdist),
                             "-w", str(wheel_dir))  # fmt: skip
    assert wheel.returncode == 0, wheel.stderr
    (wheel_file,) = wheel_dir.glob("*.whl")
    prefix = "lambda_starter/_template/"
    with zipfile.ZipFile(wheel_file) as archive:
        carried = sorted(n.removeprefix(prefix) for n in archive.namelist() if n.startswith(prefix))
        record = json.loads(archive.read(f"{prefix}template-version.json"))
    assert carried == sorted([*template_files(installed.template), "template-version.json"])
    assert (record["commit"], record["version"]) == (
        git(installed.template, "rev-parse", "HEAD"),
        TAG,
    )


def test_check_and_update_bring_a_later_template_commit_into_a_project(tmp_path):
    installed = install(tmp_path)
    generated = installed.run("--no-input", "--output-dir", "projects")
    assert generated.returncode == 0, generated.stderr
    project = installed.elsewhere / "projects" / "orders-service"
    commit_project(project)
    add_team_note(project)
    current = installed.run("check", cwd=project)
    assert (current.returncode, current.stdout) == (
        0,
        f"orders-service is up to date with its template ({TAG}).\n",
    )

    newer = change_template(installed.template)
    behind = installed.run("check", str(project))
    assert behind.returncode == 1, behind.stderr
    assert behind.stdout.splitlines() == [
        f"orders-service is behind its template: generated from {TAG}, the template is at "
        f"{TAG}-1-g{newer[:12]}; 3 template files changed:",
        "  cookiecutter.json",
        f"  {PROJECT_DIR}/.gitignore",
        f"  {PROJECT_DIR}/README.md",
        "Run `lambda-starter update` to bring the changes in as a diff to review.",
    ]

    org = tmp_path / "org.yaml"
    org.write_text(yaml.safe_dump({"default_context": {NEW_ANSWER: "#payments-oncall"}}))
    updated = installed.run("update", "--no-input", cwd=project, LAMBDA_STARTER_CONFIG=str(org))
    assert updated.returncode == 0, updated.stdout + updated.stderr
    assert f"  {NEW_ANSWER}='#payments-oncall'" in updated.stdout.splitlines()
    assert "*.log" in (project / ".gitignore").read_text().splitlines()
    readme = (project / "README.md").read_text()
    assert TEAM_NOTE in readme
    assert NEW_ANSWER_LINE.format(value="#payments-oncall") in readme.splitlines()
    recorded = json.loads((project / ".cookiecutter.json").read_text())
    assert recorded[NEW_ANSWER] == "#payments-oncall"
    assert recorded["_template"]["commit"] == newer
    assert not (project / ".cruft.json").exists()
    assert git(project, "status", "--porcelain")  # left for the team to review

    git(project, "add", "-A")
    git(project, "commit", "--quiet", "-m", "Update from the template")
    assert installed.run("check", cwd=project).returncode == 0
