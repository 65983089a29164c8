"""``lambda-starter``: generate a production-grade Lambda project by answering a few questions.

It asks the template's questions (only those that apply, each checked as it is
typed), shows what will be created and what it costs, and generates through
cookiecutter's API, so hooks, replay and the user's cookiecutter config behave as
with the plain ``cookiecutter`` command. The organisation's defaults, and the answers
it fixes, come from its config file (:mod:`lambda_starter.org_config`).
``lambda-starter check`` and ``lambda-starter update`` keep a generated project
current with its template (:mod:`lambda_starter.updates`).
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml
from cookiecutter.exceptions import CookiecutterException, FailedHookException
from cookiecutter.main import cookiecutter

from lambda_starter import updates
from lambda_starter.answer_rules import applies, check_answers
from lambda_starter.org_config import ConfigError, OrgConfig, load_org_config
from lambda_starter.plan import Traffic, describe, make_plan, traffic_for
from lambda_starter.questionnaire import AnswerFileError, Answers, Questionnaire, parse_number
from lambda_starter.template import Template, TemplateError, load_template
from lambda_starter.template_version import ANSWERS_KEY, DISTRIBUTION

PROGRAM = "lambda-starter"
DESCRIPTION = (
    "Generate a production-grade AWS Lambda project (SAM, Powertools) by answering a few questions."
)
EXIT_ERROR = 1
EXIT_BEHIND = 1  # `check`: the project is behind its template
EXIT_CANNOT_TELL = 2  # `check`: the project or its template could not be read
EXIT_INTERRUPTED = 130
# The answers file may also set the load the estimate prices, in the trigger's own unit.
LOAD_KEYS = ("load_per_month", "average_duration_ms")
TEMPLATE_HELP = (
    "template to use: a local path, a git URL or a cookiecutter abbreviation "
    "(default: the template this command is installed with)"
)
CONFIG_HELP = (
    "the organisation's defaults: a cookiecutter user config, optionally with fixed_answers "
    "(default: $LAMBDA_STARTER_CONFIG, then ~/.config/lambda-starter/config.yaml, "
    "then cookiecutter's own)"
)


class UsageError(Exception):
    """The command cannot go on; the message says why in one line."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROGRAM,
        description=DESCRIPTION,
        epilog="To keep a generated project current: lambda-starter check | update "
        "(see lambda-starter update --help).",
    )
    parser.add_argument("--template", help=TEMPLATE_HELP)
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
    parser.add_argument("--config-file", help=CONFIG_HELP)
    parser.add_argument(
        "--show-config",
        action="store_true",
        help="print which organisation config applies and the answers it sets, then exit",
    )
    parser.add_argument(
        "--version",
        action="store_true",
        help="print this command's version and the template's, then exit",
    )
    return parser


def build_project_parser(command: str) -> argparse.ArgumentParser:
    """The parser of ``check`` or ``update``."""
    about = {
        "check": "Say whether a generated project is behind its template "
        f"(exit 0: up to date, {EXIT_BEHIND}: behind, {EXIT_CANNOT_TELL}: cannot tell).",
        "update": "Bring the template's later changes into a generated project, as "
        "uncommitted changes to review; new answers are asked or taken from the defaults.",
    }
    parser = argparse.ArgumentParser(prog=f"{PROGRAM} {command}", description=about[command])
    parser.add_argument(
        "project", nargs="?", default=".", type=Path, help="the project folder (default: .)"
    )
    parser.add_argument(
        "--template",
        help="the template repository, a local path or git URL "
        "(default: the one the project records)",
    )
    if command == "update":
        parser.add_argument(
            "--no-input", action="store_true", help="ask nothing: new answers take their defaults"
        )
        parser.add_argument("--config-file", help=CONFIG_HELP)
    return parser


def read_answers_file(path: Path, template: Template) -> tuple[dict[str, Any], dict[str, Any]]:
    """Split an answers file into template answers and cost-estimate inputs.

    A project's ``.cookiecutter.json`` is a valid answers file: the record of its
    template is skipped.
    """
    try:
        data = yaml.safe_load(path.read_text())
    except (OSError, yaml.YAMLError) as error:
        raise UsageError(f"cannot read answers file {path}: {error}") from None
    if data is None:
        return {}, {}
    if not isinstance(data, dict):
        raise UsageError(f"{path}: expected a mapping of answer names to values")
    data.pop(ANSWERS_KEY, None)
    known = set(template.answer_names) | set(LOAD_KEYS)
    unknown = sorted(set(data) - known)
    if unknown:
        raise UsageError(
            f"{path}: unknown answers {', '.join(unknown)}; known: {', '.join(sorted(known))}"
        )
    answers = {name: value for name, value in data.items() if name not in LOAD_KEYS}
    load = {name: value for name, value in data.items() if name in LOAD_KEYS}
    return answers, load


def given_traffic(load: dict[str, Any], template: Template, answers: Mapping[str, Any]) -> Traffic:
    """The traffic the answers file sets, the rest from the answers."""
    numbers = {}
    for key, value in load.items():
        number = parse_number(str(value)) if isinstance(value, str | int | float) else None
        if number is None or number <= 0 or isinstance(value, bool):
            raise UsageError(f"{key}={value!r} is not allowed: a number greater than zero")
        numbers[key] = number
    per_month = numbers.get("load_per_month")
    return traffic_for(
        template,
        answers,
        per_month=round(per_month) if per_month else None,
        duration_ms=numbers.get("average_duration_ms"),
    )


