"""The rules every answer must satisfy.

This module is the single home of answer validation: the pre-generation hook,
the questionnaire and the tests all call it, none of them repeats a rule. It
uses only the standard library because the hook imports it from the template
checkout, outside any virtualenv.

Each rule returns ``None`` when the value is acceptable, or a sentence that says
what *is* allowed; :func:`check_answer` turns that into an :class:`AnswerError`
naming the answer and the value given. An answer that does not apply to the
chosen options (the JWT issuer of a queue consumer, say) is not checked, and the
questionnaire does not ask it: :func:`applies` decides both.
"""

from __future__ import annotations

import keyword
import re
import sys
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from lambda_starter.features import split_ids, truthy
from lambda_starter.triggers import TRIGGERS, Invocation, extras_for

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
EPHEMERAL_STORAGE_MB_RANGE = (512, 10_240)
SNAPSTART_MAX_EPHEMERAL_STORAGE_MB = 512
PROVISIONED_CONCURRENCY_RANGE = (1, 1000)
# Lambda's limits on a function's VPC configuration.
MAX_SUBNETS = 16
MAX_SECURITY_GROUPS = 5
TIMEOUT_SECONDS_RANGE = (1, 900)
# API Gateway ends the integration after 29 s whatever the function's timeout.
API_GATEWAY_TIMEOUT_SECONDS = 29

# Stack names are <slug>-dev / <slug>-prod, and the S3 bucket name adds the account id
# and an 8-character creation id to the stack name: 32 keeps it under S3's 63 characters.
SLUG_LENGTH_RANGE = (3, 32)
JINJA_MARKS = ("{{", "}}", "{%", "%}", "{#", "#}")
PACKAGE_NAME_LENGTH_RANGE = (3, 40)
PROJECT_NAME_MAX_LENGTH = 64
DESCRIPTION_MAX_LENGTH = 256  # Lambda's limit on a function description
AUTHOR_NAME_MAX_LENGTH = 100
EMAIL_MAX_LENGTH = 254  # RFC 5321's limit on a forward path
TAG_VALUE_MAX_LENGTH = 256

_SLUG = re.compile(r"[a-z](?:[a-z0-9]|-(?=[a-z0-9]))*")
_PACKAGE_NAME = re.compile(r"[a-z][a-z0-9_]*")
_DIGITS = re.compile(r"[0-9]+")
_RATE = re.compile(r"rate\((1 (minute|hour|day)|([2-9]|[1-9][0-9]+) (minutes|hours|days))\)")
_CRON = re.compile(r"cron\((\S+ ){5}\S+\)")
_EVENT_SOURCE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,255}")
_EVENT_BUS_NAME = re.compile(r"[A-Za-z0-9._-]{1,256}")
_JWT_ISSUER = re.compile(r"https://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9._~%/-]*)?")
_JWT_AUDIENCE = re.compile(r"[A-Za-z0-9._:/@-]{1,256}")
_SECRET_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9/_+=.@-]{0,255}")
_POLICY_ARN = re.compile(
    r"arn:aws(-[a-z]+)*:iam::([0-9]{12}|aws):policy/[A-Za-z0-9+=,.@_/-]{1,128}"
)
_KINESIS_STREAM_ARN = re.compile(
    r"arn:aws(?:-[a-z]+)*:kinesis:(?P<region>[a-z0-9-]+):[0-9]{12}:stream/[A-Za-z0-9_.-]{1,128}"
)
_SUBNET_ID = re.compile(r"subnet-(?:[0-9a-f]{8}|[0-9a-f]{17})")
_SECURITY_GROUP_ID = re.compile(r"sg-(?:[0-9a-f]{8}|[0-9a-f]{17})")
_S3_KEY_PART = re.compile(r"[A-Za-z0-9!_.*'()/-]*")
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


def has_jinja(value: Any) -> bool:
    """Whether text holds Jinja syntax, which cookiecutter would evaluate as a template."""
    return isinstance(value, str) and any(mark in value for mark in JINJA_MARKS)


def _printable_text(value: Any, max_length: int, *, required: bool) -> str | None:
    need = "non-empty " if required else ""
    allowed = f"{need}single-line text of at most {max_length} characters, without Jinja syntax"
    if not isinstance(value, str):
        return allowed
    if required and not value.strip():
        return allowed
    if len(value) > max_length or not value.isprintable() or has_jinja(value):
        return allowed
    return None


