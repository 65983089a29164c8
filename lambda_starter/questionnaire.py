"""The questions: asked with questionary, only where they apply, each checked where it is typed.

The short path asks what shapes the project (its name, the trigger and what the
trigger needs, the workload), then offers the recommended defaults for the rest;
declining it asks every question that applies, in cookiecutter.json's order.
Answers given in advance (an answers file) are checked, not asked. Every value,
typed or given, is checked by :mod:`lambda_starter.answer_rules`, so the messages
are the pre-generation hook's own.
"""

from __future__ import annotations

import re
import shutil
import textwrap
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import questionary

from lambda_starter.answer_rules import AnswerError, check_answer, chosen_triggers, inapplicable
from lambda_starter.answer_rules import applies as answer_applies
from lambda_starter.features import split_ids, truthy
from lambda_starter.plan import shown_answer
from lambda_starter.template import Template
from lambda_starter.triggers import TRIGGERS, Invocation, extras_for

# A line of explanation above the questions where the choice matters. Each says
# something the prompt and its choices do not.
HELP = {
    "memory_size": "Measure the trade-off on the deployed function with make tune.",
    "latency": (
        "SnapStart bills the snapshot cache and each restore; provisioned "
        "concurrency bills its environments every hour, used or not."
    ),
    "vpc": "AWS APIs are then reached through NAT or VPC endpoints, which cost extra.",
}
YES_NO = {"y", "yes", "true", "1", "on", "n", "no", "false", "0", "off"}
# The answers that shape a project; the triggers' own answers come with them.
SHAPING = ("project_name", "trigger", "extra_functions", "workload")
# Harmless differences in typed or given answers, evened out before they are checked.
NORMALISE: dict[str, Callable[[str], str]] = {"aws_region": str.lower, "project_slug": str.lower}
_GROUPED_NUMBER = re.compile(
    r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:_[0-9]+)+(?:\.[0-9]+)?"
)
MAX_WIDTH = 100


class AnswerFileError(ValueError):
    """Answers given in advance are unknown or not allowed; one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Answers:
    """Every answer in cookiecutter's order (private entries first), and where each came from."""

    values: OrderedDict[str, Any]
    given: dict[str, Any] = field(default_factory=dict)
    # Answered at a prompt, by name; they stand until changed or no longer valid.
    typed: dict[str, Any] = field(default_factory=dict)
    # False when the recommended defaults were accepted instead of asking the rest.
    full: bool = True

    @property
    def asked(self) -> list[str]:
        return list(self.typed)

    def for_cookiecutter(self) -> dict[str, Any]:
        """The answers to pass as ``extra_context``: every public answer, as decided here."""
        return {name: value for name, value in self.values.items() if not name.startswith("_")}


def parse_number(text: str) -> float | None:
    """A number as people type it (``2,000,000``, ``2_000_000``, ``1.5``); ``None`` if not one."""
    text = text.strip()
    if _GROUPED_NUMBER.fullmatch(text):
        text = text.replace(",", "").replace("_", "")
    try:
        number = float(text)
    except ValueError:
        return None
    return number if number == number and number not in (float("inf"), float("-inf")) else None


def shown_number(number: float) -> str:
    """``1,000,000`` and ``1,500.5``, never ``1e+06``."""
    return f"{number:,.0f}" if number == int(number) else f"{number:,}"


def choice_title(template: Template, name: str, value: str, answers: Mapping[str, Any]) -> str:
    """The label of a choice; workload profiles also show the memory and timeout they set."""
    label = template.choice_label(name, value)
    if name != "workload":
        return label
    profile = template.context["_workload_profiles"][value]
    trigger = TRIGGERS.get(answers.get("trigger"))
    synchronous = trigger is not None and trigger.invocation is Invocation.SYNCHRONOUS
    timeout = profile["api_timeout" if synchronous else "event_timeout"]
    return f"{label} [{profile['memory_size']} MB, {timeout} s]"


