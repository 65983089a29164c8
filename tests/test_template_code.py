"""The template's own Python code is held to the standard of the code it generates."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT


def test_template_code_is_ruff_clean():
    ruff = Path(sys.executable).with_name("ruff")  # from the test dependency group
    check = subprocess.run([ruff, "check", "."], cwd=REPO_ROOT, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    fmt = subprocess.run(
        [ruff, "format", "--check", "."], cwd=REPO_ROOT, capture_output=True, text=True
    )
    assert fmt.returncode == 0, fmt.stdout


def test_make_generate_installs_only_what_the_questionnaire_needs(tmp_path):
    """The test tools (ruff, pytest, moto's pins...) wait for `make test`."""
    venv = tmp_path / "venv"
    plan = subprocess.run(
        [
            "make",
            "--no-print-directory",
            "--dry-run",
            "generate",
            f"VENV={venv}",
            f"OUTPUT_DIR={tmp_path}",
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    installs = [line for line in plan if "pip install" in line]
    assert installs[-1].endswith("pip install --quiet --editable .")
    assert not [line for line in plan if "--group" in line]
    assert plan[-1] == f"{venv}/bin/lambda-starter --output-dir {tmp_path}"
    test_plan = subprocess.run(
        ["make", "--no-print-directory", "--dry-run", "venv", f"VENV={venv}"],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "pip install --quiet --editable . --group test" in test_plan
