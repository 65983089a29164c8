"""Monthly Lambda cost of a configuration, from a price list (cookiecutter.json's ``_pricing``).

Only the function is priced (requests, compute, and provisioned concurrency or
the SnapStart cache when chosen); API Gateway, queues, tables and data transfer
are not. Prices are us-east-1, first tier, before the free tier.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

SECONDS_PER_HOUR = 3600


@dataclass(frozen=True)
class Load:
    """The traffic to price: invocations a month and their average duration."""

    requests_per_month: int
    average_duration_ms: float


@dataclass(frozen=True)
class Configuration:
    """What the price of a function depends on, besides its traffic."""

    memory_mb: int
    architecture: str
    latency: str = "on-demand"
    provisioned_concurrency: int = 0


@dataclass(frozen=True)
class CostEstimate:
    """Dollars a month, by component."""

    requests: float
    compute: float
    always_on: float
    always_on_label: str

    @property
    def total(self) -> float:
        return self.requests + self.compute + self.always_on


def estimate(pricing: Mapping[str, Any], function: Configuration, load: Load) -> CostEstimate:
    """Price ``load`` on a function with this memory, architecture and cold-start strategy."""
    architecture = function.architecture
    provisioned_concurrency = function.provisioned_concurrency
    latency = function.latency
    gigabytes = function.memory_mb / 1024
    gb_seconds = load.requests_per_month * load.average_duration_ms / 1000 * gigabytes
    month_seconds = pricing["month_hours"] * SECONDS_PER_HOUR
    requests = load.requests_per_month / 1_000_000 * pricing["request_per_million"]

    if latency == "provisioned":
        always_on = (
            provisioned_concurrency
            * gigabytes
            * month_seconds
            * pricing["provisioned_gb_second"][architecture]
        )
        compute = gb_seconds * pricing["provisioned_duration_gb_second"][architecture]
        label = f"{provisioned_concurrency} provisioned environments, all month"
    elif latency == "snapstart":
        always_on = gigabytes * month_seconds * pricing["snapstart_cache_gb_second"]
        compute = gb_seconds * pricing["gb_second"][architecture]
        label = "SnapStart cache of one version (restores extra)"
    else:
        always_on = 0.0
        compute = gb_seconds * pricing["gb_second"][architecture]
        label = ""
    return CostEstimate(requests, compute, always_on, label)
