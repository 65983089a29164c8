"""Every answer rule's limits and messages, written down by hand.

The expected values here are not computed from the rules: each boundary (the
first and last allowed value, the first refused) and each message is stated as
a literal, so a loosened pattern, an off-by-one comparison or a changed message
fails a test. The limits come from AWS's documented quotas (lambda-facts.md).
"""

from __future__ import annotations

from typing import Any

import pytest

from lambda_starter.answer_rules import applies, check_answer, check_raw_answers

API = {"trigger": "http-api", "api_auth": "jwt", "secrets": "ssm", "latency": "provisioned"}
VPC = {"vpc": True}
SCHEDULE = {"trigger": "schedule"}
EVENTBRIDGE = {"trigger": "eventbridge"}
S3 = {"trigger": "s3"}
SQS = {"trigger": "sqs"}
KINESIS = {"trigger": "kinesis", "aws_region": "eu-west-1"}
STREAM_ARN = "arn:aws:kinesis:eu-west-1:123456789012:stream/"

SLUG = (
    "3-32 characters of lowercase ASCII letters, digits and single hyphens, "
    "starting with a letter and not ending with a hyphen (e.g. orders-service)"
)
PACKAGE = (
    "a Python package name of 3-40 characters: lowercase ASCII letters, "
    "digits and underscores, starting with a letter (e.g. orders_service)"
)
TAG = "a tag value of 1-256 characters: ASCII letters, digits, spaces and _ . : / = + - @"
EMAIL = "an e-mail address such as team@example.com"
SUBNETS = (
    "1-16 distinct ids such as subnet-0a1b2c3d4e5f67890,subnet-1a2b3c4d, separated by "
    "commas (ids of existing resources in the account and region you deploy to)"
)
SECURITY_GROUPS = (
    "1-5 distinct ids such as sg-0a1b2c3d4e5f67890, separated by commas "
    "(ids of existing resources in the account and region you deploy to)"
)
S3_KEY = (
    "empty, or S3 key characters safe in event filters "
    "(letters, digits and ! _ . * ' ( ) / -), not starting with /"
)
REGIONS = (
    "one of af-south-1, ap-east-1, ap-northeast-1, ap-northeast-2, ap-northeast-3, "
    "ap-south-1, ap-south-2, ap-southeast-1, ap-southeast-2, ap-southeast-3, "
    "ap-southeast-4, ca-central-1, ca-west-1, eu-central-1, eu-central-2, eu-north-1, "
    "eu-south-1, eu-south-2, eu-west-1, eu-west-2, eu-west-3, il-central-1, me-central-1, "
    "me-south-1, sa-east-1, us-east-1, us-east-2, us-west-1, us-west-2"
)

