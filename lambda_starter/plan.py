"""What a set of answers will generate: its resources and monthly cost, shown beforehand."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cookiecutter.environment import StrictEnvironment
from cookiecutter.find import find_template
from jinja2 import FileSystemLoader

from lambda_starter.cfn_yaml import parse_template
from lambda_starter.cost import (
    SHARED,
    Configuration,
    CostEstimate,
    Load,
    PricedFunction,
    Stack,
    alarms_by_function,
    estimate,
    estimate_functions,
    invocations_for,
)
from lambda_starter.template import Template
from lambda_starter.triggers import trigger_of
from lambda_starter.usage import (
    batch_settings,
    configuration_of,
    default_load,
    functions_of,
    prefix_of,
    records_per_invocation,
    stack_usage,
)


@dataclass(frozen=True)
class Traffic:
    """The load to price, as the user thinks of it: units a month (requests, messages, ...)."""

    per_month: int
    unit: str
    batch_size: int
    duration_ms: float

    @property
    def load(self) -> Load:
        """The function invocations it makes: one per unit, or one per full batch."""
        return Load(invocations_for(self.per_month, self.batch_size), self.duration_ms)

    def describe(self) -> str:
        if self.batch_size > 1:
            return (
                f"{self.per_month:,} {self.unit} a month in batches of {self.batch_size} "
                f"({self.load.requests_per_month:,} invocations of {self.duration_ms:,g} ms)"
            )
        return f"{self.per_month:,} {self.unit} a month of {self.duration_ms:,g} ms each"


def traffic_for(
    template: Template,
    answers: Mapping[str, Any],
    per_month: int | None = None,
    duration_ms: float | None = None,
) -> Traffic:
    """The traffic to price ``answers`` with; what is not given comes from the answers."""
    profiles = template.context["_workload_profiles"]
    month_hours = template.context["_pricing"]["month_hours"]
    return Traffic(
        per_month=per_month or default_load(answers, month_hours),
        unit=trigger_of(answers).load_unit,
        batch_size=records_per_invocation(answers, profiles),
        duration_ms=duration_ms or profiles[answers["workload"]]["typical_duration_ms"],
    )


@dataclass(frozen=True)
class FunctionPlan:
    """One function of the project: its settings (its workload profile's unless the answers
    change them) and the traffic it is priced with."""

    name: str
    workload: str
    memory_mb: int
    timeout_s: int
    ephemeral_storage_mb: int
    batches: dict[str, int]
    traffic: Traffic

    def settings(self) -> str:
        """Memory, timeout, /tmp and how it reads batches, in a line."""
        text = (
            f"{self.memory_mb:,} MB, {self.timeout_s:,} s timeout, "
            f"{self.ephemeral_storage_mb:,} MB /tmp, workload {self.workload}"
        )
        if not self.batches:
            return text
        text += (
            f"; batches of up to {self.batches['batch_size']:,}, "
            f"filled for up to {self.batches['batching_window_seconds']} s"
        )
        if "parallelization_factor" in self.batches:
            text += f", {self.batches['parallelization_factor']} at a time per shard"
        return text


def function_plans(
    template: Template, answers: Mapping[str, Any], traffic: Traffic
) -> tuple[FunctionPlan, ...]:
    """Each function of ``answers``, main one first: ``traffic`` is the main one's, each other
    function's is the default of its trigger and workload."""
    profiles = template.context["_workload_profiles"]
    return tuple(
        FunctionPlan(
            name=name,
            workload=function["workload"],
            memory_mb=int(function["memory_size"]),
            timeout_s=int(function["timeout"]),
            ephemeral_storage_mb=int(function["ephemeral_storage"]),
            batches=batch_settings(function, profiles),
            traffic=traffic if function is answers else traffic_for(template, function),
        )
        for name, function in functions_of(answers)
    )


@dataclass(frozen=True)
class Plan:
    """The outcome of a set of answers, before anything is written."""

    project_dir: str
    resources: list[tuple[str, str, str | None]]
    traffic: Traffic
    cost: CostEstimate
    pricing_source: str
    # Each function, main one first (one: a single-function project).
    functions: tuple[FunctionPlan, ...] = ()


def declared_resources(
    template: Template, answers: Mapping[str, Any]
) -> list[tuple[str, str, str | None]]:
    """Render the project's template.yaml for ``answers``: (logical id, type, condition)."""
    environment = StrictEnvironment(context={"cookiecutter": template.context})
    project_template = find_template(template.repo_dir, environment)
    # As cookiecutter does: partials and macros resolve from ../templates.
    environment.loader = FileSystemLoader([project_template, project_template.parent / "templates"])
    source = (project_template / "template.yaml").read_text()
    rendered = environment.from_string(source).render(cookiecutter=dict(answers))
    resources = parse_template(rendered)["Resources"]
    return [
        (name, resource["Type"], resource.get("Condition")) for name, resource in resources.items()
    ]


