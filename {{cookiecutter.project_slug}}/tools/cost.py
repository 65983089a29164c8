{%- if extra_functions_of(cookiecutter) -%}
{% include "functions/cost_tool.py" %}
{%- else -%}
{%- set f = features(cookiecutter) -%}
{%- set profile = cookiecutter._workload_profiles[cookiecutter.workload] -%}
{%- set traffic = load_of(cookiecutter) -%}
"""Monthly cost of this stack, line by line, and of the function across the workload's memory range.

    make cost LOAD={{ traffic.per_month }} DURATION_MS={{ profile.typical_duration_ms }}    # LOAD: {{ traffic.unit }} a month

Prices come from tools/lambda-prices.json (region, source and date inside), the
formulas from tools/lambda_cost.py (the template's own cost model, copied when
the project was generated), the alarms from template.yaml. Memory changes
duration as well, since CPU scales with it: the table holds the duration fixed,
so measure the real trade-off with AWS Lambda Power Tuning (`make tune`).
"""

from __future__ import annotations

import argparse
import json
import textwrap
from pathlib import Path

from cfnlint.decode.cfn_yaml import load

{% if traffic.batch_size > 1 -%}
from tools.lambda_cost import Configuration, CostEstimate, Load, Stack, estimate, invocations_for
{%- else -%}
from tools.lambda_cost import Configuration, CostEstimate, Load, Stack, estimate
{%- endif %}

PROJECT_DIR = Path(__file__).resolve().parents[1]
PRICES = json.loads(Path(__file__).with_name("lambda-prices.json").read_text())
ARCHITECTURES = ("arm64", "x86_64")
WIDTH = 78
CURRENT_ARCHITECTURE = "{{ cookiecutter.architecture }}"
CURRENT_MEMORY_MB = {{ cookiecutter.memory_size | int }}
MEMORY_RANGE_MB = {{ profile.power_values | tojson }}
TYPICAL_DURATION_MS = {{ profile.typical_duration_ms }}
# The load, in what the trigger delivers{{ ", read in batches" if traffic.batch_size > 1 }}.
LOAD_UNIT = "{{ traffic.unit }}"
DEFAULT_LOAD = {{ "{:_}".format(traffic.per_month) }}
{%- if traffic.batch_size > 1 %}
BATCH_SIZE = {{ traffic.batch_size }}
{%- endif %}
LATENCY = "{{ cookiecutter.latency }}"
PROVISIONED_CONCURRENCY = {{ cookiecutter.provisioned_concurrency | int if cookiecutter.latency == "provisioned" else 0 }}
# How an invocation uses the stack around the function (lambda_starter/usage.py).
USAGE = {
{%- for name, value in stack_usage(cookiecutter).items() %}
    "{{ name }}": {{ value }},
{%- endfor %}
}


def stack() -> Stack:
    """The stack around the function, with the alarms template.yaml declares."""
    resources = load(str(PROJECT_DIR / "template.yaml"))["Resources"]
    alarms = sum(r["Type"] == "AWS::CloudWatch::Alarm" for r in resources.values())
    return Stack(**USAGE, alarms=alarms)


def configuration(memory_mb: int, architecture: str) -> Configuration:
    """The deployed function's settings at another memory size or architecture."""
    return Configuration(memory_mb, architecture, LATENCY, PROVISIONED_CONCURRENCY)


def monthly_costs(load: Load) -> list[tuple[int, dict[str, float]]]:
    """Dollars a month of the whole stack for each memory size and architecture."""
    around = stack()

    def total(memory: int, architecture: str) -> float:
        return estimate(PRICES, configuration(memory, architecture), load, around).total

    sizes = sorted({*MEMORY_RANGE_MB, CURRENT_MEMORY_MB})
    return [(memory, {arch: total(memory, arch) for arch in ARCHITECTURES}) for memory in sizes]


def breakdown(load: Load) -> CostEstimate:
    """The current configuration's estimate, line by line."""
    return estimate(PRICES, configuration(CURRENT_MEMORY_MB, CURRENT_ARCHITECTURE), load, stack())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--load", type=int, default=DEFAULT_LOAD, help=f"{LOAD_UNIT} a month")
    parser.add_argument("--duration-ms", type=float, default=TYPICAL_DURATION_MS, help="per call")
    args = parser.parse_args(argv)
{%- if traffic.batch_size > 1 %}
    load = Load(invocations_for(args.load, BATCH_SIZE), args.duration_ms)
    print(
        f"{args.load:,} {LOAD_UNIT} a month in batches of {BATCH_SIZE}: "
        f"{load.requests_per_month:,} invocations, {load.average_duration_ms:g} ms each"
    )
{%- else %}
    load = Load(args.load, args.duration_ms)
    print(f"{args.load:,} {LOAD_UNIT} a month, {load.average_duration_ms:g} ms each")
{%- endif %}
    print(f"{'memory':>9}  {'arm64':>12}  {'x86_64':>12}  (whole stack, a month)")
    for memory, costs in monthly_costs(load):
        current = "  <- current" if memory == CURRENT_MEMORY_MB else ""
        print(f"{memory:>6} MB  ${costs['arm64']:>11,.2f}  ${costs['x86_64']:>11,.2f}{current}")
    itemised = breakdown(load)
    print(f"\nAt {CURRENT_MEMORY_MB} MB on {CURRENT_ARCHITECTURE}:")
    print(textwrap.fill(f"({PRICES['basis']}, checked {PRICES['checked']})", WIDTH))
    for line in itemised.lines:
        print(f"  {line.item:<44} ${line.dollars:>10,.2f}")
        print(textwrap.fill(line.basis, WIDTH, initial_indent=" " * 6, subsequent_indent=" " * 6))
    print(f"  {'total':<44} ${itemised.total:>10,.2f}")
    after = itemised.total_after_free_tier
    print(f"  {'after the free tier (if the account has it)':<44} ${after:>10,.2f}")


if __name__ == "__main__":
    main()
{% endif %}