# (answer, refused value, other answers, exactly what the rule says is allowed)
MESSAGES: list[tuple[str, Any, dict[str, Any], str]] = [
    (
        "project_name",
        "",
        {},
        "non-empty single-line text of at most 64 characters, without Jinja syntax",
    ),
    ("project_slug", "Orders", {}, SLUG),
    ("package_name", "Orders", {}, PACKAGE),
    ("package_name", "lambda", {}, "a name that is not a Python keyword"),
    ("package_name", "match", {}, "a name that is not a Python keyword"),
    (
        "package_name",
        "asyncio",
        {},
        "a name that does not shadow a standard-library or AWS SDK module",
    ),
    (
        "package_name",
        "botocore",
        {},
        "a name that does not shadow a standard-library or AWS SDK module",
    ),
    (
        "description",
        "two\nlines",
        {},
        "single-line text of at most 256 characters, without Jinja syntax",
    ),
    (
        "author_name",
        " ",
        {},
        "non-empty single-line text of at most 100 characters, without Jinja syntax",
    ),
    ("author_email", "team@", {}, EMAIL),
    ("alarm_email", "team@", {}, f"{EMAIL}, or empty"),
    ("owner_team", "", {}, TAG),
    ("cost_center", "cc;1", {}, f"{TAG}, or empty"),
    (
        "permissions_boundary_arn",
        "arn:aws:iam::1234:policy/b",
        {},
        "empty, or an IAM policy ARN such as arn:aws:iam::123456789012:policy/boundary",
    ),
    ("aws_region", "eu-west-9", {}, REGIONS),
    ("memory_size", "127", {}, "a whole number of MB from 128 to 10240"),
    ("timeout", "0", SQS, "a whole number of seconds from 1 to 900"),
    (
        "timeout",
        "30",
        API,
        "at most 29 seconds for a function behind API Gateway, "
        "which ends the request after that whatever the function's timeout",
    ),
    ("ephemeral_storage", "511", {}, "a whole number of MB from 512 to 10240"),
    (
        "log_retention_days",
        "2",
        {},
        "one of the values CloudWatch Logs accepts: 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, "
        "180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
    ),
    (
        "jwt_issuer",
        "http://issuer.example.com",
        API,
        "the https:// URL of the token issuer, e.g. "
        "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf123",
    ),
    (
        "jwt_audience",
        "a b",
        API,
        "the audience the tokens carry (e.g. an app client id): 1-256 characters, no spaces",
    ),
    (
        "schedule_expression",
        "rate(0 minutes)",
        SCHEDULE,
        "rate(1 minute), rate(N minutes|hours|days) with N of 2 or more, "
        "or a six-field cron(...) expression",
    ),
    (
        "event_source",
        "com example",
        EVENTBRIDGE,
        "an event source of letters, digits, '.', '_' and '-', e.g. com.example.orders",
    ),
    (
        "event_source",
        "AWS.s3",
        EVENTBRIDGE,
        "a source of your own: the aws. prefix is reserved for events from AWS services",
    ),
    (
        "event_detail_type",
        "",
        EVENTBRIDGE,
        "non-empty single-line text of at most 128 characters, without Jinja syntax",
    ),
    (
        "event_bus_name",
        "bus/name",
        EVENTBRIDGE,
        "'default' or the name of an existing event bus (letters, digits, '.', '_', '-')",
    ),
    ("s3_prefix", "/in", S3, S3_KEY),
    ("s3_suffix", "a b", S3, S3_KEY),
    (
        "kinesis_stream_arn",
        "arn:aws:kinesis:us-east-1:123456789012:stream/orders",
        KINESIS,
        "empty (the stack creates the stream), or the ARN of a stream in eu-west-1, where the "
        "function runs, such as arn:aws:kinesis:eu-west-1:123456789012:stream/orders",
    ),
    (
        "secret_name",
        "/leading",
        API,
        "a secret or parameter name such as orders-service/webhook: letters, digits and "
        "/ _ + = . @ -, not starting with /",
    ),
    ("vpc_subnet_ids", "subnet-xyz", VPC, SUBNETS),
    ("vpc_security_group_ids", "sg-xyz", VPC, SECURITY_GROUPS),
    (
        "provisioned_concurrency",
        "1001",
        API,
        "a whole number of executions from 1 to 1000",
    ),
    (
        "data_store",
        "none",
        API,
        "dynamodb for the http-api trigger, whose example stores its data in the table",
    ),
    (
        "latency",
        "snapstart",
        {"ephemeral_storage": "513"},
        "on-demand or provisioned with ephemeral_storage=513: SnapStart supports at most "
        "512 MB of /tmp, so lower ephemeral_storage to use it",
    ),
]


@pytest.mark.parametrize(
    ("answer", "value", "others", "allowed"),
    MESSAGES,
    ids=[f"{answer}={value!r}" for answer, value, _, _ in MESSAGES],
)
def test_each_rule_says_exactly_what_is_allowed(answer, value, others, allowed):
    error = check_answer(answer, value, others)
    assert error is not None
    assert (error.answer, error.value, error.allowed) == (answer, value, allowed)
    assert str(error) == f"{answer}={value!r} is not allowed: {allowed}."