def _int_in_range(value: Any, low: int, high: int, unit: str) -> str | None:
    number = parse_int(value)
    if number is None or not low <= number <= high:
        return f"a whole number of {unit} from {low} to {high}"
    return None


def check_project_name(value: Any, _answers: Mapping[str, Any]) -> str | None:
    return _printable_text(value, PROJECT_NAME_MAX_LENGTH, required=True)


def derive_slug(name: str) -> str:
    """The project slug a project name gives, by the rule :func:`check_project_slug` enforces.

    Accents are dropped, every run of other characters becomes one hyphen, and the
    slug starts with a letter and fits the length limit (``Payments API v2.0`` gives
    ``payments-api-v2-0``). A name with too few letters gives its plain lowercase form
    instead, which the rule then rejects by name.
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).lstrip("-0123456789")
    slug = words[: SLUG_LENGTH_RANGE[1]].strip("-")
    if check_project_slug(slug, {}) is None:
        return slug
    return name.strip().lower().replace(" ", "-").replace("_", "-")


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


def _email(value: Any) -> str | None:
    if isinstance(value, str) and len(value) <= EMAIL_MAX_LENGTH and _EMAIL.fullmatch(value):
        return None
    return "an e-mail address such as team@example.com"


def check_email(value: Any, _answers: Mapping[str, Any]) -> str | None:
    return _email(value)


def check_optional_email(value: Any, _answers: Mapping[str, Any]) -> str | None:
    if value == "":
        return None
    problem = _email(value)
    return problem and f"{problem}, or empty"


def _tag_value(value: Any) -> str | None:
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


def check_owner_team(value: Any, _answers: Mapping[str, Any]) -> str | None:
    return _tag_value(value)


def check_optional_tag(value: Any, _answers: Mapping[str, Any]) -> str | None:
    if value == "":
        return None
    problem = _tag_value(value)
    return problem and f"{problem}, or empty"


def check_permissions_boundary(value: Any, _answers: Mapping[str, Any]) -> str | None:
    if value == "" or (isinstance(value, str) and _POLICY_ARN.fullmatch(value)):
        return None
    return "empty, or an IAM policy ARN such as arn:aws:iam::123456789012:policy/boundary"


def check_aws_region(value: Any, _answers: Mapping[str, Any]) -> str | None:
    if value in AWS_REGIONS:
        return None
    return "one of " + ", ".join(sorted(AWS_REGIONS))


def check_memory_size(value: Any, _answers: Mapping[str, Any]) -> str | None:
    return _int_in_range(value, *MEMORY_MB_RANGE, unit="MB")


def check_timeout(value: Any, answers: Mapping[str, Any]) -> str | None:
    problem = _int_in_range(value, *TIMEOUT_SECONDS_RANGE, unit="seconds")
    if problem:
        return problem
    if _synchronous(answers) and parse_int(value) > API_GATEWAY_TIMEOUT_SECONDS:
        return (
            f"at most {API_GATEWAY_TIMEOUT_SECONDS} seconds for a function behind API Gateway, "
            "which ends the request after that whatever the function's timeout"
        )
    return None


def check_ephemeral_storage(value: Any, _answers: Mapping[str, Any]) -> str | None:
    return _int_in_range(value, *EPHEMERAL_STORAGE_MB_RANGE, unit="MB")


def check_log_retention_days(value: Any, _answers: Mapping[str, Any]) -> str | None:
    if parse_int(value) in LOG_RETENTION_DAYS:
        return None
    return "one of the values CloudWatch Logs accepts: " + ", ".join(map(str, LOG_RETENTION_DAYS))


def check_jwt_issuer(value: Any, _answers: Mapping[str, Any]) -> str | None:
    if isinstance(value, str) and len(value) <= 2048 and _JWT_ISSUER.fullmatch(value):
        return None
    return (
        "the https:// URL of the token issuer, e.g. "
        "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123"
    )


def check_jwt_audience(value: Any, _answers: Mapping[str, Any]) -> str | None:
    if isinstance(value, str) and _JWT_AUDIENCE.fullmatch(value):
        return None
    return "the audience the tokens carry (e.g. an app client id): 1-256 characters, no spaces"


def check_schedule_expression(value: Any, _answers: Mapping[str, Any]) -> str | None:
    if isinstance(value, str) and (_RATE.fullmatch(value) or _CRON.fullmatch(value)):
        return None
    return (
        "rate(1 minute), rate(N minutes|hours|days) with N of 2 or more, "
        "or a six-field cron(...) expression"
    )


def check_event_source(value: Any, _answers: Mapping[str, Any]) -> str | None:
    if not (isinstance(value, str) and _EVENT_SOURCE.fullmatch(value)):
        return "an event source of letters, digits, '.', '_' and '-', e.g. com.example.orders"
    if value.lower().startswith("aws."):
        return "a source of your own: the aws. prefix is reserved for events from AWS services"
    return None


def check_event_detail_type(value: Any, _answers: Mapping[str, Any]) -> str | None:
    return _printable_text(value, 128, required=True)


def check_event_bus_name(value: Any, _answers: Mapping[str, Any]) -> str | None:
    if isinstance(value, str) and _EVENT_BUS_NAME.fullmatch(value):
        return None
    return "'default' or the name of an existing event bus (letters, digits, '.', '_', '-')"


def check_s3_key_part(value: Any, _answers: Mapping[str, Any]) -> str | None:
    if (
        isinstance(value, str)
        and len(value) <= 1024
        and _S3_KEY_PART.fullmatch(value)
        and not value.startswith("/")
    ):
        return None
    return (
        "empty, or S3 key characters safe in event filters "
        "(letters, digits and ! _ . * ' ( ) / -), not starting with /"
    )


def check_kinesis_stream_arn(value: Any, answers: Mapping[str, Any]) -> str | None:
    if value == "":
        return None
    match = _KINESIS_STREAM_ARN.fullmatch(value) if isinstance(value, str) else None
    region = answers.get("aws_region")
    if match and match["region"] == region:
        return None
    return (
        f"empty (the stack creates the stream), or the ARN of a stream in {region}, where the "
        f"function runs, such as arn:aws:kinesis:{region}:123456789012:stream/orders"
    )


def check_extra_functions(value: Any, answers: Mapping[str, Any]) -> str | None:
    """Further triggers of the same project: known ones, each once, able to join the main one."""
    main = answers.get("trigger")
    joinable = extras_for(main)
    allowed = (
        f"empty, or the triggers that can join a {main} function, each once and "
        f"comma-separated: {', '.join(joinable)}"
        if joinable
        else f"empty: no trigger can join a {main} function yet"
    )
    if not isinstance(value, str):
        return allowed
    listed: set[str] = set()
    for name in split_ids(value):
        if name not in TRIGGERS:
            return f"{name!r} is not a trigger (they are {', '.join(TRIGGERS)}); {allowed}"
        if name == main:
            return f"{name} is the main function's trigger already; {allowed}"
        if name in listed:
            return f"{name} is listed twice; {allowed}"
        if name not in joinable:
            return f"a {name} function cannot join a {main} function; {allowed}"
        listed.add(name)
    readers = [name for name in listed if TRIGGERS[name].extra.reads_data_table_stream]
    if readers and len(listed) > 1:
        # Every other function writes the data table too, and its records are no items.
        return (
            f"a {readers[0]} function reads every write to the data table, so it joins a "
            f"{main} function alone: the other functions write their own records there"
        )
    return None


def check_secret_name(value: Any, _answers: Mapping[str, Any]) -> str | None:
    if isinstance(value, str) and _SECRET_NAME.fullmatch(value) and "//" not in value:
        return None
    return (
        "a secret or parameter name such as orders-service/webhook: letters, digits and "
        "/ _ + = . @ -, not starting with /"
    )


def _id_list(value: Any, pattern: re.Pattern[str], limit: int, example: str) -> str | None:
    allowed = (
        f"1-{limit} distinct ids such as {example}, separated by commas "
        "(ids of existing resources in the account and region you deploy to)"
    )
    if not isinstance(value, str):
        return allowed
    ids = split_ids(value)
    if not ids or len(ids) > limit or len(set(ids)) != len(ids):
        return allowed
    if not all(pattern.fullmatch(part) for part in ids):
        return allowed
    return None


def check_subnet_ids(value: Any, _answers: Mapping[str, Any]) -> str | None:
    return _id_list(value, _SUBNET_ID, MAX_SUBNETS, "subnet-0a1b2c3d4e5f67890,subnet-1a2b3c4d")


def check_security_group_ids(value: Any, _answers: Mapping[str, Any]) -> str | None:
    return _id_list(value, _SECURITY_GROUP_ID, MAX_SECURITY_GROUPS, "sg-0a1b2c3d4e5f67890")


def check_provisioned_concurrency(value: Any, _answers: Mapping[str, Any]) -> str | None:
    return _int_in_range(value, *PROVISIONED_CONCURRENCY_RANGE, unit="executions")


def check_data_store(value: Any, answers: Mapping[str, Any]) -> str | None:
    trigger = TRIGGERS.get(answers.get("trigger"))
    if value == "none" and trigger and trigger.needs_data_store:
        return (
            f"dynamodb for the {trigger.name} trigger, whose example stores its data in the table"
        )
    return None


def check_latency(value: Any, answers: Mapping[str, Any]) -> str | None:
    storage = parse_int(answers.get("ephemeral_storage"))
    if value == "snapstart" and storage and storage > SNAPSTART_MAX_EPHEMERAL_STORAGE_MB:
        return (
            f"on-demand or provisioned with ephemeral_storage={storage}: SnapStart supports "
            f"at most {SNAPSTART_MAX_EPHEMERAL_STORAGE_MB} MB of /tmp, "
            "so lower ephemeral_storage to use it"
        )
    return None


def _invocation(answers: Mapping[str, Any]) -> Invocation | None:
    trigger = TRIGGERS.get(answers.get("trigger"))
    return trigger.invocation if trigger else None


def _synchronous(answers: Mapping[str, Any]) -> bool:
    return _invocation(answers) is Invocation.SYNCHRONOUS


@dataclass(frozen=True)
class Condition:
    """When a conditional answer matters, and how to say so to someone who gave it anyway."""

    holds: Callable[[Mapping[str, Any]], bool]
    description: str

    def __call__(self, answers: Mapping[str, Any]) -> bool:
        return self.holds(answers)


JWT = Condition(lambda answers: answers.get("api_auth") == "jwt", "api_auth=jwt")
# Invoked by events (queue, stream, asynchronous), which can be delivered twice.
EVENT_TRIGGER = Condition(
    # The main function's trigger, or an extra function's (a worker beside an API).
    lambda answers: any(
        TRIGGERS[name].invocation is not Invocation.SYNCHRONOUS
        for name in chosen_triggers(answers)
        if name in TRIGGERS
    ),
    "a trigger that delivers events: "
    + ", ".join(t.name for t in TRIGGERS.values() if t.invocation is not Invocation.SYNCHRONOUS),
)
USES_SECRET = Condition(
    lambda answers: answers.get("secrets", "none") != "none", "secrets=secretsmanager or ssm"
)
PROVISIONED = Condition(
    lambda answers: answers.get("latency") == "provisioned", "latency=provisioned"
)
VPC = Condition(lambda answers: truthy(answers.get("vpc")), "vpc=yes")
ALARMS = Condition(lambda answers: truthy(answers.get("alarms", True)), "alarms=yes")
# Asked only where some trigger can join the main one; checked whenever one is given.
EXTRA_FUNCTIONS = Condition(
    lambda answers: (
        bool(extras_for(answers.get("trigger"))) or answers.get("extra_functions") not in (None, "")
    ),
    "a main trigger that another trigger's function can join",
)


@dataclass(frozen=True)
class AnswerRule:
    """How one answer is checked, and when it is asked at all."""

    # None for a choice: cookiecutter already limits it to the listed values.
    check: Rule | None
    # None: the answer always applies (unless a trigger declares it as its own).
    applies: Condition | None = None


RULES: dict[str, AnswerRule] = {
    "project_name": AnswerRule(check_project_name),
    "project_slug": AnswerRule(check_project_slug),
    "package_name": AnswerRule(check_package_name),
    "description": AnswerRule(check_description),
    "author_name": AnswerRule(check_author_name),
    "author_email": AnswerRule(check_email),
    "owner_team": AnswerRule(check_owner_team),
    "cost_center": AnswerRule(check_optional_tag),
    "aws_region": AnswerRule(check_aws_region),
    "extra_functions": AnswerRule(check_extra_functions, EXTRA_FUNCTIONS),
    "api_auth": AnswerRule(None),
    "jwt_issuer": AnswerRule(check_jwt_issuer, JWT),
    "jwt_audience": AnswerRule(check_jwt_audience, JWT),
    "schedule_expression": AnswerRule(check_schedule_expression),
    "event_source": AnswerRule(check_event_source),
    "event_detail_type": AnswerRule(check_event_detail_type),
    "event_bus_name": AnswerRule(check_event_bus_name),
    "s3_prefix": AnswerRule(check_s3_key_part),
    "s3_suffix": AnswerRule(check_s3_key_part),
    "kinesis_stream_arn": AnswerRule(check_kinesis_stream_arn),
    "memory_size": AnswerRule(check_memory_size),
    "timeout": AnswerRule(check_timeout),
    "ephemeral_storage": AnswerRule(check_ephemeral_storage),
    "data_store": AnswerRule(check_data_store),
    "idempotency": AnswerRule(None, EVENT_TRIGGER),
    "secret_name": AnswerRule(check_secret_name, USES_SECRET),
    "latency": AnswerRule(check_latency),
    "provisioned_concurrency": AnswerRule(check_provisioned_concurrency, PROVISIONED),
    "log_retention_days": AnswerRule(check_log_retention_days),
    "permissions_boundary_arn": AnswerRule(check_permissions_boundary),
    "vpc_subnet_ids": AnswerRule(check_subnet_ids, VPC),
    "vpc_security_group_ids": AnswerRule(check_security_group_ids, VPC),
    "kms_key": AnswerRule(None),
    "tuning_strategy": AnswerRule(None),
    "ci": AnswerRule(None),
    "alarms": AnswerRule(None),
    "alarm_email": AnswerRule(check_optional_email, ALARMS),
}


# The triggers that ask each trigger-specific answer (lambda_starter/triggers.py).
TRIGGER_ANSWERS: dict[str, frozenset[str]] = {
    answer: frozenset(t.name for t in TRIGGERS.values() if answer in t.answers)
    for trigger in TRIGGERS.values()
    for answer in trigger.answers
}


def chosen_triggers(answers: Mapping[str, Any]) -> set[str]:
    """The triggers of the project's functions: the main one's and its extra functions'."""
    return {answers.get("trigger"), *split_ids(answers.get("extra_functions"))}


