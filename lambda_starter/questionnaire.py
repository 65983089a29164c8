"""The questions: asked with questionary in cookiecutter.json's order, only where they apply.

Answers given in advance (an answers file) are checked, not asked. Every value,
typed or given, is checked by :mod:`lambda_starter.answer_rules`, so the messages
are the pre-generation hook's own.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import questionary

from lambda_starter.answer_rules import applies, check_answer
from lambda_starter.cost import Load
from lambda_starter.features import truthy
from lambda_starter.template import Template

# A line of explanation under the questions where the choice matters.
HELP = {
    "architecture": "arm64 (Graviton) costs about 20% less per GB-second than x86_64.",
    "workload": "CPU scales with memory: 1,769 MB is one vCPU. Each profile sets the defaults.",
    "memory_size": "More memory also means more CPU; measure with Lambda Power Tuning.",
    "latency": (
        "On-demand: no idle cost. SnapStart: pay for the snapshot cache and each restore. "
        "Provisioned: pay for warm environments all month, used or not."
    ),
    "vpc": "A VPC adds network interfaces, NAT or endpoint costs: only for private resources.",
}
LOAD_DEFAULT_REQUESTS = 1_000_000
YES_NO = {"y", "yes", "true", "1", "on", "n", "no", "false", "0", "off"}


class AnswerFileError(ValueError):
    """An answer given in advance is unknown or not allowed."""


@dataclass
class Answers:
    """Every answer in cookiecutter's order (private entries first), and which were asked."""

    values: OrderedDict[str, Any]
    asked: list[str] = field(default_factory=list)
    given: dict[str, Any] = field(default_factory=dict)

    def for_cookiecutter(self) -> dict[str, Any]:
        """The answers to pass as ``extra_context``: those given or typed, not the defaults."""
        names = [*self.given, *self.asked]
        return {name: self.values[name] for name in names}


def choice_title(template: Template, name: str, value: str) -> str:
    """The label of a choice; workload profiles also show the numbers they set."""
    label = template.choice_label(name, value)
    if name != "workload":
        return label
    profile = template.context["_workload_profiles"][value]
    return (
        f"{label} [{profile['memory_size']} MB; {profile['api_timeout']} s behind an API, "
        f"{profile['event_timeout']} s for events]"
    )


def normalise(template: Template, name: str, value: Any, answers: Mapping[str, Any]) -> Any:
    """Turn an answer given in a file into the form cookiecutter would hold, or raise."""
    if template.is_flag(name):
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in YES_NO:
            return truthy(value)
        raise AnswerFileError(f"{name}={value!r} is not allowed: yes or no.")
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise AnswerFileError(f"{name}={value!r} is not allowed: a single value.")
    text = str(value)
    if template.is_choice(name):
        options = template.choices(name, answers)
        if text not in options:
            raise AnswerFileError(f"{name}={text!r} is not allowed: one of {', '.join(options)}.")
    return text


class Questionnaire:
    """Asks a template's questions; ``prompt_options`` go to every prompt (tests pass I/O)."""

    def __init__(self, template: Template, **prompt_options: Any) -> None:
        self.template = template
        self.prompt_options = prompt_options

    def collect(self, given: Mapping[str, Any], *, interactive: bool) -> Answers:
        """Fill in every answer: given ones are checked, applicable ones asked, others defaulted."""
        answers = Answers(self.template.private_entries(), given={})
        for name in self.template.answer_names:
            if name in given:
                value = normalise(self.template, name, given[name], answers.values)
                error = check_answer(name, value, answers.values | {name: value})
                if error:
                    raise AnswerFileError(str(error))
                answers.given[name] = value
            elif interactive and applies(name, answers.values):
                value = self.ask(name, answers.values)
                answers.asked.append(name)
            else:
                value = self.template.default(name, answers.values)
            answers.values[name] = value
        return answers

    def ask(self, name: str, answers: Mapping[str, Any]) -> Any:
        """Ask one question; raises KeyboardInterrupt on Ctrl-C."""
        message = self.template.prompt(name)
        default = self.template.default(name, answers)
        options = {"instruction": HELP.get(name), **self.prompt_options}
        if self.template.is_flag(name):
            return questionary.confirm(message, default=bool(default), **options).unsafe_ask()
        if self.template.is_choice(name):
            allowed = [
                value
                for value in self.template.choices(name, answers)
                if check_answer(name, value, {**answers, name: value}) is None
            ]
            choices = [
                questionary.Choice(title=choice_title(self.template, name, value), value=value)
                for value in allowed
            ]
            start = default if default in allowed else allowed[0]
            return questionary.select(
                message, choices=choices, default=start, **options
            ).unsafe_ask()

        def validate(text: str) -> bool | str:
            error = check_answer(name, text, {**answers, name: text})
            return True if error is None else str(error)

        return questionary.text(
            message, default=str(default), validate=validate, **options
        ).unsafe_ask()

    def ask_load(self, answers: Mapping[str, Any]) -> Load:
        """The traffic to price the configuration with."""
        requests = self._ask_number(
            "Requests per month, for the cost estimate", LOAD_DEFAULT_REQUESTS
        )
        duration = self._ask_number(
            "Average duration in milliseconds, for the cost estimate",
            default_duration(self.template, answers),
        )
        return Load(int(requests), duration)

    def confirm(self) -> bool:
        question = questionary.confirm("Generate the project?", default=True, **self.prompt_options)
        return question.unsafe_ask()

    def _ask_number(self, message: str, default: float) -> float:
        def validate(text: str) -> bool | str:
            return True if _positive_number(text) else "a number greater than zero"

        text = questionary.text(
            message, default=f"{default:g}", validate=validate, **self.prompt_options
        ).unsafe_ask()
        return float(text)


def default_duration(template: Template, answers: Mapping[str, Any]) -> float:
    """The typical duration of the chosen workload profile, in milliseconds."""
    return template.context["_workload_profiles"][answers["workload"]]["typical_duration_ms"]


def _positive_number(text: str) -> bool:
    try:
        return float(text) > 0
    except ValueError:
        return False