# (answer, other answers, the last accepted value below or at a limit, the first refused)
BOUNDARIES: list[tuple[str, dict[str, Any], Any, Any]] = [
    ("project_name", {}, "x" * 64, "x" * 65),
    ("project_slug", {}, "abc", "ab"),
    ("project_slug", {}, "a" * 32, "a" * 33),
    ("package_name", {}, "xyz", "xy"),
    ("package_name", {}, "a" * 40, "a" * 41),
    ("description", {}, "x" * 256, "x" * 257),
    ("author_name", {}, "x" * 100, "x" * 101),
    ("owner_team", {}, "t" * 256, "t" * 257),
    ("cost_center", {}, "c" * 256, "c" * 257),
    ("memory_size", {}, "128", "127"),
    ("memory_size", {}, "10240", "10241"),
    ("timeout", SQS, "1", "0"),
    ("timeout", SQS, "900", "901"),
    ("timeout", API, "29", "30"),
    ("ephemeral_storage", {}, "512", "511"),
    ("ephemeral_storage", {}, "10240", "10241"),
    ("jwt_issuer", API, "https://" + "a" * 2040, "https://" + "a" * 2041),
    ("jwt_audience", API, "a" * 256, "a" * 257),
    ("event_detail_type", EVENTBRIDGE, "d" * 128, "d" * 129),
    ("s3_prefix", S3, "p" * 1024, "p" * 1025),
    ("kinesis_stream_arn", KINESIS, STREAM_ARN + "s" * 128, STREAM_ARN + "s" * 129),
    ("kinesis_stream_arn", KINESIS, STREAM_ARN + "s", STREAM_ARN),
    ("provisioned_concurrency", API, "1", "0"),
    ("provisioned_concurrency", API, "1000", "1001"),
    ("latency", {"ephemeral_storage": "512"}, "snapstart", None),
    (
        "vpc_subnet_ids",
        VPC,
        ",".join(f"subnet-{n:08x}" for n in range(16)),
        ",".join(f"subnet-{n:08x}" for n in range(17)),
    ),
    (
        "vpc_security_group_ids",
        VPC,
        ",".join(f"sg-{n:08x}" for n in range(5)),
        ",".join(f"sg-{n:08x}" for n in range(6)),
    ),
]


@pytest.mark.parametrize(
    ("answer", "others", "accepted", "refused"),
    BOUNDARIES,
    ids=[f"{answer}-{len(str(accepted))}" for answer, _, accepted, _ in BOUNDARIES],
)
def test_limits_are_exact(answer, others, accepted, refused):
    assert check_answer(answer, accepted, others) is None
    if refused is not None:
        assert check_answer(answer, refused, others) is not None


def test_an_e_mail_address_is_at_most_254_characters():
    local = "a" * 64
    longest = f"{local}@{'b' * 63}.{'c' * 63}.{'d' * 57}.com"
    too_long = f"{local}@{'b' * 63}.{'c' * 63}.{'d' * 58}.com"
    assert (len(longest), len(too_long)) == (254, 255)
    assert check_answer("author_email", longest, {}) is None
    assert check_answer("author_email", too_long, {}) is not None
    assert check_answer("alarm_email", too_long, {}) is not None


@pytest.mark.parametrize(
    ("answer", "value"),
    [
        ("project_slug", "1orders"),  # a leading digit
        ("project_slug", "orders--service"),  # a double hyphen
        ("project_slug", "-orders"),
        ("package_name", "9orders"),
        ("package_name", "Orders_service"),
        ("jwt_issuer", "https://issuer.example.com/a b"),  # a space in the path
        ("jwt_issuer", "https://issuer.example.com/?tenant=1"),  # a query
        ("jwt_issuer", "https://issuer.example.com:http/"),
        ("event_source", "a" * 257),  # EventBridge allows 256 characters
        ("event_source", ".orders"),
        ("secret_name", "a//b"),
        ("secret_name", "s" * 257),
        ("vpc_subnet_ids", "subnet-0123abcd,subnet-0123abcd"),  # a duplicate
        ("vpc_subnet_ids", "subnet-0123abc"),  # 7 hex digits
        ("vpc_subnet_ids", ", ,"),
        ("vpc_security_group_ids", "sg-0123ABCD"),
        ("alarm_email", "ops@example.com "),
        ("log_retention_days", "4"),
        ("permissions_boundary_arn", "arn:aws:iam::123456789012:role/boundary"),
    ],
)
def test_characters_and_shapes_outside_a_rule_are_refused(value, answer):
    others = {"trigger": "eventbridge", "api_auth": "jwt", "secrets": "ssm", "vpc": True}
    others |= {"trigger": "http-api"} if answer == "jwt_issuer" else {}
    assert check_answer(answer, value, others) is not None


