"""The monthly cost estimate, checked against figures worked out by hand from lambda-facts.md."""

from __future__ import annotations

from typing import Any

import pytest

from lambda_starter.cost import Configuration, CostEstimate, Load, estimate
from tests.conftest import TEMPLATE_CONTEXT

PRICING = TEMPLATE_CONTEXT["_pricing"]


def exactly(value: float) -> Any:
    """A hand-computed dollar figure, equal up to floating-point rounding."""
    return pytest.approx(value, rel=1e-12, abs=1e-15)


def cost(load: Load, **configuration: Any) -> CostEstimate:
    """Estimate with an on-demand arm64 function unless ``configuration`` says otherwise."""
    return estimate(PRICING, Configuration(**({"architecture": "arm64"} | configuration)), load)


def test_on_demand_arm64():
    # 10M requests x 0.2 s x 0.5 GB = 1,000,000 GB-s at $0.0000133334 = $13.3334; requests $2.
    estimate_ = cost(Load(10_000_000, 200), memory_mb=512)
    assert estimate_.requests == exactly(2.0)
    assert estimate_.compute == exactly(13.3334)
    assert estimate_.always_on == 0
    assert estimate_.always_on_label == ""
    assert estimate_.total == exactly(15.3334)


def test_requests_are_priced_per_million():
    # 3,500,000 requests at $0.20 a million = $0.70.
    assert cost(Load(3_500_000, 1), memory_mb=128).requests == exactly(0.70)


def test_x86_costs_a_quarter_more_than_arm64():
    # 1M x 1 s x 1 GB = 1,000,000 GB-s: x86 $16.6667, arm64 $13.3334.
    load = Load(1_000_000, 1000)
    assert cost(load, memory_mb=1024, architecture="x86_64").compute == exactly(16.6667)
    assert cost(load, memory_mb=1024).compute == exactly(13.3334)


def test_provisioned_concurrency_bills_the_whole_month():
    # 3 x 2 GB x 730 h x 3600 s = 15,768,000 GB-s at $0.0000033334 = $52.5610512;
    # 1M x 0.1 s x 2 GB = 200,000 GB-s at the provisioned duration price $0.0000077778 = $1.55556.
    estimate_ = cost(
        Load(1_000_000, 100), memory_mb=2048, latency="provisioned", provisioned_concurrency=3
    )
    assert estimate_.always_on == exactly(52.5610512)
    assert estimate_.compute == exactly(1.55556)
    assert estimate_.requests == exactly(0.2)
    assert estimate_.total == exactly(52.5610512 + 1.55556 + 0.2)
    assert estimate_.always_on_label == "3 provisioned environments, all month"


def test_snapstart_adds_the_snapshot_cache():
    # Cache: 0.25 GB x 2,628,000 s x $0.0000015046 = $0.9885222;
    # compute: 1M x 0.1 s x 0.25 GB = 25,000 GB-s at $0.0000133334 = $0.333335.
    estimate_ = cost(Load(1_000_000, 100), memory_mb=256, latency="snapstart")
    assert estimate_.always_on == exactly(0.9885222)
    assert estimate_.compute == exactly(0.333335)
    assert estimate_.total == exactly(0.9885222 + 0.333335 + 0.2)
    assert estimate_.always_on_label == "SnapStart cache of one version (restores extra)"
