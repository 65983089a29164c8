"""The generated `make install` runs on the Lambda runtime's Python or says, in one line, why not.

Each test gives `make` (or tools/find-python.sh) a PATH and HOME that hold only
what the case needs: the machine's own Python 3.11, a python3.13 on PATH, a
pyenv root, or uv with one managed interpreter.
"""

from __future__ import annotations

import os
import platform
from pathlib import Path

import pytest

from tests.conftest import run
from tests.interpreters import find_interpreter
from tests.tools import tool_bin

SYSTEM_PATH = "/usr/bin:/bin"  # make, sh and Debian's python3 (3.11): no 3.13 here
RUNTIME = "3.13"  # the default project's python3.13


@pytest.fixture(scope="module")
def python313() -> Path:
    return Path(find_interpreter(RUNTIME))


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    return home


def environment(home: Path, path: str = SYSTEM_PATH, **extra: str) -> dict[str, str]:
    return {"HOME": str(home), "PATH": path, "LANG": "C.UTF-8", **extra}


def find_python(project: Path, env: dict[str, str]) -> tuple[int, str, str]:
    result = run(["sh", "tools/find-python.sh", RUNTIME], project, env=env)
    return result.returncode, result.stdout.strip(), result.stderr.strip()


def own_lines(stderr: str) -> list[str]:
    """stderr without make's own `make: *** [...] Error 1` trailer."""
    return [line for line in stderr.splitlines() if not line.startswith("make: ***")]


def test_without_the_runtimes_python_install_stops_with_one_line(default_project, home, tmp_path):
    venv = tmp_path / "venv"
    result = run(["make", "install", f"VENV={venv}"], default_project, env=environment(home))
    assert result.returncode != 0
    assert own_lines(result.stderr) == [
        "make install: this project needs Python 3.13 (Lambda's python3.13) and found none "
        "on PATH, through uv or in pyenv: install it (uv python install 3.13, pyenv install "
        "3.13 or python.org) or run make install PYTHON=/path/to/python3.13."
    ]
    assert not venv.exists()


def test_an_older_python_given_as_python_is_refused_before_installing(
    default_project, home, tmp_path
):
    venv = tmp_path / "venv"
    result = run(
        ["make", "install", f"VENV={venv}", "PYTHON=python3"],
        default_project,
        env=environment(home),
    )
    assert result.returncode != 0
    assert own_lines(result.stderr) == [
        "make install: PYTHON=python3 is Python 3.11; this project runs on Lambda's "
        "python3.13, so it needs Python 3.13."
    ]
    assert not venv.exists()


def test_a_python_that_does_not_run_is_named(default_project, home):
    code, _, stderr = find_python(default_project, environment(home, PYTHON="python9"))
    assert code == 1
    assert stderr.startswith("make install: PYTHON=python9 is not a working Python;")


def test_python_matching_the_runtime_is_taken(default_project, home, python313):
    code, found, _ = find_python(default_project, environment(home, PYTHON=str(python313)))
    assert (code, found) == (0, str(python313))


def test_the_runtimes_python_on_path_is_found(default_project, home, tmp_path, python313):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python3.13").symlink_to(python313)
    code, found, _ = find_python(default_project, environment(home, f"{bin_dir}:{SYSTEM_PATH}"))
    assert (code, found) == (0, str(bin_dir / "python3.13"))


def test_a_misnamed_python_on_path_is_not_taken(default_project, home, tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python3.13").symlink_to("/usr/bin/python3.11")
    env = environment(home, f"{bin_dir}:{SYSTEM_PATH}")
    code, found, stderr = find_python(default_project, env)
    assert (code, found) == (1, "")
    assert "needs Python 3.13" in stderr


def test_pyenv_installed_python_is_found(default_project, home, tmp_path, python313):
    pyenv = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "bin"
    if not (pyenv / "pyenv").exists():
        pytest.skip("pyenv is not installed on this machine")
    root = tmp_path / "pyenv-root"
    (root / "versions").mkdir(parents=True)
    # A pyenv root with one 3.13, laid out as `pyenv install` lays it out.
    (root / "versions" / "3.13.0").symlink_to(python313.parents[1])
    env = environment(home, f"{pyenv}:{SYSTEM_PATH}", PYENV_ROOT=str(root))
    code, found, _ = find_python(default_project, env)
    assert (code, found) == (0, f"{root}/versions/3.13.0/bin/python3.13")


def test_uv_managed_python_is_found(default_project, home, tmp_path, python313):
    uv_bin = tmp_path / "uv-bin"
    uv_bin.mkdir()
    (uv_bin / "uv").symlink_to(tool_bin("uv") / "uv")
    managed = tmp_path / "uv-pythons" / f"cpython-3.13.0-linux-{platform.machine()}-gnu"
    managed.mkdir(parents=True)
    # One interpreter in uv's managed-installations directory, as `uv python install` leaves it.
    for part in ("bin", "lib", "include"):
        (managed / part).symlink_to(python313.parents[1] / part)
    env = environment(
        home, f"{uv_bin}:{SYSTEM_PATH}", UV_PYTHON_INSTALL_DIR=str(managed.parent), UV_OFFLINE="1"
    )
    code, found, _ = find_python(default_project, env)
    assert (code, found) == (0, str(managed / "bin" / "python3.13"))
