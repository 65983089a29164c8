{%- if extra_functions_of(cookiecutter) -%}
{% include "functions/test_cost_tool.py" %}
{%- else -%}
{%- set f = features(cookiecutter) -%}
"""`make cost`: the monthly cost of this stack, against figures worked out by hand."""

from __future__ import annotations

import pytest
from cfnlint.decode.cfn_yaml import load

from tools import cost
from tools.lambda_cost import Load, estimate


def test_table_covers_both_architectures_and_marks_the_current_memory(capsys):
    cost.main(["--load", "2000000", "--duration-ms", "150"])
    lines = capsys.readouterr().out.splitlines()
{%- if load_of(cookiecutter).batch_size > 1 %}
    assert lines[0] == (
        f"2,000,000 {cost.LOAD_UNIT} a month in batches of {cost.BATCH_SIZE}: "
        f"{-(-2_000_000 // cost.BATCH_SIZE):,} invocations, 150 ms each"
    )
{%- else %}
    assert lines[0] == f"2,000,000 {cost.LOAD_UNIT} a month, 150 ms each"
{%- endif %}
    current = [line for line in lines if line.endswith("<- current")]
    assert len(current) == 1
    assert current[0].lstrip().startswith(f"{cost.CURRENT_MEMORY_MB} MB")


def test_arm64_is_cheaper_at_every_memory_size():
    rows = cost.monthly_costs(Load(1_000_000, 100))
    assert all(costs["arm64"] < costs["x86_64"] for _, costs in rows)


@pytest.fixture
def two_gigabytes(monkeypatch: pytest.MonkeyPatch) -> int:
    """Price the function at 2,048 MB (2 GB), whatever its memory."""
    monkeypatch.setattr(cost, "CURRENT_MEMORY_MB", 2048)
    return 2048


def function_lines(load: Load) -> dict[str, float]:
    """The lines of the function alone, at the current memory and architecture."""
    configuration = cost.configuration(cost.CURRENT_MEMORY_MB, cost.CURRENT_ARCHITECTURE)
    return {line.item: line.dollars for line in estimate(cost.PRICES, configuration, load).lines}


{% if cookiecutter.latency == "on-demand" -%}
def test_function_figures_follow_the_published_prices(two_gigabytes):
    # Prices of tools/lambda-prices.json, worked by hand for 2 GB: 1,000,000 requests x 0.1 s
    # x 2 GB = 200,000 GB-s at $0.0000133334 (arm64) = $2.66668, or $0.0000166667 (x86_64)
    # = $3.33334; 1,000,000 requests at $0.20 a million.
    duration = {"arm64": 2.66668, "x86_64": 3.33334}["{{ cookiecutter.architecture }}"]
    assert function_lines(Load(1_000_000, 100)) == pytest.approx(
        {"Lambda requests": 0.2, "Lambda duration": duration}, rel=1e-12
    )
{%- else -%}
def test_always_on_capacity_is_billed_even_without_traffic(two_gigabytes):
    # Prices of tools/lambda-prices.json, worked by hand for 2 GB and one request of 1 ms
    # (0.002 GB-s, and $0.20 / 1,000,000 for the request); a month of 730 h x 3,600 s =
    # 2,628,000 s, so 2 GB x 2,628,000 s = 5,256,000 GB-s always on.
{%- if cookiecutter.latency == "provisioned" %}
    # Each provisioned environment: 5,256,000 GB-s x $0.0000033334 = $17.5203504 (arm64) or
    # $0.0000041667 = $21.9001752 (x86_64); duration $0.0000077778 or $0.0000097222 per GB-s.
    always_on, duration_price = {
        "arm64": (17.5203504, 0.0000077778),
        "x86_64": (21.9001752, 0.0000097222),
    }["{{ cookiecutter.architecture }}"]
    assert function_lines(Load(1, 1)) == pytest.approx(
        {
            "Lambda requests": 0.2 / 1_000_000,
            "Provisioned concurrency": {{ cookiecutter.provisioned_concurrency | int }} * always_on,
            "Lambda duration on provisioned environments": 0.002 * duration_price,
        },
        rel=1e-12,
    )
{%- else %}
    # The SnapStart cache of one version: 5,256,000 GB-s x $0.0000015046 = $7.9081776 on either
    # architecture; duration $0.0000133334 (arm64) or $0.0000166667 per GB-s.
    duration_price = {"arm64": 0.0000133334, "x86_64": 0.0000166667}["{{ cookiecutter.architecture }}"]
    assert function_lines(Load(1, 1)) == pytest.approx(
        {
            "Lambda requests": 0.2 / 1_000_000,
            "Lambda duration": 0.002 * duration_price,
            "SnapStart cache": 7.9081776,
        },
        rel=1e-12,
    )
{%- endif %}
{%- endif %}


def test_the_stack_lines_are_what_template_yaml_declares():
    resources = load(str(cost.PROJECT_DIR / "template.yaml"))["Resources"]
    types = [resource["Type"] for resource in resources.values()]
    lines = {line.item: line for line in cost.breakdown(Load(1_000_000, 100)).lines}
    assert ("API Gateway HTTP API requests" in lines) == ("AWS::Serverless::HttpApi" in types)
    assert ("KMS key" in lines) == ("AWS::KMS::Key" in types)
    assert ("SQS requests" in lines) == ("SourceQueue" in resources)
    assert ("Kinesis Data Streams (on-demand)" in lines) == ("AWS::Kinesis::Stream" in types)
    assert ("DynamoDB writes" in lines) == bool({"DataTable", "IdempotencyTable"} & set(resources))
    alarms = types.count("AWS::CloudWatch::Alarm")
    if alarms:
        # $0.10 a month for each standard-resolution alarm.
        assert lines["CloudWatch alarms"].dollars == pytest.approx(alarms * 0.10, rel=1e-12)
    else:
        assert "CloudWatch alarms" not in lines
    # 1,000,000 invocations, all within X-Ray's one-a-second reservoir: $5.00 a million.
    assert lines["X-Ray traces"].dollars == pytest.approx(5.0, rel=1e-12)


def test_the_load_is_read_in_the_batches_template_yaml_sets():
    function = load(str(cost.PROJECT_DIR / "template.yaml"))["Resources"]["Function"]
    batch_sizes = [
        event["Properties"]["BatchSize"]
        for event in function["Properties"].get("Events", {}).values()
        if event["Type"] in ("SQS", "Kinesis", "DynamoDB")
    ]
{%- if load_of(cookiecutter).batch_size > 1 %}
    assert batch_sizes == [cost.BATCH_SIZE]
{%- else %}
    assert batch_sizes == []
    assert not hasattr(cost, "BATCH_SIZE")
{%- endif %}
{% endif %}