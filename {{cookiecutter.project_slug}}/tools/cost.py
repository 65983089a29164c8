{%- set profile = cookiecutter._workload_profiles[cookiecutter.workload] -%}
"""Monthly Lambda cost of this function, for both architectures across the workload's memory range.

    make cost REQUESTS=1000000 DURATION_MS={{ profile.typical_duration_ms }}

Prices come from tools/lambda-prices.json, the formula from tools/lambda_cost.py
(the template's own cost model, copied when the project was generated). Memory
changes duration as well, since CPU scales with it: these figures hold the
duration fixed, so measure the real trade-off with AWS Lambda Power Tuning.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from tools.lambda_cost import Configuration, Load, estimate

PRICES = json.loads(Path(__file__).with_name("lambda-prices.json").read_text())
ARCHITECTURES = ("arm64", "x86_64")
CURRENT_ARCHITECTURE = "{{ cookiecutter.architecture }}"
CURRENT_MEMORY_MB = {{ cookiecutter.memory_size | int }}
MEMORY_RANGE_MB = {{ profile.power_values | tojson }}
TYPICAL_DURATION_MS = {{ profile.typical_duration_ms }}
LATENCY = "{{ cookiecutter.latency }}"
PROVISIONED_CONCURRENCY = {{ cookiecutter.provisioned_concurrency | int if cookiecutter.latency == "provisioned" else 0 }}


def monthly_costs(load: Load) -> list[tuple[int, dict[str, float]]]:
    """Dollars a month for each memory size and architecture."""
    sizes = sorted({*MEMORY_RANGE_MB, CURRENT_MEMORY_MB})
    return [
        (
            memory,
            {
                architecture: estimate(
                    PRICES,
                    Configuration(memory, architecture, LATENCY, PROVISIONED_CONCURRENCY),
                    load,
                ).total
                for architecture in ARCHITECTURES
            },
        )
        for memory in sizes
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1_000_000, help="invocations a month")
    parser.add_argument("--duration-ms", type=float, default=TYPICAL_DURATION_MS, help="per call")
    args = parser.parse_args(argv)
    load = Load(args.requests, args.duration_ms)
    print(f"{load.requests_per_month:,} requests a month, {load.average_duration_ms:g} ms each")
    print(f"{'memory':>9}  {'arm64':>12}  {'x86_64':>12}")
    for memory, costs in monthly_costs(load):
        current = "  <- current" if memory == CURRENT_MEMORY_MB else ""
        print(f"{memory:>6} MB  ${costs['arm64']:>11,.2f}  ${costs['x86_64']:>11,.2f}{current}")


if __name__ == "__main__":
    main()
