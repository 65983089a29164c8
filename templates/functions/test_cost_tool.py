{#- tests/unit/test_cost_tool.py of a project of several functions: the project's file renders
    this one when the project has extra functions. -#}
{%- set functions = cost_functions(cookiecutter) -%}
"""`make cost`: the monthly cost of this stack, function by function, against figures worked
out by hand."""

from __future__ import annotations

import pytest
from cfnlint.decode.cfn_yaml import load

from tools import cost
from tools.lambda_cost import SHARED, Load

EXTRA = "{{ functions[1].name }}"


def loads(main: Load, extra: Load) -> dict[str, Load]:
    """``main`` for the main function, ``extra`` for each of the others."""
    return {name: main if name == cost.MAIN_FUNCTION else extra for name in cost.FUNCTIONS}


def test_every_function_is_named_with_its_load(capsys):
    cost.main(["--load", "2000", "--function-load", f"{EXTRA}=730"])
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines[: len(cost.FUNCTIONS)]] == list(cost.FUNCTIONS)
    assert any(line.startswith(f"{EXTRA}: 730 ") for line in lines)
    current = [line for line in lines if line.endswith("<- current")]
    assert len(current) == 1
    assert f"  {EXTRA} subtotal" in "\n".join(lines)


def test_an_unknown_function_is_refused(capsys):
    with pytest.raises(SystemExit):
        cost.main(["--function-load", "NoSuchFunction=5"])
    assert "name one of" in capsys.readouterr().err


def test_each_function_is_priced_at_its_own_memory():
    # 1,000 invocations of 1,000 ms for every function: 1,000 s x its memory in GB, at the
    # current architecture's price per GB-s.
    price = {"arm64": 0.0000133334, "x86_64": 0.0000166667}[cost.CURRENT_ARCHITECTURE]
    estimate = cost.breakdown(loads(Load(1_000, 1_000), Load(1_000, 1_000)))
    for name, function in cost.FUNCTIONS.items():
        duration = estimate.line("Lambda duration", name).dollars
        assert duration == pytest.approx(1_000 * function.memory_mb / 1024 * price, rel=1e-12)
        # 1,000 requests at $0.20 a million.
        assert estimate.line("Lambda requests", name).dollars == pytest.approx(0.0002, rel=1e-12)
    assert estimate.total == pytest.approx(
        sum(estimate.subtotal(name) for name in [*cost.FUNCTIONS, SHARED]), rel=1e-12
    )


def test_the_free_requests_are_the_accounts_once():
    # 1,000,000 invocations of each function: $0.20 of requests each, the free million once.
    estimate = cost.breakdown(loads(Load(1_000_000, 1), Load(1_000_000, 1)))
    free = {line.item: line.dollars for line in estimate.free_tier}
    assert free["Lambda requests"] == pytest.approx(0.2, rel=1e-12)
    requests = [line for line in estimate.lines if line.item == "Lambda requests"]
    assert [line.function for line in requests] == list(cost.FUNCTIONS)


def test_every_alarm_of_template_yaml_is_priced_once():
    resources = load(str(cost.PROJECT_DIR / "template.yaml"))["Resources"]
    types = [resource["Type"] for resource in resources.values()]
    estimate = cost.breakdown(loads(Load(1_000, 100), Load(1_000, 100)))
    alarm_lines = [line for line in estimate.lines if line.item == "CloudWatch alarms"]
    # $0.10 a month for each standard-resolution alarm.
    total = sum(line.dollars for line in alarm_lines)
    assert total == pytest.approx(types.count("AWS::CloudWatch::Alarm") * 0.10, rel=1e-12)
    assert ("KMS key" in {line.item for line in estimate.lines}) == ("AWS::KMS::Key" in types)


def test_each_function_reads_the_batches_template_yaml_sets():
    resources = load(str(cost.PROJECT_DIR / "template.yaml"))["Resources"]
    for name, function in cost.FUNCTIONS.items():
        events = resources[name]["Properties"].get("Events", {}).values()
        batch_sizes = [
            event["Properties"]["BatchSize"]
            for event in events
            if event["Type"] in ("SQS", "Kinesis", "DynamoDB")
        ]
        assert batch_sizes == ([function.batch_size] if function.batch_size > 1 else [])
