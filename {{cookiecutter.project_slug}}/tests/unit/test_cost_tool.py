"""`make cost`: the monthly cost table for this function's configuration."""

from __future__ import annotations

from tools import cost
from tools.lambda_cost import Load


def test_table_covers_both_architectures_and_marks_the_current_memory(capsys):
    cost.main(["--requests", "2000000", "--duration-ms", "150"])
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "2,000,000 requests a month, 150 ms each"
    current = [line for line in lines if line.endswith("<- current")]
    assert len(current) == 1
    assert current[0].lstrip().startswith(f"{cost.CURRENT_MEMORY_MB} MB")


def test_arm64_is_cheaper_and_cost_grows_with_memory():
    rows = cost.monthly_costs(Load(1_000_000, 100))
    assert all(costs["arm64"] < costs["x86_64"] for _, costs in rows)
    totals = [costs["arm64"] for _, costs in rows]
    assert totals == sorted(totals)


{% if cookiecutter.latency == "on-demand" -%}
def test_figures_follow_the_published_prices():
    load = Load(1_000_000, 100)
    ((memory, costs), *_) = cost.monthly_costs(load)
    gb_seconds = 1_000_000 * 0.1 * memory / 1024
    expected = 0.20 + gb_seconds * cost.PRICES["gb_second"]["arm64"]
    assert abs(costs["arm64"] - expected) < 1e-9
{%- else -%}
def test_always_on_capacity_is_billed_even_without_traffic():
    ((_memory, costs), *_) = cost.monthly_costs(Load(1, 1))
    assert costs["arm64"] > 100 * 0.20 / 1_000_000  # far more than the one request costs
{%- endif %}
