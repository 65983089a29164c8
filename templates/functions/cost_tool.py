{#- tools/cost.py of a project of several functions: {{cookiecutter.project_slug}}/tools/cost.py
    renders this one when the project has extra functions. -#}
{%- set functions = cost_functions(cookiecutter) -%}
{%- set main = functions[0] -%}
{%- set profile = cookiecutter._workload_profiles[cookiecutter.workload] -%}
"""Monthly cost of this stack function by function, and across the main function's memory range.

    make cost LOAD=... DURATION_MS=... [<FUNCTION>_LOAD=... <FUNCTION>_DURATION_MS=...]

sets each function's load, a month in what its trigger delivers, and duration per call:
{% for function in functions %}
    {{ function.name }}: {{ function.variables }}LOAD={{ function.load.per_month }} {{ function.load.unit }}, {{ function.variables }}DURATION_MS={{ function.duration_ms }}
{%- endfor %}

Each function is priced on its own load (in what its trigger delivers, read in its
own batches) and duration, at its own memory, and each line names the function it
belongs to by logical id. What the functions share is priced once (the tables by
the requests of each function, the KMS key as "shared"), and so is the free tier,
which is the account's. Prices come from tools/lambda-prices.json (region, source
and date inside), the formulas from tools/lambda_cost.py (the template's own cost
model, copied when the project was generated), the alarms from template.yaml.
Memory changes duration as well, since CPU scales with it: the table holds the
durations fixed, so measure the real trade-off with AWS Lambda Power Tuning
(`make tune`).
"""

from __future__ import annotations

import argparse
import json
import textwrap
from dataclasses import dataclass
from pathlib import Path

from cfnlint.decode.cfn_yaml import load

from tools.lambda_cost import (
    SHARED,
    Configuration,
    CostEstimate,
    Load,
    PricedFunction,
    Stack,
    alarms_by_function,
    estimate_functions,
    invocations_for,
)

PROJECT_DIR = Path(__file__).resolve().parents[1]
PRICES = json.loads(Path(__file__).with_name("lambda-prices.json").read_text())
ARCHITECTURES = ("arm64", "x86_64")
WIDTH = 78
MAIN_FUNCTION = "{{ main.name }}"
# The architecture of every function (template.yaml's Globals).
CURRENT_ARCHITECTURE = "{{ cookiecutter.architecture }}"
# The main function's workload's range; the others stay at their own memory.
MEMORY_RANGE_MB = {{ profile.power_values | tojson }}


@dataclass(frozen=True)
class Function:
    """A function as template.yaml declares it, and the load `make cost` starts from."""

    prefix: str  # of its resources' logical ids ("" for the main function)
    memory_mb: int
    latency: str
    provisioned_concurrency: int
    load_unit: str  # what its trigger delivers
    default_load: int  # of them a month
    batch_size: int  # of them an invocation reads
    typical_duration_ms: float
    # How an invocation uses the stack around the function (lambda_starter/usage.py).
    usage: dict[str, float | int | bool]


FUNCTIONS = {
{%- for function in functions %}
    "{{ function.name }}": Function(
        prefix="{{ function.prefix }}",
        memory_mb={{ function.configuration.memory_mb }},
        latency="{{ function.configuration.latency }}",
        provisioned_concurrency={{ function.configuration.provisioned_concurrency }},
        load_unit="{{ function.load.unit }}",
        default_load={{ "{:_}".format(function.load.per_month) }},
        batch_size={{ function.load.batch_size }},
        typical_duration_ms={{ function.duration_ms }},
        usage={
{%- for name, value in function.usage.items() %}
            "{{ name }}": {{ value }},
{%- endfor %}
        },
    ),
{%- endfor %}
}


def alarms() -> dict[str, int]:
    """The alarms template.yaml declares, counted for the function each belongs to."""
    resources = load(str(PROJECT_DIR / "template.yaml"))["Resources"]
    ids = [name for name, value in resources.items() if value["Type"] == "AWS::CloudWatch::Alarm"]
    return alarms_by_function(ids, {name: function.prefix for name, function in FUNCTIONS.items()})


def priced(
    loads: dict[str, Load], main_memory_mb: int, architecture: str, counted: dict[str, int]
) -> list[PricedFunction]:
    """Each function on its load, the main one at ``main_memory_mb``, all on ``architecture``."""
    return [
        PricedFunction(
            name,
            Configuration(
                main_memory_mb if name == MAIN_FUNCTION else function.memory_mb,
                architecture,
                function.latency,
                function.provisioned_concurrency,
            ),
            loads[name],
            Stack(**function.usage, alarms=counted[name]),
        )
        for name, function in FUNCTIONS.items()
    ]


def monthly_costs(loads: dict[str, Load]) -> list[tuple[int, dict[str, float]]]:
    """Dollars a month of the whole stack for each memory size of the main function and
    each architecture."""
    counted = alarms()

    def total(memory: int, architecture: str) -> float:
        return estimate_functions(PRICES, priced(loads, memory, architecture, counted)).total

    sizes = sorted({*MEMORY_RANGE_MB, FUNCTIONS[MAIN_FUNCTION].memory_mb})
    return [(memory, {arch: total(memory, arch) for arch in ARCHITECTURES}) for memory in sizes]


def breakdown(loads: dict[str, Load]) -> CostEstimate:
    """The current configuration's estimate, line by line, each line naming its function."""
    main_memory = FUNCTIONS[MAIN_FUNCTION].memory_mb
    return estimate_functions(PRICES, priced(loads, main_memory, CURRENT_ARCHITECTURE, alarms()))


def assignments(parser: argparse.ArgumentParser, option: str, given: list[str]) -> dict[str, float]:
    """LOGICAL_ID=NUMBER values of a repeatable option, for the functions other than the main."""
    others = [name for name in FUNCTIONS if name != MAIN_FUNCTION]
    values = {}
    for text in given:
        name, _, number = text.partition("=")
        if name not in others:
            main_option = option.replace("--function-", "--")
            parser.error(
                f"{option} {text}: name one of {', '.join(others)} ({main_option} is "
                f"{MAIN_FUNCTION}'s)"
            )
        try:
            values[name] = float(number.replace("_", "").replace(",", ""))
        except ValueError:
            parser.error(f"{option} {text}: {number!r} is not a number")
        if values[name] <= 0:
            parser.error(f"{option} {text}: {number!r} is not greater than zero")
    return values


def main(argv: list[str] | None = None) -> None:
    main_function = FUNCTIONS[MAIN_FUNCTION]
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--load",
        type=int,
        default=main_function.default_load,
        help=f"{main_function.load_unit} a month ({MAIN_FUNCTION})",
    )
    parser.add_argument(
        "--duration-ms",
        type=float,
        default=main_function.typical_duration_ms,
        help=f"per call ({MAIN_FUNCTION})",
    )
    others = {name: function for name, function in FUNCTIONS.items() if name != MAIN_FUNCTION}
    parser.add_argument(
        "--function-load",
        action="append",
        default=[],
        metavar="LOGICAL_ID=LOAD",
        help="another function's load a month, in what its trigger delivers (repeatable): "
        + ", ".join(f"{name}={f.default_load} {f.load_unit}" for name, f in others.items()),
    )
    parser.add_argument(
        "--function-duration-ms",
        action="append",
        default=[],
        metavar="LOGICAL_ID=MS",
        help="another function's duration per call (repeatable): "
        + ", ".join(f"{name}={f.typical_duration_ms:g}" for name, f in others.items()),
    )
    args = parser.parse_args(argv)
    per_month = {name: function.default_load for name, function in FUNCTIONS.items()}
    per_month |= {MAIN_FUNCTION: args.load}
    given = assignments(parser, "--function-load", args.function_load)
    per_month |= {name: round(value) for name, value in given.items()}
    durations = {name: function.typical_duration_ms for name, function in FUNCTIONS.items()}
    durations |= {MAIN_FUNCTION: args.duration_ms}
    durations |= assignments(parser, "--function-duration-ms", args.function_duration_ms)
    loads = {}
    for name, function in FUNCTIONS.items():
        load_ = Load(invocations_for(per_month[name], function.batch_size), durations[name])
        loads[name] = load_
        read = (
            f" in batches of {function.batch_size}: {load_.requests_per_month:,} invocations,"
            if function.batch_size > 1
            else ","
        )
        print(
            f"{name}: {per_month[name]:,} {function.load_unit} a month{read} "
            f"{load_.average_duration_ms:g} ms each"
        )
    print(
        f"{'memory':>9}  {'arm64':>12}  {'x86_64':>12}  "
        f"(whole stack, a month, at {MAIN_FUNCTION}'s memory)"
    )
    for memory, costs in monthly_costs(loads):
        current = "  <- current" if memory == main_function.memory_mb else ""
        print(f"{memory:>6} MB  ${costs['arm64']:>11,.2f}  ${costs['x86_64']:>11,.2f}{current}")
    itemised = breakdown(loads)
    at = ", ".join(f"{name} at {function.memory_mb} MB" for name, function in FUNCTIONS.items())
    print(f"\n{textwrap.fill(f'{at}, on {CURRENT_ARCHITECTURE}:', WIDTH)}")
    print(textwrap.fill(f"({PRICES['basis']}, checked {PRICES['checked']})", WIDTH))
    after_free_tier = "after the free tier (the account's, once)"
    column = max(44, len(after_free_tier), *(len(line.label) for line in itemised.lines))
    for line in itemised.lines:
        print(f"  {line.label:<{column}} ${line.dollars:>10,.2f}")
        print(textwrap.fill(line.basis, WIDTH, initial_indent=" " * 6, subsequent_indent=" " * 6))
    shared = any(line.function == SHARED for line in itemised.lines)
    owners = [*FUNCTIONS, SHARED] if shared else list(FUNCTIONS)
    for owner in owners:
        print(f"  {owner + ' subtotal':<{column}} ${itemised.subtotal(owner):>10,.2f}")
    print(f"  {'total':<{column}} ${itemised.total:>10,.2f}")
    after = itemised.total_after_free_tier
    print(f"  {after_free_tier:<{column}} ${after:>10,.2f}")


if __name__ == "__main__":
    main()
