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
from lambda_starter.cost import Configuration, CostEstimate, Load, Stack, estimate, invocations_for
from lambda_starter.template import Template
from lambda_starter.triggers import trigger_of
from lambda_starter.usage import default_load, records_per_invocation, stack_usage


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
class Plan:
    """The outcome of a set of answers, before anything is written."""

    project_dir: str
    resources: list[tuple[str, str, str | None]]
    traffic: Traffic
    cost: CostEstimate
    pricing_source: str


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
    function = Configuration(
        memory_mb=int(answers["memory_size"]),
        architecture=answers["architecture"],
        latency=answers["latency"],
        provisioned_concurrency=int(answers["provisioned_concurrency"]),
    )
    resources = declared_resources(template, answers)
    alarms = sum(kind == "AWS::CloudWatch::Alarm" for _, kind, _ in resources)
    usage = stack_usage(answers, template.context["_workload_profiles"])
    cost = estimate(pricing, function, traffic.load, Stack(**usage, alarms=alarms))
    return Plan(
        project_dir=answers["project_slug"],
        resources=resources,
        traffic=traffic,
        cost=cost,
        pricing_source=f"{pricing['basis']}, checked {pricing['checked']}",
    )


def describe(plan: Plan, answers: Mapping[str, Any], asked: list[str]) -> str:
    """A plain-text summary: the answers given, the resources, the cost estimate."""
    width = max(len(name) for name in asked)
    lines = ["", "Answers:"]
    lines += [f"  {name:<{width}}  {shown_answer(answers[name])}" for name in asked]
    lines += ["", f"Resources in {plan.project_dir}/template.yaml:"]
    lines += [
        f"  {name:<32} {kind}" + (f" (if {condition})" if condition else "")
        for name, kind, condition in plan.resources
    ]
    lines += ["", *describe_cost(plan.cost, plan.traffic, plan.pricing_source), ""]
    return "\n".join(lines)


def describe_cost(cost: CostEstimate, traffic: Traffic, source: str, width: int = 78) -> list[str]:
    """The estimate as text: each item and its dollars, the assumption wrapped below it."""
    column = max(len(line.item) for line in cost.lines) + 2

    def row(item: str, dollars: str, basis: str = "") -> list[str]:
        lines = [f"  {item:<{column}}{dollars}"]
        lines += textwrap.wrap(basis, width, initial_indent="      ", subsequent_indent="      ")
        return lines

    lines = textwrap.wrap(
        f"Estimated monthly cost for {traffic.describe()} ({source}):",
        width,
    )
    for line in cost.lines:
        lines += row(line.item, f"${line.dollars:>9,.2f}", line.basis)
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
