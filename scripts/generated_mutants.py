"""Mutate generated projects and prove their tests or the template's gates notice each mutation.

    python scripts/generated_mutants.py [TRIGGER ...]

For each trigger (all by default) it bakes the project described in
tests/generated_mutations.toml, checks that the project passes as generated (its
own tests, and the deploy-readiness checks on the SAM-transformed template), then
applies each of the trigger's mutations to a copy and runs the mutation's catcher.
It prints one row per mutation and exits non-zero if any mutation survives.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cookiecutter.main import cookiecutter

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from lambda_starter.cfn_yaml import parse_template  # noqa: E402
from tests.conftest import make, project_venv  # noqa: E402
from tests.deploy_checks import (  # noqa: E402
    Stack,
    lost_failures,
    names_shared_by,
    parameters_without_values,
    system_logs_dropped,
)
from tests.stacks import deployments  # noqa: E402

MUTATIONS = REPO_ROOT / "tests" / "generated_mutations.toml"


@dataclass(frozen=True)
class Mutation:
    """A change to a generated project that its checks must notice."""

    name: str
    triggers: tuple[str, ...]
    caught_by: str
    edits: tuple[dict[str, str], ...]

    def apply(self, project: Path, package: str) -> None:
        """Edit the project; the mutant must still be valid Python or YAML, only wrong."""
        for edit in self.edits:
            path = project / edit["file"].format(package=package)
            text = path.read_text()
            if text.count(edit["find"]) != 1:
                raise SystemExit(f"{self.name}: {edit['file']} must hold its find text once")
            mutated = text.replace(edit["find"], edit["replace"])
            if path.suffix == ".py":
                compile(mutated, str(path), "exec")
            else:
                parse_template(mutated)
            path.write_text(mutated)


def load_mutations() -> tuple[dict[str, dict[str, Any]], list[Mutation]]:
    data = tomllib.loads(MUTATIONS.read_text())
    mutations = [
        Mutation(m["name"], tuple(m["triggers"]), m["caught_by"], tuple(m["edits"]))
        for m in data["mutation"]
    ]
    return data["answers"], mutations


def bake(answers: dict[str, Any], output_dir: Path) -> Path:
    return Path(
        cookiecutter(str(REPO_ROOT), no_input=True, extra_context=answers, output_dir=output_dir)
    )


def deploy_problems(project: Path) -> list[str]:
    """Everything the deploy-readiness checks find in the project's dev and prod stacks."""
    deployments.cache_clear()
    stacks = deployments(project)
    dev, prod = stacks["default"], stacks["prod"]
    other = Stack("another-service-dev", dev.template, dev.overrides)
    problems = names_shared_by(dev, prod) + names_shared_by(dev, other)
    for stack in stacks.values():
        problems += parameters_without_values(stack.template, stack.overrides)
    return problems + lost_failures(prod.template) + system_logs_dropped(prod.template)


def caught(project: Path, catcher: str) -> str:
    """What noticed the project's defect (a failing test, a deploy problem); empty if nothing."""
    if catcher == "tests":
        result = make(project, "test", venv=project_venv(project))
        failures = re.findall(r"^FAILED (\S+)", result.stdout, re.MULTILINE)
        if result.returncode == 0:
            return ""
        return failures[0].split("::")[-1] if failures else "make test failed"
    if catcher == "deploy-checks":
        problems = deploy_problems(project)
        return problems[0] if problems else ""
    raise SystemExit(f"unknown catcher {catcher!r}")


def check_trigger(trigger: str, answers: dict[str, Any], mutations: list[Mutation]) -> list[str]:
    """Run the trigger's mutations; return the rows of the report."""
    rows = []
    with tempfile.TemporaryDirectory() as work:
        project = bake(answers, Path(work) / "baked")
        package = next(path.name for path in (project / "src").iterdir() if path.is_dir())
        if caught(project, "tests") or caught(project, "deploy-checks"):
            raise SystemExit(f"{trigger}: the project as generated already fails its checks")
        for number, mutation in enumerate(m for m in mutations if trigger in m.triggers):
            copy = shutil.copytree(project, Path(work) / f"mutant-{number}")
            mutation.apply(copy, package)
            evidence = caught(copy, mutation.caught_by)
            verdict = "killed" if evidence else "SURVIVED"
            row = f"{trigger:<12} {mutation.caught_by:<14} {verdict:<9} {mutation.name}"
            rows.append(f"{row} ({evidence})" if evidence else row)
    return rows


def main(triggers: list[str]) -> int:
    answers, mutations = load_mutations()
    rows = []
    for trigger in triggers or list(answers):
        rows += check_trigger(trigger, answers[trigger], mutations)
        print("\n".join(rows[-sum(trigger in m.triggers for m in mutations) :]), flush=True)
    survivors = [row for row in rows if "SURVIVED" in row]
    print(f"\n{len(rows) - len(survivors)} of {len(rows)} mutations of generated projects caught")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
