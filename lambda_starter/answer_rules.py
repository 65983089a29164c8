"""The rules every answer must satisfy.

This module is the single home of answer validation: the pre-generation hook,
the questionnaire and the tests all call it, none of them repeats a rule. It
uses only the standard library because the hook imports it from the template
checkout, outside any virtualenv.

Each rule returns ``None`` when the value is acceptable, or a sentence that says
what *is* allowed; :func:`check_answer` turns that into an :class:`AnswerError`
naming the answer and the value given.
"""

from __future__ import annotations

import keyword
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

# Commercial regions where Lambda, the Powertools public layer and every service
# the generated stack uses are available.
AWS_REGIONS: frozenset[str] = frozenset(
    {
        "af-south-1",
        "ap-east-1",
        "ap-northeast-1",
        "ap-northeast-2",
        "ap-northeast-3",
        "ap-south-1",
        "ap-south-2",
        "ap-southeast-1",
        "ap-southeast-2",
        "ap-southeast-3",
        "ap-southeast-4",
        "ca-central-1",
        "ca-west-1",
        "eu-central-1",
        "eu-central-2",
        "eu-north-1",
        "eu-south-1",
        "eu-south-2",
        "eu-west-1",
        "eu-west-2",
        "eu-west-3",
        "il-central-1",
        "me-central-1",
        "me-south-1",
        "sa-east-1",
        "us-east-1",
        "us-east-2",
        "us-west-1",
        "us-west-2",
    }
)

# The values CloudWatch Logs accepts for RetentionInDays.
LOG_RETENTION_DAYS: tuple[int, ...] = (
    1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731,
    1096, 1827, 2192, 2557, 2922, 3288, 3653,
)  # fmt: skip

MEMORY_MB_RANGE = (128, 10_240)
TIMEOUT_SECONDS_RANGE = (1, 900)
# API Gateway ends the integration after 29 s whatever the function's timeout.
API_GATEWAY_TIMEOUT_SECONDS = 29

SLUG_LENGTH_RANGE = (3, 40)
PACKAGE_NAME_LENGTH_RANGE = (3, 40)
PROJECT_NAME_MAX_LENGTH = 64
DESCRIPTION_MAX_LENGTH = 256  # Lambda's limit on a function description
AUTHOR_NAME_MAX_LENGTH = 100
TAG_VALUE_MAX_LENGTH = 256

_SLUG = re.compile(r"[a-z](?:[a-z0-9]|-(?=[a-z0-9]))*")
_PACKAGE_NAME = re.compile(r"[a-z][a-z0-9_]*")
_DIGITS = re.compile(r"[0-9]+")
_TAG_VALUE = re.compile(r"[A-Za-z0-9 _.:/=+\-@]+")
_EMAIL = re.compile(
    r"[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+"
    r"@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.[A-Za-z]{2,63}"
)
# Package names that would shadow a module the function or its tests import.
_RESERVED_PACKAGE_NAMES = frozenset(sys.stdlib_module_names) | {
    "aws_lambda_powertools",
    "boto3",
    "botocore",
    "moto",
    "tests",
}

Rule = Callable[[Any, Mapping[str, Any]], "str | None"]


@dataclass(frozen=True)
class AnswerError:
    """One rejected answer: which one, what was given, and what is allowed."""

    answer: str
    value: Any
    allowed: str

    def __str__(self) -> str:
        return f"{self.answer}={self.value!r} is not allowed: {self.allowed}."