def ask_traffic(
    questionnaire: Questionnaire,
    template: Template,
    answers: Answers,
    earlier: tuple[str, int, float] | None,
) -> tuple[str, int, float]:
    """The load in the trigger's unit (messages for a queue): asked once, again if the unit changes.

    Returns the unit, the units a month and the duration in milliseconds.
    """
    default = traffic_for(template, answers.values)
    if earlier and earlier[0] == default.unit:
        return earlier
    per_month, duration = questionnaire.ask_traffic(
        default.unit, default.per_month, default.batch_size, default.duration_ms
    )
    return default.unit, per_month, duration


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


def versions(template: Template) -> str:
    """This command's version and the template's."""
    try:
        command = metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        command = "unknown (not installed)"
    version = template.version()
    about = version.describe() if version else f"unknown ({template.repo_dir} records none)"
    return f"{PROGRAM} {command}\ntemplate {about}"


def answers_with_fixed(
    args: argparse.Namespace, template: Template, org: OrgConfig
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The answers file's answers with the organisation's fixed ones, and the load."""
    given, load = read_answers_file(args.answers, template) if args.answers else ({}, {})
    source = str(args.answers) if args.answers else "the answers"
    try:
        return org.with_fixed(given, source, template.is_flag), load
    except ConfigError as error:
        raise UsageError(str(error)) from None


def run(args: argparse.Namespace, interactive: bool, prompt_options: dict[str, Any]) -> int:
    org = load_org_config(args.config_file)
    template = load_template(args.template, org.config_file)
    org.check_names(template.answer_names)
    if args.version:
        print(versions(template))
        return 0
    if args.show_config:
        print(org.describe())
        return 0
    given, load_given = answers_with_fixed(args, template, org)
    if interactive and org.fixed:
        fixed = ", ".join(f"{name}={value!r}" for name, value in org.fixed.items())
        print(f"Fixed by your organisation ({org.path}): {fixed}")
    questionnaire = Questionnaire(template, args.output_dir, **prompt_options)
    answers = questionnaire.collect(given, interactive=interactive, offer_defaults=True)
    for note in questionnaire.inapplicable_given(answers).values():
        print(f"{PROGRAM}: note: {note}; left out", file=sys.stderr)
    ask_load = interactive and answers.full and not load_given
    typed_load: tuple[str, int, float] | None = None
    while True:
        errors = check_answers(answers.values)
        if errors:
            raise AnswerFileError([str(error) for error in errors])
        target = args.output_dir / answers.values["project_slug"]
        if target.exists():
            raise UsageError(f"{target} already exists; choose another --output-dir or name")
        if ask_load:
            typed_load = ask_traffic(questionnaire, template, answers, typed_load)
            traffic = traffic_for(template, answers.values, *typed_load[1:])
        else:
            traffic = given_traffic(load_given, template, answers.values)
        plan = make_plan(template, answers.values, traffic)
        shown = [name for name in template.answer_names if applies(name, answers.values)]
        print(describe(plan, answers.values, shown))
        if not interactive or questionnaire.confirm_generation():
            break
        if not questionnaire.revise(answers):
            print("Nothing was generated.")
            return EXIT_ERROR
    project = generate(template, answers.for_cookiecutter(), args.output_dir, target)
    print(f"Generated {project}. Next: cd {project} && make install test")
    return 0


def run_project_command(
    command: str, args: argparse.Namespace, interactive: bool, prompt_options: dict[str, Any]
) -> int:
    """``check`` or ``update`` a generated project."""
    if command == "check":
        behind, report = updates.check(args.project, args.template)
        print(report)
        return EXIT_BEHIND if behind else 0
    org = load_org_config(args.config_file)
    report = updates.update(
        args.project, org, template=args.template, interactive=interactive, **prompt_options
    )
    print(report)
    return 0


def main(argv: list[str] | None = None, **prompt_options: Any) -> int:
    """Entry point; ``prompt_options`` (input/output) make the prompts testable."""
    argv = sys.argv[1:] if argv is None else list(argv)
    command = argv[0] if argv and argv[0] in ("check", "update") else None
    if command:
        args = build_project_parser(command).parse_args(argv[1:])
    else:
        args = build_parser().parse_args(argv)
    no_input = getattr(args, "no_input", True)
    interactive = not no_input and (bool(prompt_options) or sys.stdin.isatty())
    failed = EXIT_CANNOT_TELL if command == "check" else EXIT_ERROR
    try:
        if command:
            return run_project_command(command, args, interactive, prompt_options)
        return run(args, interactive, prompt_options)
    except KeyboardInterrupt:
        unchanged = "the project was not changed" if command else "nothing was generated"
        print(f"\nAborted: {unchanged}.", file=sys.stderr)
        return EXIT_INTERRUPTED
    except FailedHookException:
        print(f"{PROGRAM}: error: the template rejected the answers (see above)", file=sys.stderr)
        return failed
    except AnswerFileError as error:
        for problem in error.problems:
            print(f"{PROGRAM}: error: {problem}", file=sys.stderr)
        return failed
    except (
        UsageError,
        TemplateError,
        ConfigError,
        updates.UpdateError,
        CookiecutterException,
    ) as error:
        one_line = " ".join(str(error).splitlines())
        print(f"{PROGRAM}: error: {one_line}", file=sys.stderr)
        return failed


if __name__ == "__main__":
    sys.exit(main())