@pytest.mark.parametrize(
    ("answer", "value"),
    [
        ("project_slug", "a1-b2-c3"),
        ("event_source", "a" * 256),
        ("event_source", "Com.Example_Orders-2"),
        ("jwt_issuer", "https://login.example.com:8443/tenant-1/v2.0"),
        ("secret_name", "team/service+hook=1@v.2_x"),
        ("secret_name", "s" * 256),
        ("vpc_subnet_ids", " subnet-0a1b2c3d4e5f67890 , subnet-1a2b3c4d "),
        ("vpc_security_group_ids", "sg-0a1b2c3d"),
        ("cost_center", ""),
        ("permissions_boundary_arn", ""),
        ("permissions_boundary_arn", "arn:aws-us-gov:iam::aws:policy/PowerUserAccess"),
        ("s3_suffix", "!_.*'()/-aZ9"),
        ("event_bus_name", "orders.bus_1-a"),
        ("kinesis_stream_arn", "arn:aws-cn:kinesis:eu-west-1:123456789012:stream/Orders.v2_a-1"),
    ],
)
def test_every_allowed_character_class_is_accepted(answer, value):
    others = {"trigger": "eventbridge", "api_auth": "jwt", "secrets": "ssm", "vpc": True}
    others |= KINESIS if answer == "kinesis_stream_arn" else {}
    others |= {"trigger": "http-api"} if answer == "jwt_issuer" else {}
    others |= {"trigger": "s3"} if answer == "s3_suffix" else {}
    assert check_answer(answer, value, others) is None


def test_when_each_answer_applies_with_the_other_answers_missing():
    """Defaults where an answer is missing: alarms on, no secret, no VPC, no trigger."""
    assert applies("alarm_email", {})
    assert not applies("alarm_email", {"alarms": "no"})
    assert not applies("secret_name", {})
    assert applies("secret_name", {"secrets": "secretsmanager"})
    assert not applies("vpc_subnet_ids", {})
    assert applies("vpc_security_group_ids", {"vpc": "yes"})
    assert not applies("schedule_expression", {})
    assert not applies("schedule_expression", {"trigger": "sqs"})
    assert applies("schedule_expression", {"trigger": "schedule"})
    assert applies("event_bus_name", {"trigger": "eventbridge"})
    assert applies("kinesis_stream_arn", {"trigger": "kinesis"})
    assert not applies("kinesis_stream_arn", {"trigger": "dynamodb-stream"})
    assert not applies("jwt_issuer", {"api_auth": "jwt"})
    assert applies("no_such_answer", {})  # an answer without a rule is always asked


def test_rule_of_an_answer_that_does_not_apply_is_not_run():
    assert check_answer("secret_name", "/bad", {}) is None
    assert check_answer("secret_name", "/bad", {"secrets": "ssm"}) is not None


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({"description": "{{ 7*7 }}"}, [("description", "{{ 7*7 }}")]),
        ({"owner_team": "{% if 1 %}x{% endif %}"}, [("owner_team", "{% if 1 %}x{% endif %}")]),
        ({"owner_team": "{# note #}"}, [("owner_team", "{# note #}")]),
        # The template's own defaults hold Jinja on purpose.
        ({"project_slug": "{{ cookiecutter.project_name | lower }}"}, []),
        # Private entries are the template's, not the user's.
        ({"_extensions": "{{ x }}"}, []),
        ({"description": "plain text"}, []),
    ],
)
def test_jinja_in_a_given_answer_is_refused(given, expected):
    defaults = {"project_slug": "{{ cookiecutter.project_name | lower }}", "description": ""}
    errors = check_raw_answers(given, defaults)
    assert [(error.answer, error.value) for error in errors] == expected
    assert all(
        error.allowed == "plain text: cookiecutter would evaluate Jinja syntax in it"
        for error in errors
    )
