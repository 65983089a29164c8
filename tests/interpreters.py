"""Find a Python interpreter for a given version, to run generated projects on their runtime."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def _runs(executable: str) -> bool:
    result = subprocess.run([executable, "-c", "pass"], capture_output=True, check=False)
    return result.returncode == 0


def _pyenv_candidates(version: str) -> list[str]:
    pyenv = shutil.which("pyenv")
    if not pyenv:
        return []
    root = subprocess.run([pyenv, "root"], capture_output=True, text=True, check=False)
    versions = Path(root.stdout.strip()) / "versions"
    return [str(path) for path in sorted(versions.glob(f"{version}.*/bin/python{version}"))]


def find_interpreter(version: str) -> str:
    """Return the path of a working ``python<version>``, looking on PATH and in pyenv."""
    candidates = [shutil.which(f"python{version}"), *_pyenv_candidates(version)]
    for candidate in candidates:
        if candidate and _runs(candidate):
            return candidate
    raise LookupError(
        f"No working python{version} on PATH or in pyenv: install Python {version} "
        "to test projects generated for that runtime."
    )
