"""The generated GitHub Actions workflow and Dependabot configuration.

Read as GitHub reads them (parsed YAML) and checked with zizmor, a security linter
for workflows: one build is deployed to dev and promoted to prod, prod is gated,
deploys never overlap or get cancelled, actions are pinned, credentials are not
persisted, and the deploy jobs skip with a notice until their environment is set up.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.combinations import COMBINATIONS, Bake, Combination, named
from tests.conftest import answers_of, run
from tests.tools import PINS, tool_bin

WITH_CI = [c for c in COMBINATIONS if c.answers.get("ci", "github-actions") == "github-actions"]
by_ci_name = pytest.mark.parametrize("combination", WITH_CI, ids=lambda c: c.name)
# owner/action@<40 hex> # vX.Y.Z
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def workflow(project: Path) -> dict[str, Any]:
    return yaml.safe_load((project / ".github" / "workflows" / "ci.yml").read_text())


def steps_using(job: dict[str, Any], action: str) -> list[dict[str, Any]]:
    return [s for s in job["steps"] if s.get("uses", "").startswith(f"{action}@")]


def commands(job: dict[str, Any]) -> str:
    return "\n".join(step.get("run", "") for step in job["steps"])


@by_ci_name
def test_zizmor_finds_nothing_in_the_workflow(bake: Bake, combination: Combination):
    """Every audit zizmor can run offline, at its strictest persona; each ignore is justified."""
    project = bake(combination)
    zizmor = str(tool_bin("zizmor") / "zizmor")
    result = run([zizmor, "--offline", "--persona", "auditor", ".github/workflows/ci.yml"], project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout
    text = (project / ".github" / "workflows" / "ci.yml").read_text()
    for line in text.splitlines():
        if "zizmor: ignore" in line:
            previous = text.splitlines()[text.splitlines().index(line) - 1]
            assert previous.strip().startswith("#"), "an ignored finding needs a reason above it"


def test_zizmor_rejects_a_workflow_that_persists_credentials(bake: Bake, tmp_path: Path):
    project = bake(named("api-default"))
    text = (project / ".github" / "workflows" / "ci.yml").read_text()
    broken = tmp_path / ".github" / "workflows" / "ci.yml"
    broken.parent.mkdir(parents=True)
    # Without the option, actions/checkout leaves the token in .git/config for every later step.
    broken.write_text(text.replace("persist-credentials: false", "fetch-depth: 1"))
    result = run([str(tool_bin("zizmor") / "zizmor"), "--offline", str(broken)], tmp_path)
    assert result.returncode != 0
    assert "artipacked" in result.stdout


@by_ci_name
def test_actions_are_pinned_and_jobs_hold_only_their_permissions(
    bake: Bake, combination: Combination
):
    project = bake(combination)
    text = (project / ".github" / "workflows" / "ci.yml").read_text()
    uses = re.findall(r"uses: (.+)$", text, re.M)
    assert uses
    assert [u for u in uses if not PINNED.match(u)] == []
    parsed = workflow(project)
    assert parsed["permissions"] == {}
    for name, job in parsed["jobs"].items():
        assert "permissions" in job, name
        for step in steps_using(job, "actions/checkout"):
            assert step["with"]["persist-credentials"] is False, name
        deploys = "id-token" in job["permissions"]
        assert deploys == (name in {"deploy-dev", "deploy-prod"}), name


def test_one_build_is_deployed_to_dev_and_promoted_to_prod(bake: Bake):
    project = bake(named("api-default"))
    jobs = workflow(project)["jobs"]
    check, dev, gate, prod = (
        jobs[n] for n in ("check", "deploy-dev", "release-on-main", "deploy-prod")
    )
    # Built once, in the check job, after every gate; uploaded as the package.
    assert "make check" in commands(check)
    assert [name for name, job in jobs.items() if "sam build" in commands(job)] == ["check"]
    (upload,) = steps_using(check, "actions/upload-artifact")
    assert upload["with"]["name"] == "package"
    assert upload["with"]["path"] == ".aws-sam/build"
    # Deployed as downloaded: tools/deploy.py deploys .aws-sam/build/template.yaml.
    deploy_tool = (project / "tools" / "samconfig.py").read_text()
    assert '".aws-sam" / "build" / "template.yaml"' in deploy_tool
    for job, config_env in ((dev, "default"), (prod, "prod")):
        (download,) = steps_using(job, "actions/download-artifact")
        assert download["with"] == {"name": "package", "path": ".aws-sam/build"}
        assert f"tools.deploy --config-env {config_env} --" in commands(job)
        assert "check" in job["needs"]
    # dev first, smoke-tested; prod after dev, after the on-main check, from its environment.
    assert dev["environment"] == "dev"
    assert "make test-integration ENV=default" in commands(dev)
    assert prod["environment"] == "prod"
    assert {"deploy-dev", "release-on-main"} <= set(prod["needs"])
    assert "needs.release-on-main.result == 'success'" in prod["if"]
    assert "needs.deploy-dev.outputs.deployed == 'true'" in prod["if"]
    assert 'git merge-base --is-ancestor "$GITHUB_SHA" origin/main' in commands(gate)
    (checkout,) = steps_using(gate, "actions/checkout")
    assert checkout["with"]["fetch-depth"] == 0  # origin/main must be there to compare


def test_prod_is_released_from_v_tags_and_manual_runs_on_main_only(bake: Bake):
    gate = workflow(bake(named("api-default")))["jobs"]["release-on-main"]["if"]
    assert gate == (
        "(github.event_name == 'push' && startsWith(github.ref, 'refs/tags/v')) || "
        "(github.event_name == 'workflow_dispatch' && github.ref == 'refs/heads/main' "
        "&& inputs.deploy_prod)"
    )


def test_deploys_queue_and_pull_requests_cancel_superseded_runs(bake: Bake):
    parsed = workflow(bake(named("api-default")))
    assert parsed["concurrency"] == {
        "group": "ci-${{ github.event.pull_request.number || github.ref }}",
        "cancel-in-progress": "${{ github.event_name == 'pull_request' }}",
    }
    for environment in ("dev", "prod"):
        job = parsed["jobs"][f"deploy-{environment}"]
        assert job["concurrency"] == {"group": f"deploy-{environment}", "cancel-in-progress": False}


@pytest.mark.parametrize("environment", ["dev", "prod"])
def test_deploy_credentials_are_pinned_to_the_environments_account(bake: Bake, environment: str):
    project = bake(named("api-default"))
    job = workflow(project)["jobs"][f"deploy-{environment}"]
    (credentials,) = steps_using(job, "aws-actions/configure-aws-credentials")
    assert credentials["with"]["role-to-assume"] == "${{ vars.AWS_DEPLOY_ROLE_ARN }}"
    assert credentials["with"]["allowed-account-ids"] == "${{ vars.AWS_ACCOUNT_ID }}"
    (setup,) = steps_using(job, "actions/setup-python")
    runtime = answers_of(project)["python_runtime"].removeprefix("python")
    assert workflow(project)["env"]["PYTHON_VERSION"] == runtime
    assert setup["with"]["python-version"] == "${{ env.PYTHON_VERSION }}"
    assert "python -m pip install --requirement deploy/requirements.txt" in commands(job)


def role_gate(job: dict[str, Any], tmp_path: Path, **variables: str) -> tuple[int, str, str]:
    """Run the job's first step, which decides whether it deploys; return code, output, log."""
    gate = job["steps"][0]
    assert gate["id"] == "role"
    output = tmp_path / "github_output"
    output.write_text("")
    environment = {"PATH": "/usr/bin:/bin", "GITHUB_OUTPUT": str(output), **variables}
    result = subprocess.run(
        ["bash", "-e", "-c", gate["run"]], env=environment, capture_output=True, text=True
    )
    return result.returncode, output.read_text(), result.stdout


