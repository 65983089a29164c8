"""An organisation's defaults (examples/org-defaults.yaml) reach both commands and the stack."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import yaml
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from lambda_starter.cfn_yaml import load_template
from lambda_starter.cli import main
from tests.conftest import REPO_ROOT, TEMPLATE_CONTEXT, answers_of

ORG_CONFIG = REPO_ROOT / "examples" / "org-defaults.yaml"
ORG = yaml.safe_load(ORG_CONFIG.read_text())["default_context"]


def assert_org_defaults_applied(project: Path) -> None:
    answers = answers_of(project)
    for name in ("owner_team", "cost_center", "aws_region", "alarm_email", "log_retention_days"):
        assert answers[name] == ORG[name], name
    template = load_template(project / "template.yaml")
    tags = template["Globals"]["Function"]["Tags"]
    assert (tags["owner-team"], tags["cost-center"]) == (ORG["owner_team"], ORG["cost_center"])
    role = template["Resources"]["FunctionRole"]["Properties"]
    assert role["PermissionsBoundary"] == ORG["permissions_boundary_arn"]
    assert template["Parameters"]["AlarmEmail"]["Default"] == ORG["alarm_email"]
    layer = template["Parameters"]["PowertoolsLayerArn"]["Default"]
    assert layer.startswith(f"arn:aws:lambda:{ORG['aws_region']}:")
    # The organisation does not pin Powertools: projects take the template's current layer.
    assert "_powertools" not in ORG
    assert layer.endswith(f":{TEMPLATE_CONTEXT['_powertools']['layer_version']}")
    samconfig = tomllib.loads((project / "samconfig.toml").read_text())
    for environment in ("default", "prod"):
        stack_tags = samconfig[environment]["deploy"]["parameters"]["tags"]
        assert f'cost-center="{ORG["cost_center"]}"' in stack_tags
        assert f'owner-team="{ORG["owner_team"]}"' in stack_tags


def test_plain_cookiecutter_reads_the_org_defaults(tmp_path):
    environment = os.environ | {"COOKIECUTTER_CONFIG": str(ORG_CONFIG)}
    subprocess.run(
        [sys.executable, "-m", "cookiecutter", "--no-input", str(REPO_ROOT),
         "--output-dir", str(tmp_path)],
        env=environment,
        check=True,
        capture_output=True,
    )  # fmt: skip
    assert_org_defaults_applied(tmp_path / "orders-service")


def test_questionnaire_offers_the_org_defaults(tmp_path, monkeypatch):
    monkeypatch.setenv("COOKIECUTTER_CONFIG", str(ORG_CONFIG))
    with create_pipe_input() as pipe:
        pipe.send_text("\r" * 80)  # accept every default
        assert main(["--output-dir", str(tmp_path)], input=pipe, output=DummyOutput()) == 0
    assert_org_defaults_applied(tmp_path / "orders-service")


def test_questionnaire_reads_a_config_file_given_explicitly(tmp_path):
    argv = ["--no-input", "--config-file", str(ORG_CONFIG), "--output-dir", str(tmp_path)]
    assert main(argv) == 0
    assert_org_defaults_applied(tmp_path / "orders-service")
