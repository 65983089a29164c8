"""benchmarks/cold_start.py: which projects and functions it measures (not the figures).

The benchmark is a script that prints figures; what it selects is checked here: every
combination with extra functions is measured, one row per function, each function's
handler module imported and its own clients in its floor.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from lambda_starter.cfn_yaml import load_template
from lambda_starter.features import extra_functions_of, features_of
from tests.combinations import COMBINATIONS, Bake, Combination, named
from tests.expected import EXPECTED
from tests.test_answer_rules import default_answers

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "cold_start.py"
TWO_FUNCTIONS = named("sqs-with-maintenance-job")


def load_benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("cold_start", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("cold_start", module)  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


cold_start = load_benchmark()


def test_only_combinations_with_extra_functions_are_multi_function_projects():
    combinations = [
        Combination("none"),
        Combination("empty", {"extra_functions": ""}),
        Combination("blank", {"extra_functions": " , "}),
        Combination("one", {"trigger": "sqs", "extra_functions": "schedule"}),
    ]
    assert cold_start.multi_function_projects(combinations) == {
        "one": {"trigger": "sqs", "extra_functions": "schedule"}
    }


def test_every_supported_multi_function_combination_is_benchmarked():
    multi = [c for c in COMBINATIONS if extra_functions_of(default_answers() | c.answers)]
    assert multi, "no combination with extra functions"
    for combination in multi:
        assert cold_start.PROJECTS[combination.name] == combination.answers
    # Still the default project and one per trigger, first.
    assert next(iter(cold_start.PROJECTS)).startswith("default")


def test_a_single_function_project_is_one_row_with_its_clients():
    answers = default_answers()
    (function,) = cold_start.functions_of(answers)
    assert function == cold_start.Function(
        "Function", f"{answers['package_name']}.handler", features_of(answers).aws_clients
    )


@pytest.mark.parametrize(
    "combination",
    [c for c in COMBINATIONS if c.answers.get("extra_functions")],
    ids=lambda c: c.name,
)
def test_each_function_is_a_row_with_its_own_handler_and_clients(combination: Combination):
    answers = default_answers() | combination.answers
    main, *extras = cold_start.functions_of(answers)
    package = answers["package_name"]
    assert main == cold_start.Function(
        "Function", f"{package}.handler", features_of(answers).aws_clients
    )
    expected = [
        cold_start.Function(
            f"{extra['_function']['prefix']}Function",
            f"{package}.{extra['_function']['module']}.handler",
            features_of(extra).aws_clients,
        )
        for extra in extra_functions_of(answers)
    ]
    assert extras == expected
    assert extras


def test_the_maintenance_job_is_measured_from_its_own_handler():
    names = [
        (f.logical_id, f.handler_module)
        for f in cold_start.functions_of(default_answers() | TWO_FUNCTIONS.answers)
    ]
    assert names == [
        ("Function", "orders_service.handler"),
        ("MaintenanceFunction", "orders_service.maintenance.handler"),
    ]


@pytest.mark.subprocess  # a bake: the hooks run in another process
def test_the_rows_match_the_baked_project_s_functions(bake: Bake):
    """From the baked project's recorded answers: the template's functions and handlers."""
    project = bake(TWO_FUNCTIONS)
    functions = cold_start.functions_of(cold_start.project_answers(project))
    resources = load_template(project / "template.yaml")["Resources"]
    handlers = {
        name: resource["Properties"]["Handler"]
        for name, resource in resources.items()
        if resource["Type"] == "AWS::Serverless::Function"
    }
    assert handlers == {f.logical_id: f"{f.handler_module}.lambda_handler" for f in functions}
    for function in functions:
        module = project / "src" / Path(*function.handler_module.split("."))
        assert module.with_suffix(".py").is_file()


def test_the_fake_lambda_environment_holds_every_variable_a_function_requires():
    """The shared settings stop a cold start that lacks one: no row could be measured."""
    required = set().union(*(expected.environment for expected in EXPECTED.values()))
    assert required <= set(load_benchmark().FAKE_AWS)