@pytest.mark.parametrize("environment", ["dev", "prod"])
def test_deploy_jobs_skip_with_a_notice_until_the_role_is_set(
    bake: Bake, tmp_path: Path, environment: str
):
    job = workflow(bake(named("api-default")))["jobs"][f"deploy-{environment}"]
    steps = job["steps"][1:]
    assert all(step["if"] == "steps.role.outputs.ready == 'true'" for step in steps)
    code, output, log = role_gate(job, tmp_path, ROLE="", ACCOUNT="")
    assert (code, output) == (0, "ready=false\n")
    assert log.startswith(f"::notice title={environment} not deployed::")
    assert "make bootstrap" in log
    code, output, log = role_gate(job, tmp_path, ROLE="arn:aws:iam::1:role/r", ACCOUNT="")
    assert code == 1
    assert log.startswith("::error ")
    code, output, _ = role_gate(job, tmp_path, ROLE="arn:aws:iam::1:role/r", ACCOUNT="1")
    assert (code, output) == (0, "ready=true\n")


def test_the_workflow_deploys_with_the_sam_cli_the_tests_run(bake: Bake):
    project = bake(named("api-default"))
    pins = [
        line
        for line in (project / "deploy" / "requirements.txt").read_text().splitlines()
        if line and not line.startswith("#")
    ]
    assert tuple(pins) == PINS["sam"]


@by_ci_name
def test_dependabot_covers_every_manifest_with_a_cooldown(bake: Bake, combination: Combination):
    project = bake(combination)
    config = yaml.safe_load((project / ".github" / "dependabot.yml").read_text())
    updates = {(u["package-ecosystem"], u["directory"]): u for u in config["updates"]}
    assert set(updates) == {
        ("pip", "/"),
        ("pip", "/src"),
        ("pip", "/deploy"),
        ("github-actions", "/"),
        ("pre-commit", "/"),
    }
    assert all(u["cooldown"]["default-days"] >= 7 for u in updates.values())
    for directory in ("/", "/deploy"):
        ignored = {
            i["dependency-name"]: i.get("versions") for i in updates["pip", directory]["ignore"]
        }
        assert ignored["cfn-lint"] == [">=1.54"]
    pre_commit = {i["dependency-name"] for i in updates["pre-commit", "/"]["ignore"]}
    assert pre_commit == {"*cfn-lint*", "*checkov*"}
    for manifest in ("pyproject.toml", "src/requirements.txt", "deploy/requirements.txt"):
        assert (project / manifest).exists(), manifest


def test_without_ci_there_is_no_workflow_but_the_bootstrap_remains(bake: Bake):
    project = bake(named("sqs-no-store-no-alarms-data-processing"))
    assert not (project / ".github").exists()
    assert (project / "deploy" / "bootstrap.yaml").exists()
    assert "AWS_DEPLOY_ROLE_ARN" not in (project / "README.md").read_text()
