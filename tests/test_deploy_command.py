"""`make deploy ENV=... PARAMS=...`: overrides merge with samconfig's and reach the SAM CLI intact.

The wrapper's own tests (the generated tests/unit/test_deploy_tool.py) check the
merge against stubbed AWS APIs; these check the two ends it connects: the make
variable reaches the wrapper as typed, and what the wrapper writes is what the
pinned SAM CLI's own parser reads.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from tests.combinations import Bake, named
from tests.conftest import run
from tests.tools import tool_bin

# Values a person types: an e-mail, a sentence, quotes, an empty value.
OVERRIDES = {
    "AlarmEmail": "ops@example.com",
    "Note": "deployed by hand",
    "Quote": 'say "hi"',
    "Apostrophe": "it's",
    "Empty": "",
}


def test_the_sam_cli_reads_the_overrides_the_wrapper_writes(bake: Bake):
    project = bake(named("api-default"))
    script = (
        "import json, sys\n"
        "sys.path.insert(0, '.')\n"
        "from samcli.cli.types import CfnParameterOverridesType\n"
        "from tools.samconfig import format_overrides\n"
        "pairs = json.loads(sys.argv[1])\n"
        "parsed = CfnParameterOverridesType().convert((format_overrides(pairs),), None, None)\n"
        "print(json.dumps(parsed))\n"
    )
    python = str(tool_bin("sam") / "python")
    result = run([python, "-c", script, json.dumps(OVERRIDES)], project)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == OVERRIDES


def test_make_deploy_hands_params_to_the_wrapper_as_typed(bake: Bake, tmp_path: Path):
    """PARAMS with spaces and double quotes arrives as one argument, unchanged."""
    project = bake(named("api-default"))
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    recorder = venv / "bin" / "python"
    recorder.write_text(f"#!/bin/sh\nprintf '%s\\n' \"$@\" > {tmp_path / 'argv'}\n")
    recorder.chmod(recorder.stat().st_mode | stat.S_IEXEC)
    params = 'AlarmEmail=ops@example.com Note="deployed by hand"'
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "MFLAGS"))}
    result = run(
        ["make", "-o", "install", "-o", "build", "deploy", f"VENV={venv}", "ENV=prod",
         f"PARAMS={params}"],
        project,
        env=environment,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    argv = (tmp_path / "argv").read_text().splitlines()
    assert argv == ["-m", "tools.deploy", "--config-env", "prod", "--parameter-overrides", params]
