"""Jinja extension that gives the templates what they need from ``lambda_starter``.

Listed in ``_extensions`` in cookiecutter.json. Templates call
``features(cookiecutter)`` instead of repeating the rules in Jinja (and
``project_features(cookiecutter)`` for what the package's functions share),
``skipped_checks(cookiecutter)`` and ``waived_serverless_rules(cookiecutter)``
for the checkov skips and Serverless Rules waivers with their reasons,
``cookiecutter | public_answers`` for the answers without cookiecutter's private
entries (which hold paths of the machine that generated the project),
``recorded_answers(cookiecutter)`` for those plus the template's version, and
``name | project_slug`` for the slug a project name gives, by the rule that checks
it. The hooks
use ``lambda_starter_dir()``, ``template_dir()`` and ``given_answers()``, which work
the same under cookiecutter, pytest-cookies and cruft, from a checkout or from the
copy an installed package carries.
"""

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jinja2 import Environment, pass_context
from jinja2.ext import Extension
from jinja2.runtime import Context

from lambda_starter.answer_rules import derive_slug
from lambda_starter.features import extra_functions_of, features_of, project_features
from lambda_starter.security_checks import skipped_checks, waived_serverless_rules
from lambda_starter.template_tree import default_template, find_root, package_of
from lambda_starter.template_version import ANSWERS_KEY, RECORDED_WHEN_SET, of_template
from lambda_starter.triggers import trigger_of
from lambda_starter.usage import (
    configuration_of,
    default_load,
    functions_of,
    prefix_of,
    records_per_invocation,
    stack_usage,
)


def rendered_template() -> Path | None:
    """The template being rendered: cookiecutter works in its root or its project folder."""
    return find_root(Path.cwd())


def template_dir() -> str:
    """The root of the template being rendered (else this package's), for the hooks."""
    return str(rendered_template() or default_template())


def lambda_starter_dir() -> str:
    """The package of the template being rendered, for the hooks: they run as scripts.

    A checkout's package is beside its cookiecutter.json; an installed copy's is the
    package it is inside. Otherwise (rendered elsewhere) it is this package.
    """
    root = rendered_template()
    package = package_of(root) if root else None
    return str(package or Path(__file__).resolve().parent)


@pass_context
def given_answers(context: Context) -> dict[str, Any]:
    """The answers as given, before rendering (cookiecutter's ``_cookiecutter``; cruft has none)."""
    return dict(context.get("_cookiecutter", {}))


def usage(answers: Mapping[str, Any]) -> dict[str, Any]:
    """How an invocation uses the stack, for ``make cost`` (lambda_starter/usage.py)."""
    return stack_usage(answers, answers["_workload_profiles"])


def load_of(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The load ``make cost`` starts from: its unit, a month of it, records per invocation."""
    return {
        "unit": trigger_of(answers).load_unit,
        "per_month": default_load(answers, answers["_pricing"]["month_hours"]),
        "batch_size": records_per_invocation(answers, answers["_workload_profiles"]),
    }


def cost_functions(answers: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Each function as ``make cost`` prices it, main one first: its logical id, the prefix
    of its resources' logical ids, the make variables of its load (LOAD and DURATION_MS for
    the main one, MAINTENANCE_LOAD... for an extra one), its load, duration, settings and
    use of the stack."""
    functions = []
    for name, function in functions_of(answers):
        prefix = prefix_of(function)
        functions.append(
            {
                "name": name,
                "prefix": prefix,
                "variables": f"{prefix.upper()}_" if prefix else "",
                "load": load_of(function),
                "duration_ms": answers["_workload_profiles"][function["workload"]][
                    "typical_duration_ms"
                ],
                "configuration": configuration_of(function),
                "usage": usage(function),
            }
        )
    return functions


def public_answers(context: Mapping[str, Any]) -> dict[str, Any]:
    """The answers in ``context``, without the entries whose names start with ``_``."""
    return {name: value for name, value in context.items() if not name.startswith("_")}


def recorded_answers(context: Mapping[str, Any]) -> dict[str, Any]:
    """The public answers and, when known, the commit and source of the template that made them."""
    root = rendered_template()
    version = of_template(root) if root else None
    record = {ANSWERS_KEY: version.record()} if version else {}
    answers = {
        name: value
        for name, value in public_answers(context).items()
        if name not in RECORDED_WHEN_SET or value
    }
    return answers | record


class FeaturesExtension(Extension):
    """Adds the ``features`` global and the ``public_answers`` filter."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.globals["features"] = features_of
        environment.globals["project_features"] = project_features
        environment.globals["extra_functions_of"] = extra_functions_of
        environment.globals["skipped_checks"] = skipped_checks
        environment.globals["waived_serverless_rules"] = waived_serverless_rules
        environment.globals["stack_usage"] = usage
        environment.globals["load_of"] = load_of
        environment.globals["cost_functions"] = cost_functions
        environment.filters["public_answers"] = public_answers
        environment.filters["project_slug"] = derive_slug
        environment.globals["recorded_answers"] = recorded_answers
        environment.globals["lambda_starter_dir"] = lambda_starter_dir
        environment.globals["template_dir"] = template_dir
        environment.globals["given_answers"] = given_answers