def make_plan(template: Template, answers: Mapping[str, Any], traffic: Traffic) -> Plan:
    """Describe what ``answers`` generate, and what they cost under ``traffic``."""
    pricing = template.context["_pricing"]
    profiles = template.context["_workload_profiles"]
    resources = declared_resources(template, answers)
    alarm_ids = [name for name, kind, _ in resources if kind == "AWS::CloudWatch::Alarm"]
    functions = function_plans(template, answers, traffic)
    if len(functions) == 1:
        usage = stack_usage(answers, profiles)
        function = Configuration(**configuration_of(answers))
        cost = estimate(pricing, function, traffic.load, Stack(**usage, alarms=len(alarm_ids)))
    else:
        each = dict(functions_of(answers))
        alarms = alarms_by_function(alarm_ids, {name: prefix_of(each[name]) for name in each})
        cost = estimate_functions(
            pricing,
            [
                PricedFunction(
                    plan.name,
                    Configuration(**configuration_of(each[plan.name])),
                    plan.traffic.load,
                    Stack(**stack_usage(each[plan.name], profiles), alarms=alarms[plan.name]),
                )
                for plan in functions
            ],
        )
    return Plan(
        project_dir=answers["project_slug"],
        resources=resources,
        traffic=traffic,
        cost=cost,
        pricing_source=f"{pricing['basis']}, checked {pricing['checked']}",
        functions=functions,
    )


def describe(plan: Plan, answers: Mapping[str, Any], asked: list[str]) -> str:
    """A plain-text summary: the answers given, the resources, the cost estimate."""
    width = max(len(name) for name in asked)
    lines = ["", "Answers:"]
    lines += [f"  {name:<{width}}  {shown_answer(answers[name])}" for name in asked]
    if len(plan.functions) > 1:
        column = max(len(function.name) for function in plan.functions)
        lines += ["", "Functions:"]
        lines += [
            f"  {function.name:<{column}}  {function.settings()}" for function in plan.functions
        ]
    lines += ["", f"Resources in {plan.project_dir}/template.yaml:"]
    lines += [
        f"  {name:<32} {kind}" + (f" (if {condition})" if condition else "")
        for name, kind, condition in plan.resources
    ]
    traffics = [(function.name, function.traffic) for function in plan.functions]
    lines += ["", *describe_cost(plan.cost, traffics or plan.traffic, plan.pricing_source), ""]
    return "\n".join(lines)


def describe_cost(
    cost: CostEstimate,
    traffic: Traffic | list[tuple[str, Traffic]],
    source: str,
    width: int = 78,
) -> list[str]:
    """The estimate as text: each item and its dollars, the assumption wrapped below it.

    With the traffic of several functions (logical id, traffic), each line names its
    function, and each function's subtotal comes before the total.
    """
    functions = traffic if isinstance(traffic, list) else [("", traffic)]
    several = len(functions) > 1
    column = max(len(line.label) for line in cost.lines) + 2

    def row(item: str, dollars: str, basis: str = "") -> list[str]:
        lines = [f"  {item:<{column}}{dollars}"]
        lines += textwrap.wrap(basis, width, initial_indent="      ", subsequent_indent="      ")
        return lines

    if several:
        loads = "; ".join(f"{name}, {each.describe()}" for name, each in functions)
    else:
        loads = functions[0][1].describe()
    lines = textwrap.wrap(f"Estimated monthly cost for {loads} ({source}):", width)
    for line in cost.lines:
        lines += row(line.label, f"${line.dollars:>9,.2f}", line.basis)
    if several:
        owners = [name for name, _ in functions] + [SHARED] * any(
            line.function == SHARED for line in cost.lines
        )
        for owner in owners:
            lines += row(f"{owner} subtotal", f"${cost.subtotal(owner):>9,.2f}")
    lines += row("total", f"${cost.total:>9,.2f} a month")
    if cost.free_tier:
        lines.append("Free tier, where the account still has it:")
        for line in cost.free_tier:
            lines += row(line.item, f"-${line.dollars:>8,.2f}", line.basis)
        lines += row("after the free tier", f"${cost.total_after_free_tier:>9,.2f} a month")
    return lines


def shown_answer(value: Any) -> str:
    """An answer as the summary shows it: yes/no for flags, (empty) for nothing."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value) if value != "" else "(empty)"
