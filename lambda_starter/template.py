"""The template as cookiecutter sees it: where it is, its answers and their defaults.

Everything here goes through cookiecutter's own functions (repository lookup,
user config, context, variable rendering), so the questionnaire offers exactly
the defaults the plain ``cookiecutter`` command would.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cookiecutter.config import get_user_config
from cookiecutter.environment import StrictEnvironment
from cookiecutter.exceptions import CookiecutterException, RepositoryNotFound
from cookiecutter.generate import generate_context
from cookiecutter.prompt import render_variable
from cookiecutter.repository import determine_repo_dir

from lambda_starter.template_tree import default_template
from lambda_starter.template_version import TemplateVersion, of_template


class TemplateError(Exception):
    """The template cannot be found, fetched or read."""


@dataclass
class Template:
    """A template checkout and its cookiecutter.json, with the user's defaults applied."""

    location: str
    repo_dir: Path
    context: OrderedDict[str, Any]
    config_file: str | None

    @property
    def answer_names(self) -> list[str]:
        """The answers in the order cookiecutter asks them (private entries excluded)."""
        return [name for name in self.context if not name.startswith("_")]

    @property
    def prompts(self) -> Mapping[str, Any]:
        return self.context.get("__prompts__", {})

    def prompt(self, name: str) -> str:
        text = self.prompts.get(name, name)
        return text["__prompt__"] if isinstance(text, dict) else text

    def choice_label(self, name: str, value: str) -> str:
        labels = self.prompts.get(name)
        return labels.get(value, value) if isinstance(labels, dict) else value

    def is_choice(self, name: str) -> bool:
        return isinstance(self.context[name], list)

    def is_flag(self, name: str) -> bool:
        return isinstance(self.context[name], bool)

    def private_entries(self) -> OrderedDict[str, Any]:
        """The ``_`` entries (profiles, prices, ...) that defaults are rendered against."""
        return OrderedDict(
            (name, value)
            for name, value in self.context.items()
            if name.startswith("_") and not name.startswith("__")
        )

    def default(self, name: str, answers: Mapping[str, Any]) -> Any:
        """The default of ``name`` given the earlier ``answers``, rendered as cookiecutter does."""
        raw = self.context[name]
        if isinstance(raw, list):
            return render_variable(self._environment(), raw[0], OrderedDict(answers))
        if isinstance(raw, bool):
            return raw
        return render_variable(self._environment(), raw, OrderedDict(answers))

    def choices(self, name: str, answers: Mapping[str, Any]) -> list[str]:
        raw = self.context[name]
        return [
            render_variable(self._environment(), option, OrderedDict(answers)) for option in raw
        ]

    def version(self) -> TemplateVersion | None:
        """The template's commit and origin, when its copy says."""
        return of_template(self.repo_dir)

    def _environment(self) -> StrictEnvironment:
        return StrictEnvironment(context={"cookiecutter": self.context})


def load_template(location: str | None = None, config_file: str | None = None) -> Template:
    """Find (or clone) the template at ``location``; load its answers with the user's defaults.

    Without ``location``, the template this package carries (or the checkout it is in).
    """
    if location is None:
        default = default_template()
        if default is None:
            raise TemplateError("this installation carries no template: give --template")
        location = str(default)
    config = get_user_config(config_file=config_file)
    try:
        repo_dir, _cleanup = determine_repo_dir(
            template=location,
            abbreviations=config["abbreviations"],
            clone_to_dir=config["cookiecutters_dir"],
            checkout=None,
            no_input=True,
        )
        context = generate_context(
            context_file=str(Path(repo_dir) / "cookiecutter.json"),
            default_context=config["default_context"],
        )
    except RepositoryNotFound:
        raise TemplateError(
            f"cannot use template {location!r}: no cookiecutter.json there "
            "(expected a template directory, a zip file or a git repository)"
        ) from None
    except (CookiecutterException, OSError) as error:
        reason = " ".join(str(error).split())
        raise TemplateError(f"cannot use template {location!r}: {reason}") from error
    return Template(location, Path(repo_dir), context["cookiecutter"], config_file)
