"""Jinja extension that exposes :func:`lambda_starter.features.features_of` to the templates.

Listed in ``_extensions`` in cookiecutter.json; templates call
``features(cookiecutter)`` instead of repeating the rules in Jinja.
"""

from jinja2 import Environment
from jinja2.ext import Extension

from lambda_starter.features import features_of


class FeaturesExtension(Extension):
    """Adds the ``features`` global."""

    def __init__(self, environment: Environment) -> None:
        super().__init__(environment)
        environment.globals["features"] = features_of
