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
