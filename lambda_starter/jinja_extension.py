"""Jinja extension that gives the templates what they need from ``lambda_starter``.

Listed in ``_extensions`` in cookiecutter.json. Templates call
``features(cookiecutter)`` instead of repeating the rules in Jinja,
``skipped_checks(cookiecutter)`` for the checkov skips and their reasons, and
``cookiecutter | public_answers`` for the answers without cookiecutter's private
entries (which hold paths of the machine that generated the project).
"""

from collections.abc import Mapping
from typing import Any

from jinja2 import Environment
from jinja2.ext import Extension

from lambda_starter.features import features_of
from lambda_starter.security_checks import skipped_checks


def public_answers(context: Mapping[str, Any]) -> dict[str, Any]:
    """The answers in ``context``, without the entries whose names start with ``_``."""
    return {name: value for name, value in context.items() if not name.startswith("_")}


class FeaturesExtension(Extension):
    """Adds the ``features`` global and the ``public_answers`` filter."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.globals["features"] = features_of
        environment.globals["skipped_checks"] = skipped_checks
        environment.filters["public_answers"] = public_answers