class Questionnaire:
    """Asks a template's questions; ``prompt_options`` go to every prompt (tests pass I/O).

    With ``output_dir``, a project folder that already exists there is reported at
    the question that names it.
    """

    def __init__(
        self, template: Template, output_dir: Path | None = None, **prompt_options: Any
    ) -> None:
        self.template = template
        self.output_dir = output_dir
        self.prompt_options = prompt_options
        # Whether defaults may follow the earlier answers beyond cookiecutter's own.
        self.suggest = True
        self._given: Mapping[str, Any] = {}

    # Collecting answers

    def collect(
        self, given: Mapping[str, Any], *, interactive: bool, offer_defaults: bool = False
    ) -> Answers:
        """Fill in every answer: given ones are checked, applicable ones asked, others defaulted.

        ``offer_defaults`` takes the short path: the shaping questions, then the offer
        to accept the recommended defaults for the rest.
        """
        self.suggest = interactive
        answers = Answers(self.template.private_entries(), given=self.check_given(given))
        self._given = answers.given
        if interactive and offer_defaults:
            self._settle(answers, ask=self.shapes_project)
            answers.full = not self._accept_defaults(answers)
        self._settle(answers, ask=lambda _name, _values: interactive and answers.full)
        return answers

    def inapplicable_given(self, answers: Answers) -> dict[str, str]:
        """Given answers that do not apply to the others: dropped, with the reason for each.

        Their values go back to the defaults, so the project does not record them.
        """
        dropped = {}
        for name in list(answers.given):
            reason = inapplicable(name, answers.values)
            if reason:
                dropped[name] = f"{name}={answers.given.pop(name)!r} does not apply: {reason}"
        if dropped:
            self._settle(answers, ask=lambda _name, _values: False)
        return dropped

    def check_given(self, given: Mapping[str, Any]) -> dict[str, Any]:
        """Normalise the answers given in advance; every one that is not allowed is reported."""
        values = self.template.private_entries()
        accepted: dict[str, Any] = {}
        problems: list[str] = []
        for name in self.template.answer_names:
            if name not in given:
                values[name] = self.default(name, values)
                continue
            try:
                value = self.normalise(name, given[name], values)
            except ValueError as problem:
                problems.append(str(problem))
                values[name] = self.default(name, values)
                continue
            error = check_answer(name, value, values | {name: value})
            if error:
                shown = given[name] if isinstance(given[name], str) else value
                problems.append(str(AnswerError(name, shown, error.allowed)))
            accepted[name] = values[name] = value
        if problems:
            raise AnswerFileError(problems)
        return accepted

    def normalise(self, name: str, value: Any, answers: Mapping[str, Any]) -> Any:
        """Even out harmless differences in an answer, or raise ValueError if it cannot be one."""
        if self.template.is_flag(name):
            if isinstance(value, bool):
                return value
            if isinstance(value, str) and value.strip().lower() in YES_NO:
                return truthy(value)
            raise ValueError(f"{name}={value!r} is not allowed: yes or no.")
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise ValueError(f"{name}={value!r} is not allowed: a single value.")
        text = NORMALISE.get(name, str)(str(value).strip(" \t"))
        if self._is_number(name, answers) and _GROUPED_NUMBER.fullmatch(text):
            text = text.replace(",", "").replace("_", "")
        if self.template.is_choice(name):
            options = self.template.choices(name, answers)
            if text not in options:
                raise ValueError(f"{name}={text!r} is not allowed: one of {', '.join(options)}.")
        return text

    def problem(self, name: str, value: Any, answers: Mapping[str, Any]) -> str | None:
        """Why ``value`` cannot be the answer to ``name`` here; ``None`` if it can."""
        context = {**answers, name: value}
        error = check_answer(name, value, context)
        if error:
            return str(error)
        if name == "project_slug":
            return self._taken(value, "project_slug", "slug")
        if name == "project_name" and "project_slug" not in self._given:
            return self._derived_problem(value, context)
        return None

    def default(self, name: str, answers: Mapping[str, Any]) -> Any:
        """The default of ``name``: cookiecutter's, except the workload the trigger suggests.

        Without a person to see the suggestion (no input), the defaults are exactly
        cookiecutter's, so both commands make the same project from the same answers.
        """
        if self.suggest and name == "workload" and answers.get("trigger") in TRIGGERS:
            return TRIGGERS[answers["trigger"]].workload
        return self.template.default(name, answers)

    # Asking

    def ask(self, name: str, answers: Mapping[str, Any], current: Any = None) -> Any:
        """Ask one question, ``current`` (else the default) preselected; Ctrl-C raises."""
        message = self.template.prompt(name)
        default = self.default(name, answers) if current is None else current
        if name in HELP:
            self.say(HELP[name])
        if self.template.is_flag(name):
            return self._confirm(message, bool(default))
        if name == "extra_functions":
            return self._ask_extra_functions(message, str(default), answers)
        if self.template.is_choice(name):
            allowed = self.allowed_choices(name, answers)
            titles = {value: choice_title(self.template, name, value, answers) for value in allowed}
            choices = [questionary.Choice(title=titles[value], value=value) for value in allowed]
            start = default if default in allowed else allowed[0]
            return questionary.select(
                message, choices=choices, default=start, **self.prompt_options
            ).unsafe_ask()
        return self._ask_text(name, message, str(default), answers)

    def _ask_extra_functions(self, message: str, default: str, answers: Mapping[str, Any]) -> str:
        """A checkbox of the triggers that can join the main one; the answer lists those ticked."""
        chosen = set(split_ids(default))
        choices = [
            questionary.Choice(
                title=f"{name}: {TRIGGERS[name].extra.role}", value=name, checked=name in chosen
            )
            for name in extras_for(answers["trigger"])
            if TRIGGERS[name].extra is not None
        ]
        ticked = questionary.checkbox(message, choices=choices, **self.prompt_options).unsafe_ask()
        return ",".join(ticked)

    def allowed_choices(self, name: str, answers: Mapping[str, Any]) -> list[str]:
        """The choices the rules allow here; each one they forbid is explained once."""
        allowed = []
        for value in self.template.choices(name, answers):
            error = check_answer(name, value, {**answers, name: value})
            if error is None:
                allowed.append(value)
            else:
                self.say(f"Not offered: {value}. {name} must be {error.allowed}.")
        return allowed

    def ask_traffic(
        self, unit: str, per_month: int, batch_size: int, duration_ms: float
    ) -> tuple[int, float]:
        """The load to price: units a month (in the trigger's unit) and the duration in ms."""
        batches = f", read in batches of {batch_size}" if batch_size > 1 else ""
        count = self._ask_number(
            f"{unit.capitalize()} a month{batches}, for the estimate", per_month
        )
        duration = self._ask_number("Average duration of an invocation in ms", duration_ms)
        return round(count), duration

    def confirm_generation(self) -> bool:
        return self._confirm("Generate the project?", True)

    def revise(self, answers: Answers) -> bool:
        """After "No" at generation: change one answer (False: the user quits instead)."""
        changeable = [
            name
            for name in self.template.answer_names
            if name not in answers.given and answer_applies(name, answers.values)
        ]
        titles = {
            name: f"{self.template.prompt(name)}: {shown_answer(answers.values[name])}"
            for name in changeable
        }
        choices = [questionary.Choice(title=titles[name], value=name) for name in changeable]
        choices.append(questionary.Choice(title="Nothing: quit without generating", value=""))
        name = questionary.select(
            "Which answer do you want to change?", choices=choices, **self.prompt_options
        ).unsafe_ask()
        if not name:
            return False
        answers.typed[name] = self.ask(name, answers.values, current=answers.values[name])
        self._settle(answers, ask=self._missing_after_change(answers))
        return True

    def say(self, text: str) -> None:
        """A line of explanation, wrapped to the terminal's width."""
        width = min(shutil.get_terminal_size((80, 24)).columns, MAX_WIDTH) - 1
        lines = textwrap.wrap(
            text,
            width,
            initial_indent="  ",
            subsequent_indent="  ",
            break_on_hyphens=False,
            break_long_words=False,
        )
        print("\n".join(lines))

    # Internals

    def _settle(self, answers: Answers, ask: Callable[[str, Mapping[str, Any]], bool]) -> None:
        """Decide every answer in order: given, typed (if still valid), asked, or defaulted."""
        values = self.template.private_entries()
        for name in self.template.answer_names:
            applies = answer_applies(name, values)
            if name in answers.given:
                value = answers.given[name]
            elif name in answers.typed and self._still_valid(name, answers.typed[name], values):
                value = answers.typed[name]
            elif applies and ask(name, values) and self._needs_asking(name, values):
                if name in answers.typed:
                    problem = self.problem(name, answers.typed[name], values)
                    self.say(f"Your earlier answer no longer fits: {problem}")
                value = answers.typed[name] = self.ask(name, values)
            else:
                answers.typed.pop(name, None)
                value = self.only_choice(name, values) or self.default(name, values)
            values[name] = value
        answers.values = values

    def shapes_project(self, name: str, values: Mapping[str, Any]) -> bool:
        """Whether the short path asks ``name``: project name, the triggers and their answers,
        workload."""
        triggers = [TRIGGERS[t] for t in chosen_triggers(values) if t in TRIGGERS]
        return name in SHAPING or any(name in trigger.answers for trigger in triggers)

    def _missing_after_change(self, answers: Answers) -> Callable[[str, Mapping[str, Any]], bool]:
        """After a change, ask what now applies but was never answered (on the path taken)."""

        def ask(name: str, values: Mapping[str, Any]) -> bool:
            return name not in answers.typed and (answers.full or self.shapes_project(name, values))

        return ask

    def _needs_asking(self, name: str, values: Mapping[str, Any]) -> bool:
        """A menu with one allowed choice is not a question."""
        return not self.only_choice(name, values)

    def only_choice(self, name: str, values: Mapping[str, Any]) -> str | None:
        """The one choice the rules leave for ``name``, if they leave only one."""
        if not self.template.is_choice(name):
            return None
        allowed = [
            value
            for value in self.template.choices(name, values)
            if check_answer(name, value, {**values, name: value}) is None
        ]
        return allowed[0] if len(allowed) == 1 else None

    def _still_valid(self, name: str, value: Any, values: Mapping[str, Any]) -> bool:
        return answer_applies(name, values) and self.problem(name, value, values) is None

    def _accept_defaults(self, answers: Answers) -> bool:
        remaining = [
            name
            for name in self.template.answer_names
            if answer_applies(name, answers.values)
            and name not in answers.given
            and name not in answers.typed
        ]
        self.say(
            f"The other {len(remaining)} answers have recommended defaults, all shown "
            "before anything is generated."
        )
        return self._confirm("Accept the recommended defaults?", True)

    def _ask_text(self, name: str, message: str, default: str, answers: Mapping[str, Any]) -> str:
        """Ask until the answer is allowed; the whole rule is shown, wrapped, after a mistake."""
        while True:
            text = questionary.text(message, default=default, **self.prompt_options).unsafe_ask()
            try:
                value = self.normalise(name, text, answers)
            except ValueError as problem:
                error: str | None = str(problem)
            else:
                error = self.problem(name, value, answers)
            if error is None:
                return value
            self.say(f"✗ {error}")
            default = text

    def _ask_number(self, message: str, default: float) -> float:
        while True:
            text = questionary.text(
                message, default=shown_number(default), **self.prompt_options
            ).unsafe_ask()
            number = parse_number(text)
            if number is not None and number > 0:
                return number
            self.say(
                f"✗ {text!r} is not a number greater than zero (1,000,000 and 1_000_000 work)."
            )

    def _confirm(self, message: str, default: bool) -> bool:
        return questionary.confirm(message, default=default, **self.prompt_options).unsafe_ask()

    def _is_number(self, name: str, answers: Mapping[str, Any]) -> bool:
        default = self.template.context[name]
        return isinstance(default, str) and str(self.template.default(name, answers)).isdigit()

    def _taken(self, slug: str, name: str, what: str) -> str | None:
        if self.output_dir is None or not (self.output_dir / slug).exists():
            return None
        return (
            f"{name}: {self.output_dir / slug} already exists; choose another {what} "
            "or another --output-dir."
        )

    def _derived_problem(self, project_name: str, context: Mapping[str, Any]) -> str | None:
        """The slug and package name a project name gives must be valid, the folder free."""
        slug = self.template.default("project_slug", context)
        for name, value in (
            ("project_slug", slug),
            (
                "package_name",
                self.template.default("package_name", {**context, "project_slug": slug}),
            ),
        ):
            error = check_answer(name, value, context)
            if error:
                return (
                    f"project_name={project_name!r} gives {name}={value!r}, which is not "
                    f"allowed: {error.allowed}. Choose another name."
                )
        return self._taken(slug, "project_name", "name")
