"""Command-line tools the gates run, each in its own pinned virtualenv under ``.cache/tools``.

checkov pins an old boto3 and the SAM CLI brings its own dependency tree, so
neither may share a virtualenv with the tests. Each environment is created once
(under a file lock, so parallel workers wait for one install) and reused until
its pins change.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from filelock import FileLock

TOOLS_DIR = Path(__file__).resolve().parents[1] / ".cache" / "tools"

# The SAM CLI's `validate --lint` uses the cfn-lint installed beside it: the same
# pin as the generated projects, the last release that runs the SAM translator.
PINS = {
    "sam": ("aws-sam-cli==1.170.0", "cfn-lint==1.53.3"),
    "checkov": ("checkov==3.3.30",),
    "bandit": ("bandit==1.9.4",),
    "check-jsonschema": ("check-jsonschema==0.39.0",),
    # GitHub Actions security linter, run on every generated workflow (offline audits).
    "zizmor": ("zizmor==1.32.0",),
    # The generated `make install` asks uv for a matching Python when uv is present.
    "uv": ("uv==0.13.9",),
}


def tool_bin(name: str) -> Path:
    """The bin directory of the virtualenv for tool ``name``, installing it the first time."""
    pins = PINS[name]
    key = hashlib.sha256("\n".join(pins).encode()).hexdigest()[:12]
    venv = TOOLS_DIR / f"{name}-{key}"
    TOOLS_DIR.mkdir(parents=True, exist_ok=True)
    with FileLock(f"{venv}.lock"):
        if not (venv / ".installed").exists():
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
            pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
            subprocess.run([*pip, "--upgrade", "pip"], check=True, capture_output=True)
            subprocess.run([*pip, *pins], check=True, capture_output=True)
            (venv / ".installed").touch()
    return venv / "bin"
