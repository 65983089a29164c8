"""``lambda-starter``: generate a production-grade Lambda project by answering a few questions.

It asks the template's questions (only those that apply, each checked as it is
typed), shows what will be created and what it costs, and generates through
cookiecutter's API, so hooks, replay and the user's cookiecutter config behave as
with the plain ``cookiecutter`` command.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml
from cookiecutter.exceptions import CookiecutterException, FailedHookException
from cookiecutter.main import cookiecutter

from lambda_starter.answer_rules import applies, check_answers
from lambda_starter.cost import Load
from lambda_starter.plan import describe, make_plan
from lambda_starter.questionnaire import (
    LOAD_DEFAULT_REQUESTS,
    AnswerFileError,
    Questionnaire,
    default_duration,
)
from lambda_starter.template import Template, TemplateError, load_template

PROGRAM = "lambda-starter"
EXIT_ERROR = 1
EXIT_INTERRUPTED = 130
LOAD_KEYS = ("requests_per_month", "average_duration_ms")


class UsageError(Exception):
    """The command cannot go on; the message says why in one line."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROGRAM, description=__doc__.splitlines()[0])
    parser.add_argument(
        "--template",
        help="template to use: a local path, a git URL or a cookiecutter abbreviation "
        "(default: the template this command is installed from)",
    )
    parser.add_argument(
        "--output-dir", default=".", type=Path, help="where to create the project (default: .)"
    )
    parser.add_argument(
        "--answers",
        type=Path,
        help="YAML or JSON file of answers; only the missing ones are asked",
    )
    parser.add_argument(
        "--no-input",
        action="store_true",
        help="ask nothing: use the answers file and the defaults "
        "(also when stdin is not a terminal)",
    )
    parser.add_argument("--config-file", help="cookiecutter user config file")
    return parser


def read_answers_file(path: Path, template: Template) -> tuple[dict[str, Any], dict[str, Any]]:
    """Split an answers file into template answers and cost-estimate inputs."""
    try:
        data = yaml.safe_load(path.read_text())
    except (OSError, yaml.YAMLError) as error:
        raise UsageError(f"cannot read answers file {path}: {error}") from None
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise UsageError(f"{path}: expected a mapping of answer names to values")
    known = set(template.answer_names) | set(LOAD_KEYS)
    unknown = sorted(set(data) - known)
    if unknown:
        raise UsageError(
            f"{path}: unknown answers {', '.join(unknown)}; known: {', '.join(sorted(known))}"
        )
    answers = {name: value for name, value in data.items() if name not in LOAD_KEYS}
    load = {name: value for name, value in data.items() if name in LOAD_KEYS}
    return answers, load


def given_load(load: dict[str, Any], template: Template, answers: dict[str, Any]) -> Load:
    """The cost-estimate load from the answers file, or its defaults."""
    try:
        requests = int(load.get("requests_per_month", LOAD_DEFAULT_REQUESTS))
        duration = float(load.get("average_duration_ms", default_duration(template, answers)))
    except (TypeError, ValueError):
        raise UsageError("requests_per_month and average_duration_ms must be numbers") from None
    if requests <= 0 or duration <= 0:
        raise UsageError("requests_per_month and average_duration_ms must be greater than zero")
    return Load(requests, duration)


def generate(template: Template, context: dict[str, Any], output_dir: Path, target: Path) -> Path:
    """Generate through cookiecutter's API; on any failure leave no ``target`` behind."""
    try:
        return Path(
            cookiecutter(
                template.location,
                no_input=True,
                extra_context=context,
                output_dir=str(output_dir),
                config_file=template.config_file,
            )
        )
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise


def run(args: argparse.Namespace, interactive: bool, prompt_options: dict[str, Any]) -> int:
    template = load_template(args.template, args.config_file)
    given, load_given = read_answers_file(args.answers, template) if args.answers else ({}, {})
    questionnaire = Questionnaire(template, **prompt_options)
    answers = questionnaire.collect(given, interactive=interactive)
    errors = check_answers(answers.values)
    if errors:
        raise AnswerFileError("; ".join(map(str, errors)))
    target = args.output_dir / answers.values["project_slug"]
    if target.exists():
        raise UsageError(f"{target} already exists; choose another --output-dir or project name")

    load = (
        questionnaire.ask_load(answers.values)
        if interactive and not load_given
        else given_load(load_given, template, answers.values)
    )
    plan = make_plan(template, answers.values, load)
    shown = [name for name in template.answer_names if applies(name, answers.values)]
    print(describe(plan, answers.values, shown))
    if interactive and not questionnaire.confirm():
        print("Nothing was generated.")
        return EXIT_ERROR
    project = generate(template, answers.for_cookiecutter(), args.output_dir, target)
    print(f"Generated {project}. Next: cd {project} && make install test")
    return 0


def main(argv: list[str] | None = None, **prompt_options: Any) -> int:
    """Entry point; ``prompt_options`` (input/output) make the prompts testable."""
    args = build_parser().parse_args(argv)
    interactive = not args.no_input and (bool(prompt_options) or sys.stdin.isatty())
    try:
        return run(args, interactive, prompt_options)
    except KeyboardInterrupt:
        print("\nAborted: nothing was generated.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except FailedHookException:
        print(f"{PROGRAM}: error: the template rejected the answers (see above)", file=sys.stderr)
        return EXIT_ERROR
    except (UsageError, AnswerFileError, TemplateError, CookiecutterException) as error:
        one_line = " ".join(str(error).splitlines())
        print(f"{PROGRAM}: error: {one_line}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
