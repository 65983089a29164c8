"""The monthly cost estimate, checked against figures worked out by hand from lambda-facts.md."""

from __future__ import annotations

from typing import Any

import pytest

from lambda_starter.cost import Configuration, CostEstimate, Load, estimate
from tests.conftest import TEMPLATE_CONTEXT

PRICING = TEMPLATE_CONTEXT["_pricing"]


def cost(load: Load, **configuration: Any) -> CostEstimate:
    """Estimate with an on-demand arm64 function unless ``configuration`` says otherwise."""
    return estimate(PRICING, Configuration(**({"architecture": "arm64"} | configuration)), load)


def test_on_demand_arm64():
    # 10M requests x 0.2 s x 0.5 GB = 1,000,000 GB-s at $0.0000133334 = $13.3334; requests $2.
    estimate_ = cost(Load(10_000_000, 200), memory_mb=512)
    assert estimate_.requests == pytest.approx(2.0)
    assert estimate_.compute == pytest.approx(13.3334)
    assert estimate_.always_on == 0
    assert estimate_.total == pytest.approx(15.3334)


def test_x86_costs_a_quarter_more_than_arm64():
    load = Load(1_000_000, 1000)
    x86 = cost(load, memory_mb=1024, architecture="x86_64").compute
    arm = cost(load, memory_mb=1024).compute
    assert x86 / arm == pytest.approx(1.25, rel=1e-4)


def test_provisioned_concurrency_bills_the_whole_month():
    # 2 x 1 GB x 730 h x 3600 s = 5,256,000 GB-s at $0.0000033334 = $17.5204;
    # 1M x 0.1 s x 1 GB = 100,000 GB-s at the provisioned duration price $0.0000077778 = $0.77778.
    estimate_ = cost(
        Load(1_000_000, 100), memory_mb=1024, latency="provisioned", provisioned_concurrency=2
    )
    assert estimate_.always_on == pytest.approx(17.5203504)
    assert estimate_.compute == pytest.approx(0.77778)
    assert "2 provisioned environments" in estimate_.always_on_label


def test_snapstart_adds_the_snapshot_cache():
    # 0.25 GB x 2,628,000 s x $0.0000015046 = $0.98852
    estimate_ = cost(Load(1_000_000, 100), memory_mb=256, latency="snapstart")
    assert estimate_.always_on == pytest.approx(0.9885222)
    assert "SnapStart cache" in estimate_.always_on_label