def parse_int(value: Any) -> int | None:
    """Return ``value`` as an int if it is one or is written with ASCII digits only."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and _DIGITS.fullmatch(value.strip()):
        return int(value.strip())
    return None


def _printable_text(value: Any, max_length: int, *, required: bool) -> str | None:
    need = "non-empty " if required else ""
    allowed = f"{need}single-line text of at most {max_length} characters"
    if not isinstance(value, str):
        return allowed
    if required and not value.strip():
        return allowed
    if len(value) > max_length or not value.isprintable():
        return allowed
    return None


def _int_in_range(value: Any, low: int, high: int, unit: str) -> str | None:
    number = parse_int(value)
    if number is None or not low <= number <= high:
        return f"a whole number of {unit} from {low} to {high}"
    return None


def check_project_name(value: Any, _answers: Mapping[str, Any]) -> str | None:
    return _printable_text(value, PROJECT_NAME_MAX_LENGTH, required=True)


def check_project_slug(value: Any, _answers: Mapping[str, Any]) -> str | None:
    low, high = SLUG_LENGTH_RANGE
    if isinstance(value, str) and low <= len(value) <= high and _SLUG.fullmatch(value):
        return None
    return (
        f"{low}-{high} characters of lowercase ASCII letters, digits and single hyphens, "
        "starting with a letter and not ending with a hyphen (e.g. orders-service)"
    )


def check_package_name(value: Any, _answers: Mapping[str, Any]) -> str | None:
    low, high = PACKAGE_NAME_LENGTH_RANGE
    well_formed = isinstance(value, str) and _PACKAGE_NAME.fullmatch(value)
    if not (well_formed and low <= len(value) <= high):
        return (
            f"a Python package name of {low}-{high} characters: lowercase ASCII letters, "
            "digits and underscores, starting with a letter (e.g. orders_service)"
        )
    if keyword.iskeyword(value) or keyword.issoftkeyword(value):
        return "a name that is not a Python keyword"
    if value in _RESERVED_PACKAGE_NAMES:
        return "a name that does not shadow a standard-library or AWS SDK module"
    return None


def check_description(value: Any, _answers: Mapping[str, Any]) -> str | None:
    return _printable_text(value, DESCRIPTION_MAX_LENGTH, required=False)


def check_author_name(value: Any, _answers: Mapping[str, Any]) -> str | None:
    return _printable_text(value, AUTHOR_NAME_MAX_LENGTH, required=True)


def check_email(value: Any, _answers: Mapping[str, Any]) -> str | None:
    if isinstance(value, str) and len(value) <= 254 and _EMAIL.fullmatch(value):
        return None
    return "an e-mail address such as team@example.com"


def check_optional_email(value: Any, answers: Mapping[str, Any]) -> str | None:
    if value == "":
        return None
    problem = check_email(value, answers)
    return problem and f"{problem}, or empty"


def check_owner_team(value: Any, _answers: Mapping[str, Any]) -> str | None:
    if (
        isinstance(value, str)
        and value.strip()
        and len(value) <= TAG_VALUE_MAX_LENGTH
        and _TAG_VALUE.fullmatch(value)
    ):
        return None
    return (
        f"a tag value of 1-{TAG_VALUE_MAX_LENGTH} characters: ASCII letters, digits, "
        "spaces and _ . : / = + - @"
    )


def check_aws_region(value: Any, _answers: Mapping[str, Any]) -> str | None:
    if value in AWS_REGIONS:
        return None
    return "one of " + ", ".join(sorted(AWS_REGIONS))


def check_memory_size(value: Any, _answers: Mapping[str, Any]) -> str | None:
    return _int_in_range(value, *MEMORY_MB_RANGE, unit="MB")


def check_timeout(value: Any, _answers: Mapping[str, Any]) -> str | None:
    problem = _int_in_range(value, *TIMEOUT_SECONDS_RANGE, unit="seconds")
    if problem:
        return problem
    if parse_int(value) > API_GATEWAY_TIMEOUT_SECONDS:
        return (
            f"at most {API_GATEWAY_TIMEOUT_SECONDS} seconds for a function behind API Gateway, "
            "which ends the request after that whatever the function's timeout"
        )
    return None


def check_log_retention_days(value: Any, _answers: Mapping[str, Any]) -> str | None:
    if parse_int(value) in LOG_RETENTION_DAYS:
        return None
    return "one of the values CloudWatch Logs accepts: " + ", ".join(map(str, LOG_RETENTION_DAYS))


RULES: dict[str, Rule] = {
    "project_name": check_project_name,
    "project_slug": check_project_slug,
    "package_name": check_package_name,
    "description": check_description,
    "author_name": check_author_name,
    "author_email": check_email,
    "owner_team": check_owner_team,
    "aws_region": check_aws_region,
    "memory_size": check_memory_size,
    "timeout": check_timeout,
    "log_retention_days": check_log_retention_days,
    "alarm_email": check_optional_email,
}


def check_answer(name: str, value: Any, answers: Mapping[str, Any]) -> AnswerError | None:
    """Check one answer in the context of the others; ``None`` means it is accepted."""
    rule = RULES.get(name)
    allowed = rule(value, answers) if rule else None
    return AnswerError(name, value, allowed) if allowed else None


def check_answers(answers: Mapping[str, Any]) -> list[AnswerError]:
    """Check every answer that has a rule, in the order the rules are declared."""
    errors = (check_answer(name, answers.get(name), answers) for name in RULES)
    return [error for error in errors if error]
