"""Fixtures for testing the template: baked projects and the tools to check them.

Bakes are session-scoped so each combination of answers is generated once per
test process. The generated project's development tools are installed once into
a virtualenv cached under ``.cache/`` and shared by every bake with the same
dependency pins and Python version.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from filelock import FileLock

from tests.interpreters import find_interpreter

REPO_ROOT = Path(__file__).resolve().parents[1]
CACHE_DIR = REPO_ROOT / ".cache"
TEMPLATE_CONTEXT: dict[str, Any] = json.loads((REPO_ROOT / "cookiecutter.json").read_text())
# Unrendered Jinja, or a cookiecutter variable that survived. "${{" opens a GitHub Actions
# expression, and ".cookiecutter.json" is a file name.
JINJA_RESIDUE = re.compile(r"(?<!\$)\{\{|\{%|cookiecutter\.(?!json\b)")


def run(command: list[str], cwd: Path, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    """Run a command, capturing its output as text, without raising on failure."""
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False, **kwargs)


def bake_project(cookies: Any, extra_context: dict[str, Any] | None = None) -> Path:
    """Bake the template with ``extra_context`` and return the project directory."""
    result = cookies.bake(extra_context=extra_context or {})
    assert result.exit_code == 0, result.exception
    return Path(result.project_path)


# Linters only read the code, so one Python with the project's pins lints every runtime,
# including one this machine has no interpreter for (python3.14).
LINT_PYTHON = "3.13"


def project_venv(project: Path, python_version: str | None = None) -> Path:
    """Return a virtualenv with ``project``'s dev dependency group.

    It runs the project's own Python version, installed by its Makefile, unless
    ``python_version`` says otherwise: the Makefile refuses any Python but the runtime's,
    so another one is installed here the way the Makefile would.
    """
    pyproject = tomllib.loads((project / "pyproject.toml").read_text())
    own_runtime = pyproject["project"]["requires-python"].removeprefix(">=")
    runtime = python_version or own_runtime
    interpreter = find_interpreter(runtime)
    pins = json.dumps(pyproject["dependency-groups"], sort_keys=True)
    key = hashlib.sha256(f"{runtime}\n{pins}".encode()).hexdigest()[:16]
    venv = CACHE_DIR / "project-venvs" / f"py{runtime}-{key}"
    venv.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(f"{venv}.lock"):
        if not (venv / ".installed").exists():
            if runtime == own_runtime:
                steps = [["make", "install", f"VENV={venv}", f"PYTHON={interpreter}"]]
            else:
                python = str(venv / "bin" / "python")
                steps = [
                    [interpreter, "-m", "venv", str(venv)],
                    [python, "-m", "pip", "install", "--quiet", "--upgrade", "pip>=25.1"],
                    [python, "-m", "pip", "install", "--quiet", "--group", "dev"],
                    ["touch", str(venv / ".installed")],
                ]
            for step in steps:
                result = run(step, project)
                assert result.returncode == 0, result.stdout + result.stderr
    return venv


def lint_venv(project: Path) -> Path:
    """A virtualenv that runs ``make lint`` for ``project``, whatever its runtime."""
    return project_venv(project, LINT_PYTHON)


def make(
    project: Path, *targets: str, venv: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the generated Makefile's targets with the shared virtualenv (already installed).

    No AWS settings of the caller reach them, only those given in ``env``.
    """
    inherited = ("AWS_", "MAKE", "MFLAGS")  # no real credentials; no settings of an outer make
    environment = {key: value for key, value in os.environ.items() if not key.startswith(inherited)}
    environment |= env or {}
    return run(
        ["make", "--no-print-directory", "-o", f"{venv}/.installed", *targets, f"VENV={venv}"],
        project,
        env=environment,
    )


def answers_of(project: Path) -> dict[str, Any]:
    """The answers a project was generated from, as cookiecutter rendered them."""
    return json.loads((project / ".cookiecutter.json").read_text())


def assert_compiles(project: Path) -> None:
    """Compile every module with the runtime's Python: generated code may use newer syntax."""
    compiled = run([find_interpreter("3.13"), "-m", "compileall", "-q", str(project)], project)
    assert compiled.returncode == 0, compiled.stdout


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A home of the test's own: no user config, and none named by the environment."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    for name in ("LAMBDA_STARTER_CONFIG", "COOKIECUTTER_CONFIG", "XDG_CONFIG_HOME"):
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture(scope="session")
def bake(cookies_session: Any) -> Callable[[Any], Path]:
    """Bake a supported combination the first time it is asked for; return its directory."""
    baked: dict[str, Path] = {}

    def get(combination: Any) -> Path:
        if combination.name not in baked:
            baked[combination.name] = bake_project(cookies_session, combination.answers)
        return baked[combination.name]

    return get


@pytest.fixture(scope="session")
def default_project(cookies_session: Any) -> Path:
    """The project ``cookiecutter --no-input`` generates."""
    return bake_project(cookies_session)


@pytest.fixture(scope="session")
def default_venv(default_project: Path) -> Path:
    return project_venv(default_project)
