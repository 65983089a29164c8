"""What a set of answers will generate: its resources and monthly cost, shown beforehand."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cookiecutter.environment import StrictEnvironment
from cookiecutter.find import find_template
from jinja2 import FileSystemLoader

from lambda_starter.cfn_yaml import parse_template
from lambda_starter.cost import Configuration, CostEstimate, Load, estimate
from lambda_starter.template import Template


@dataclass(frozen=True)
class Plan:
    """The outcome of a set of answers, before anything is written."""

    project_dir: str
    resources: list[tuple[str, str, str | None]]
    load: Load
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


def make_plan(template: Template, answers: Mapping[str, Any], load: Load) -> Plan:
    """Describe what ``answers`` generate under ``load``."""
    pricing = template.context["_pricing"]
    function = Configuration(
        memory_mb=int(answers["memory_size"]),
        architecture=answers["architecture"],
        latency=answers["latency"],
        provisioned_concurrency=int(answers["provisioned_concurrency"]),
    )
    cost = estimate(pricing, function, load)
    return Plan(
        project_dir=answers["project_slug"],
        resources=declared_resources(template, answers),
        load=load,
        cost=cost,
        pricing_source=pricing["source"],
    )


def describe(plan: Plan, answers: Mapping[str, Any], asked: list[str]) -> str:
    """A plain-text summary: the answers given, the resources, the cost estimate."""
    width = max(len(name) for name in asked)
    lines = ["", "Answers:"]
    lines += [f"  {name:<{width}}  {_shown(answers[name])}" for name in asked]
    lines += ["", f"Resources in {plan.project_dir}/template.yaml:"]
    lines += [
        f"  {name:<32} {kind}" + (f" (if {condition})" if condition else "")
        for name, kind, condition in plan.resources
    ]
    cost = plan.cost
    lines += [
        "",
        f"Estimated Lambda cost for {plan.load.requests_per_month:,} requests a month "
        f"of {plan.load.average_duration_ms:g} ms on average ({plan.pricing_source}):",
        f"  requests  ${cost.requests:,.2f}",
        f"  compute   ${cost.compute:,.2f}",
    ]
    if cost.always_on_label:
        lines.append(f"  {cost.always_on_label}  ${cost.always_on:,.2f}")
    lines += [f"  total     ${cost.total:,.2f} a month", ""]
    return "\n".join(lines)


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value) if value != "" else "(empty)"
