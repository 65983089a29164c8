"""The gates a strict platform team runs, on every supported combination.

`sam validate --lint`, checkov and bandit read the shared bake; `sam build` runs
on a copy so its output never lands in the bake. ruff and cfn-lint run with the
generated project's own tests (test_combinations.py).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.combinations import COMBINATIONS, Bake, Combination, by_name
from tests.conftest import answers_of, bake_project, lint_venv, make, run
from tests.expected import EXPECTED, FUNCTION
from tests.tools import PINS, tool_bin

ELF_MACHINES = {"arm64": 183, "x86_64": 62}  # e_machine of AArch64 and x86-64 ELF files


def sam(project: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the SAM CLI offline: no credentials, no telemetry, a throwaway home."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "SAM_"))}
    environment |= {
        "HOME": str(home),
        "SAM_CLI_TELEMETRY": "0",
        "AWS_DEFAULT_REGION": answers_of(project)["aws_region"],
        "PATH": f"{tool_bin('sam')}{os.pathsep}{environment['PATH']}",
    }
    return run(["sam", *args], project, env=environment)


@by_name
def test_sam_validate_lint_passes(bake: Bake, combination: Combination, tmp_path: Path):
    project = bake(combination)
    result = sam(project, tmp_path, "validate", "--lint")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "is a valid SAM Template" in result.stdout + result.stderr


@by_name
def test_checkov_finds_nothing_and_skips_only_what_is_justified(
    bake: Bake, combination: Combination
):
    project = bake(combination)
    environment = os.environ | {"BC_SKIP_MAPPING": "TRUE", "CKV_SKIP_PACKAGE_UPDATE_CHECK": "true"}
    result = run(
        [
            str(tool_bin("checkov") / "checkov"),
            "--file",
            "template.yaml",
            "--framework",
            "cloudformation",
            "--skip-download",
            "--output",
            "json",
        ],
        project,
        env=environment,
    )
    report = json.loads(result.stdout)
    failed = [(c["check_id"], c["resource"]) for c in report["results"]["failed_checks"]]
    assert failed == []
    assert report["summary"]["passed"] > 0
    skipped = {
        (check["check_id"], check["resource"].rsplit(".", 1)[1])
        for check in report["results"]["skipped_checks"]
    }
    # Written down per combination in tests/expected.py, not asked of security_checks.
    expected = {
        (check, resource)
        for resource, checks in EXPECTED[combination.name].checkov_skips.items()
        for check in checks
    }
    assert skipped == expected
    readme = (project / "README.md").read_text()
    assert all(f"| `{resource}` | {check} |" in readme for check, resource in expected)


@by_name
def test_bandit_finds_nothing_in_the_function_code(bake: Bake, combination: Combination):
    project = bake(combination)
    result = run([str(tool_bin("bandit") / "bandit"), "-r", "src", "-f", "json", "-q"], project)
    report = json.loads(result.stdout)
    assert report["results"] == []
    assert report["metrics"]["_totals"]["loc"] > 50


@by_name
def test_sam_build_packages_only_the_function_code(
    bake: Bake, combination: Combination, tmp_path: Path
):
    project = shutil.copytree(bake(combination), tmp_path / "project")
    build_dir = tmp_path / "build"
    result = sam(project, tmp_path, "build", "--build-dir", str(build_dir))
    assert result.returncode == 0, result.stdout + result.stderr
    package = answers_of(project)["package_name"]
    source = sorted(
        str(p.relative_to(project / "src")) for p in (project / "src" / package).rglob("*.py")
    )
    functions = [
        name for name, kind in EXPECTED[combination.name].resources.items() if kind == FUNCTION
    ]
    for function in functions:  # each is built from the whole package, its handler in it
        artifact = build_dir / function
        built = sorted(str(p.relative_to(artifact)) for p in artifact.rglob("*") if p.is_file())
        assert built == source, function


def elf_machines(root: Path) -> set[int]:
    """The e_machine field of every shared object under ``root``."""
    return {int.from_bytes(path.read_bytes()[18:20], "little") for path in root.rglob("*.so")}


def lock_and_build(
    project: Path, requirements: str, home: Path
) -> subprocess.CompletedProcess[str]:
    """`make lock` with ``requirements`` in src/requirements.in, then `sam build`."""
    (project / "src" / "requirements.in").write_text(requirements)
    locked = make(project, "lock", venv=lint_venv(project))
    assert locked.returncode == 0, locked.stdout + locked.stderr
    assert "--hash=sha256:" in (project / "src" / "requirements.txt").read_text()
    return sam(project, home, "build", "--build-dir", str(home / "build"))


@pytest.mark.parametrize("architecture", ["arm64", "x86_64"])
def test_native_dependencies_are_built_for_the_lambda_architecture(
    cookies: Any, tmp_path: Path, architecture: str
):
    """On any build machine, the package gets wheels for the function's architecture."""
    project = bake_project(cookies, {"architecture": architecture})
    result = lock_and_build(project, "msgpack==1.1.2\n", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert elf_machines(tmp_path / "build" / "Function" / "msgpack") == {ELF_MACHINES[architecture]}


def test_a_release_with_only_recent_manylinux_wheels_builds(cookies: Any, tmp_path: Path):
    """numpy 2.3 and later publish aarch64 wheels for manylinux_2_28, none for manylinux2014."""
    project = bake_project(cookies, {"architecture": "arm64"})
    result = lock_and_build(project, "numpy>=2.3\n", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    function = tmp_path / "build" / "Function"
    (dist_info,) = function.glob("numpy-*.dist-info")
    major, minor = (int(part) for part in dist_info.name.split("-")[1].split(".")[:2])
    assert (major, minor) >= (2, 3)
    tags = (dist_info / "WHEEL").read_text()
    assert "manylinux_2_28_aarch64" in tags
    assert "manylinux2014" not in tags
    assert elf_machines(function / "numpy") == {ELF_MACHINES["arm64"]}


def test_a_requirement_without_a_lambda_wheel_stops_the_build_by_name(cookies: Any, tmp_path: Path):
    """docopt publishes a source distribution only: the build names it and the way out."""
    project = bake_project(cookies)
    result = lock_and_build(project, "docopt==0.6.2\n", tmp_path)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "src/requirements.txt: docopt==0.6.2 has no wheel for python3.13 on aarch64" in output
    assert "Pin a release that publishes one" in output


def test_an_unlocked_requirement_stops_the_build(cookies: Any, tmp_path: Path):
    project = bake_project(cookies)
    (project / "src" / "requirements.txt").write_text("msgpack==1.1.2\n")
    result = sam(project, tmp_path, "build", "--build-dir", str(tmp_path / "build"))
    assert result.returncode != 0
    assert "not locked with hashes" in result.stdout + result.stderr


# Actions AWS only grants on "*": X-Ray trace writes and the network interfaces of a VPC function.
WILDCARD_ONLY_ACTIONS = {
    "xray:PutTraceSegments",
    "xray:PutTelemetryRecords",
    "ec2:CreateNetworkInterface",
    "ec2:DescribeNetworkInterfaces",
    "ec2:DescribeSubnets",
    "ec2:DeleteNetworkInterface",
    "ec2:AssignPrivateIpAddresses",
    "ec2:UnassignPrivateIpAddresses",
}
PSEUDO_PARAMETERS = {
    "AWS::AccountId",
    "AWS::Partition",
    "AWS::Region",
    "AWS::StackId",
    "AWS::StackName",
}


def transformed(project: Path) -> dict[str, Any]:
    python = tool_bin("sam") / "python"
    script = Path(__file__).with_name("sam_transform.py")
    environment = os.environ | {"AWS_DEFAULT_REGION": "us-east-1"}
    result = run([str(python), str(script), "template.yaml"], project, env=environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def statements(role: dict[str, Any]) -> list[dict[str, Any]]:
    """Every statement of a role's inline policies, both branches of an Fn::If included."""
    found = []
    for policy in role["Properties"].get("Policies", []):
        for statement in policy["PolicyDocument"]["Statement"]:
            branches = statement["Fn::If"][1:] if "Fn::If" in statement else [statement]
            found += [branch for branch in branches if branch != {"Ref": "AWS::NoValue"}]
    return found


def names_in(resource: Any) -> set[str]:
    """The resource and parameter names a Resource value refers to."""
    if isinstance(resource, list):
        return set().union(*(names_in(item) for item in resource))
    if "Ref" in resource:
        return {resource["Ref"]}
    if "Fn::GetAtt" in resource:
        return {resource["Fn::GetAtt"][0]}
    if "Fn::Sub" in resource:
        text, variables = (
            (resource["Fn::Sub"], {})
            if isinstance(resource["Fn::Sub"], str)
            else resource["Fn::Sub"]
        )
        named = {name.split(".")[0] for name in re.findall(r"\$\{([^}]+)\}", text)}
        return (named - set(variables)).union(*(names_in(v) for v in variables.values()))
    if "Fn::Select" in resource:
        return names_in(resource["Fn::Select"][1])
    if "Fn::Split" in resource:
        return names_in(resource["Fn::Split"][1])
    raise AssertionError(f"unexpected resource form {resource}")


def names_a_stack_bucket(resource: dict[str, Any], template: dict[str, Any]) -> bool:
    """An ARN built only from pseudo parameters must be a bucket this stack names that way."""
    arn_text, arn_variables = resource.get("Fn::Sub", ["", {}])
    return any(
        bucket["Properties"]["BucketName"]["Fn::Sub"]
        == [arn_text.removeprefix("arn:${AWS::Partition}:s3:::").removesuffix("/*"), arn_variables]
        for bucket in template["Resources"].values()
        if bucket["Type"] == "AWS::S3::Bucket"
    )


@by_name
def test_iam_roles_are_least_privilege(bake: Bake, combination: Combination):
    """No "*" action; "*" resources only where AWS requires; the rest named from the stack."""
    template = transformed(bake(combination))
    known = set(template["Resources"]) | set(template.get("Parameters", {})) | PSEUDO_PARAMETERS
    roles = {n: r for n, r in template["Resources"].items() if r["Type"] == "AWS::IAM::Role"}
    assert "FunctionRole" in roles
    for name, role in roles.items():
        assert not role["Properties"].get("ManagedPolicyArns"), name
        for statement in statements(role):
            actions = statement["Action"]
            actions = [actions] if isinstance(actions, str) else actions
            assert statement["Effect"] == "Allow"
            assert not any("*" in action for action in actions), (name, actions)
            if statement["Resource"] == "*":
                assert set(actions) <= WILDCARD_ONLY_ACTIONS, (name, actions)
                continue
            referenced = names_in(statement["Resource"])
            assert referenced, (name, statement)
            assert referenced <= known, (name, referenced - known)
            if not referenced - PSEUDO_PARAMETERS:
                assert names_a_stack_bucket(statement["Resource"], template), statement


@by_name
def test_ci_files_follow_githubs_schemas(bake: Bake, combination: Combination):
    """The workflow and Dependabot files validate offline against GitHub's published schemas."""
    project = bake(combination)
    workflow = project / ".github" / "workflows" / "ci.yml"
    dependabot = project / ".github" / "dependabot.yml"
    if answers_of(project)["ci"] == "none":
        assert not (project / ".github").exists()
        return
    check = str(tool_bin("check-jsonschema") / "check-jsonschema")
    for schema, path in (("github-workflows", workflow), ("dependabot", dependabot)):
        result = run([check, "--builtin-schema", f"vendor.{schema}", str(path)], project)
        assert result.returncode == 0, result.stdout + result.stderr


def test_pre_commit_hooks_pin_the_projects_tool_versions(bake: Bake):
    """pre-commit runs the ruff, cfn-lint and checkov releases of `make check`, CI and gates."""
    project = bake(COMBINATIONS[0])
    hooks = yaml.safe_load((project / ".pre-commit-config.yaml").read_text())["repos"]
    revisions = {hook["repo"].rsplit("/", 1)[1]: hook["rev"].lstrip("v") for hook in hooks}
    pins = dict(
        pin.split("==")
        for pin in tomllib.loads((project / "pyproject.toml").read_text())["dependency-groups"][
            "dev"
        ]
    )
    assert revisions["ruff-pre-commit"] == pins["ruff"]
    assert revisions["cfn-lint"] == pins["cfn-lint"]
    makefile = (project / "Makefile").read_text()
    assert f"CHECKOV_VERSION := {revisions['checkov']}\n" in makefile
    assert f"checkov=={revisions['checkov']}" in PINS["checkov"]


@pytest.mark.subprocess
@pytest.mark.parametrize("broken", ["template.yaml", "deploy/bootstrap.yaml"])
def test_make_checkov_scans_the_service_and_its_bootstrap(bake: Bake, tmp_path: Path, broken: str):
    """The generated `make checkov` (part of `make check`) passes, and fails on a finding in
    either template: here the first inline skip removed, so its check is reported."""
    project = shutil.copytree(bake(COMBINATIONS[0]), tmp_path / "p")
    checkov = tool_bin("checkov").parent  # the same checkov release, already installed
    command = ("checkov", f"CHECKOV={checkov}", "-o", f"{checkov}/.installed")
    passed = make(project, *command, venv=lint_venv(project))
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert re.search(
        r"^check: lint test checkov validate ", (project / "Makefile").read_text(), re.M
    )

    template = project / broken
    text = template.read_text()
    skip = re.search(r"\n( +)- id: (CKV_AWS_\d+)\n\1  comment: .*", text)
    assert skip, broken
    template.write_text(text.replace(skip[0], "", 1))
    failed = make(project, *command, venv=lint_venv(project))
    assert failed.returncode != 0
    assert skip[2] in failed.stdout