def applies(name: str, answers: Mapping[str, Any]) -> bool:
    """Whether answer ``name`` matters for the other ``answers`` (and so is asked and checked).

    An answer a trigger declares applies only with that trigger (the main function's or an
    extra function's); then its own condition holds.
    """
    if name in TRIGGER_ANSWERS and not chosen_triggers(answers) & TRIGGER_ANSWERS[name]:
        return False
    rule = RULES.get(name)
    return rule is None or rule.applies is None or rule.applies(answers)


def inapplicable(name: str, answers: Mapping[str, Any]) -> str | None:
    """Why answer ``name`` does not matter with the other ``answers``; ``None`` when it does."""
    if applies(name, answers):
        return None
    if name in TRIGGER_ANSWERS and not chosen_triggers(answers) & TRIGGER_ANSWERS[name]:
        return "only with trigger " + " or ".join(sorted(TRIGGER_ANSWERS[name]))
    return f"only with {RULES[name].applies.description}"


def check_answer(name: str, value: Any, answers: Mapping[str, Any]) -> AnswerError | None:
    """Check one answer in the context of the others; ``None`` means it is accepted."""
    rule = RULES.get(name)
    if rule is None or rule.check is None or not applies(name, answers):
        return None
    allowed = rule.check(value, answers)
    return AnswerError(name, value, allowed) if allowed else None


def check_answers(answers: Mapping[str, Any]) -> list[AnswerError]:
    """Check every answer that has a rule, in the order the rules are declared."""
    errors = (check_answer(name, answers.get(name), answers) for name in RULES)
    return [error for error in errors if error]


def check_raw_answers(given: Mapping[str, Any], defaults: Mapping[str, Any]) -> list[AnswerError]:
    """Reject answers given as Jinja (on the command line, say) before they are trusted.

    cookiecutter renders a value given on its command line as a template, so the
    rendered answer no longer shows the expression. ``given`` holds the values as
    given, ``defaults`` those of cookiecutter.json; a value that differs from its
    default and holds Jinja syntax is refused.
    """
    return [
        AnswerError(name, value, "plain text: cookiecutter would evaluate Jinja syntax in it")
        for name, value in given.items()
        if not name.startswith("_") and value != defaults.get(name) and has_jinja(value)
    ]
