"""The monthly cost estimate, checked against figures worked out by hand from lambda-facts.md."""

from __future__ import annotations

import pytest

from lambda_starter.cost import Load, estimate
from tests.conftest import TEMPLATE_CONTEXT

PRICING = TEMPLATE_CONTEXT["_pricing"]


def test_on_demand_arm64():
    # 10M requests x 0.2 s x 0.5 GB = 1,000,000 GB-s at $0.0000133334 = $13.3334; requests $2.
    cost = estimate(
        PRICING,
        memory_mb=512,
        architecture="arm64",
        latency="on-demand",
        provisioned_concurrency=0,
        load=Load(10_000_000, 200),
    )
    assert cost.requests == pytest.approx(2.0)
    assert cost.compute == pytest.approx(13.3334)
    assert cost.always_on == 0
    assert cost.total == pytest.approx(15.3334)


def test_x86_costs_a_quarter_more_than_arm64():
    def compute(architecture: str) -> float:
        return estimate(
            PRICING,
            memory_mb=1024,
            architecture=architecture,
            latency="on-demand",
            provisioned_concurrency=0,
            load=Load(1_000_000, 1000),
        ).compute

    assert compute("x86_64") / compute("arm64") == pytest.approx(1.25, rel=1e-4)


def test_provisioned_concurrency_bills_the_whole_month():
    # 2 x 1 GB x 730 h x 3600 s = 5,256,000 GB-s at $0.0000033334 = $17.5204;
    # 1M x 0.1 s x 1 GB = 100,000 GB-s at the provisioned duration price $0.0000077778 = $0.77778.
    cost = estimate(
        PRICING,
        memory_mb=1024,
        architecture="arm64",
        latency="provisioned",
        provisioned_concurrency=2,
        load=Load(1_000_000, 100),
    )
    assert cost.always_on == pytest.approx(17.5203504)
    assert cost.compute == pytest.approx(0.77778)
    assert "2 provisioned environments" in cost.always_on_label


def test_snapstart_adds_the_snapshot_cache():
    # 0.25 GB x 2,628,000 s x $0.0000015046 = $0.98852
    cost = estimate(
        PRICING,
        memory_mb=256,
        architecture="arm64",
        latency="snapstart",
        provisioned_concurrency=0,
        load=Load(1_000_000, 100),
    )
    assert cost.always_on == pytest.approx(0.9885222)
    assert "SnapStart cache" in cost.always_on_label
