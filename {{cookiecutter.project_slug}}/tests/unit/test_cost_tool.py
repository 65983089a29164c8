"""`make cost`: the monthly cost table for this function's configuration."""

from __future__ import annotations

import pytest

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


@pytest.fixture
def two_gigabytes(monkeypatch: pytest.MonkeyPatch) -> int:
    """Price a 2,048 MB (2 GB) function as well, whatever the workload's range."""
    monkeypatch.setattr(cost, "MEMORY_RANGE_MB", [2048])
    return 2048


{% if cookiecutter.latency == "on-demand" -%}
def test_figures_follow_the_published_prices(two_gigabytes):
    costs = dict(cost.monthly_costs(Load(1_000_000, 100)))[two_gigabytes]
    # Prices of cookiecutter.json's _pricing, worked by hand for 2 GB:
    # 1,000,000 requests x 0.1 s x 2 GB = 200,000 GB-s, at $0.0000133334 (arm64) = $2.66668
    # or at $0.0000166667 (x86_64) = $3.33334; plus 1,000,000 requests at $0.20 a million.
    assert costs == pytest.approx({"arm64": 2.86668, "x86_64": 3.53334}, rel=1e-12)
{%- else -%}
def test_always_on_capacity_is_billed_even_without_traffic(two_gigabytes):
    costs = dict(cost.monthly_costs(Load(1, 1)))[two_gigabytes]
    # Prices of cookiecutter.json's _pricing, worked by hand for 2 GB, one request of 1 ms
    # (0.002 GB-s at the duration price, plus $0.20 / 1,000,000 for the request) and a month
    # of 730 h x 3,600 s = 2,628,000 s, so 2 GB x 2,628,000 s = 5,256,000 GB-s always on:
{%- if cookiecutter.latency == "provisioned" %}
    # each provisioned environment costs 5,256,000 GB-s x $0.0000033334 = $17.5203504 on
    # arm64 and x $0.0000041667 = $21.9001752 on x86_64; duration $0.0000077778 or
    # $0.0000097222 per GB-s.
    arm64 = {{ cookiecutter.provisioned_concurrency | int }} * 17.5203504 + 0.002 * 0.0000077778 + 0.20 / 1_000_000
    x86_64 = {{ cookiecutter.provisioned_concurrency | int }} * 21.9001752 + 0.002 * 0.0000097222 + 0.20 / 1_000_000
{%- else %}
    # the SnapStart cache of one version costs 5,256,000 GB-s x $0.0000015046 = $7.9081776
    # on either architecture; duration $0.0000133334 (arm64) or $0.0000166667 per GB-s.
    arm64 = 7.9081776 + 0.002 * 0.0000133334 + 0.20 / 1_000_000
    x86_64 = 7.9081776 + 0.002 * 0.0000166667 + 0.20 / 1_000_000
{%- endif %}
    assert costs == pytest.approx({"arm64": arm64, "x86_64": x86_64}, rel=1e-12)
{%- endif %}
