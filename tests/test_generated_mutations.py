"""The generated-code mutation set stays applicable and covers every trigger.

The mutations themselves run in `make mutants` (scripts/generated_mutants.py);
this fast check fails as soon as a template change makes a mutation's text
vanish, or a trigger is added without mutations of its own.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from scripts.generated_mutants import load_mutations
from tests.conftest import TEMPLATE_CONTEXT, bake_project

ANSWERS, MUTATIONS = load_mutations()


def test_every_trigger_has_mutations_for_its_tests_and_for_the_deploy_checks():
    assert set(ANSWERS) == set(TEMPLATE_CONTEXT["trigger"])
    for trigger in ANSWERS:
        catchers = {m.caught_by for m in MUTATIONS if trigger in m.triggers}
        assert catchers == {"tests", "deploy-checks"}, trigger


@pytest.fixture(scope="module")
def baked(cookies_session: Any) -> dict[str, Path]:
    return {trigger: bake_project(cookies_session, answers) for trigger, answers in ANSWERS.items()}


@pytest.mark.parametrize("trigger", list(ANSWERS))
def test_every_mutation_applies_and_leaves_valid_code(
    baked: dict[str, Path], trigger: str, tmp_path: Path
):
    """Each edit finds its text once, and the mutant still compiles or parses."""
    project = baked[trigger]
    package = next(path.name for path in (project / "src").iterdir() if path.is_dir())
    for number, mutation in enumerate(m for m in MUTATIONS if trigger in m.triggers):
        mutation.apply(shutil.copytree(project, tmp_path / str(number)), package)
