"""The answer rules and the answers file they apply to."""

from __future__ import annotations

import subprocess
import sys

import pytest

from lambda_starter import answer_rules
from lambda_starter.answer_rules import (
    RULES,
    AnswerError,
    applies,
    check_answer,
    check_answers,
    check_project_slug,
    derive_slug,
    inapplicable,
    parse_int,
)
from tests.conftest import REPO_ROOT, TEMPLATE_CONTEXT

ANSWERS = [key for key in TEMPLATE_CONTEXT if not key.startswith("_")]
# The trigger under which a trigger-specific answer applies.
TRIGGER_OF = {
    "schedule_expression": "schedule",
    "event_source": "eventbridge",
    "event_detail_type": "eventbridge",
    "event_bus_name": "eventbridge",
    "s3_prefix": "s3",
    "s3_suffix": "s3",
    "kinesis_stream_arn": "kinesis",
}


def default_answers() -> dict[str, object]:
    """The answers ``--no-input`` gives, rendered as cookiecutter renders them."""
    from cookiecutter.generate import generate_context
    from cookiecutter.prompt import prompt_for_config

    context = generate_context(str(REPO_ROOT / "cookiecutter.json"))
    return dict(prompt_for_config(context, no_input=True))


def test_every_answer_has_a_prompt_and_every_choice_a_label():
    prompts = TEMPLATE_CONTEXT["__prompts__"]
    assert set(prompts) == set(ANSWERS)
    for answer in ANSWERS:
        default = TEMPLATE_CONTEXT[answer]
        if isinstance(default, list):
            assert prompts[answer]["__prompt__"]
            assert set(prompts[answer]) - {"__prompt__"} == set(default), answer
        else:
            assert isinstance(prompts[answer], str)
            assert prompts[answer].strip()


def test_every_rule_checks_a_real_answer():
    assert set(RULES) <= set(ANSWERS)


def test_defaults_pass_every_rule():
    assert check_answers(default_answers()) == []


def test_profiles_cover_every_workload_choice():
    assert set(TEMPLATE_CONTEXT["_workload_profiles"]) == set(TEMPLATE_CONTEXT["workload"])


@pytest.mark.parametrize(
    ("value", "expected"),
    [("256", 256), (" 30 ", 30), (512, 512), ("1e3", None), ("٣", None), (True, None), (2.5, None)],
)
def test_parse_int_accepts_only_ascii_whole_numbers(value, expected):
    assert parse_int(value) == expected


@pytest.mark.parametrize(
    ("answer", "value"),
    [
        ("project_slug", "orders-service"),
        ("project_slug", "a1-b2"),
        ("package_name", "orders_service"),
        ("package_name", "match_maker"),
        ("aws_region", "eu-central-1"),
        ("memory_size", "128"),
        ("memory_size", 10240),
        ("timeout", "29"),
        ("timeout", 1),
        ("log_retention_days", "3653"),
        ("alarm_email", ""),
        ("alarm_email", "ops+alerts@mail.example.co.uk"),
        ("owner_team", "Platform Team / EU"),
        ("description", ""),
        ("ephemeral_storage", "10240"),
        ("schedule_expression", "rate(1 minute)"),
        ("schedule_expression", "rate(15 minutes)"),
        ("schedule_expression", "cron(0 8 * * ? *)"),
        ("event_source", "com.example.orders"),
        ("event_bus_name", "default"),
        ("s3_prefix", ""),
        ("s3_prefix", "incoming/2026/"),
        ("kinesis_stream_arn", ""),
        ("kinesis_stream_arn", "arn:aws:kinesis:us-east-1:210987654321:stream/orders"),
        ("secret_name", "orders-service/webhook"),
        ("provisioned_concurrency", "1"),
    ],
)
def test_accepted_values(answer, value):
    answers = {"trigger": TRIGGER_OF.get(answer, "http-api"), "secrets": "ssm"}
    answers |= {"aws_region": "us-east-1"}
    answers |= {"latency": "provisioned", "api_auth": "jwt"}
    assert check_answer(answer, value, answers) is None


@pytest.mark.parametrize(
    ("answer", "value"),
    [
        ("project_name", ""),
        ("project_name", "line\nbreak"),
        ("project_slug", "ab"),
        ("project_slug", "a" * 41),
        ("project_slug", "orders-"),
        ("project_slug", "ordérs"),
        ("package_name", "1orders"),
        ("package_name", "boto3"),
        ("package_name", "_private"),
        ("aws_region", "US-EAST-1"),
        ("memory_size", "127"),
        ("memory_size", None),
        ("timeout", "-5"),
        ("log_retention_days", "0"),
        ("author_email", "jane@localhost"),
        ("author_email", "jané@example.com"),
        ("author_name", "   "),
        ("description", "x" * 257),
        ("owner_team", ""),
        ("owner_team", 'team"quoted"'),
        ("ephemeral_storage", "256"),
        ("jwt_issuer", "http://issuer.example.com"),
        ("jwt_issuer", ""),
        ("jwt_audience", ""),
        ("schedule_expression", "rate(1 minutes)"),
        ("schedule_expression", "rate(5 minute)"),
        ("schedule_expression", "every 5 minutes"),
        ("event_source", "aws.s3"),
        ("event_source", "com example"),
        ("event_detail_type", ""),
        ("event_bus_name", "arn:aws:events:bus"),
        ("s3_prefix", "/incoming/"),
        ("s3_suffix", "a b"),
        ("kinesis_stream_arn", "orders"),
        ("kinesis_stream_arn", "arn:aws:kinesis:eu-west-1:123456789012:stream/orders"),
        ("kinesis_stream_arn", "arn:aws:sqs:us-east-1:123456789012:orders"),
        ("secret_name", "/orders/webhook"),
        ("provisioned_concurrency", "0"),
    ],
)
def test_rejected_values(answer, value):
    answers = {"trigger": TRIGGER_OF.get(answer, "http-api"), "secrets": "ssm"}
    answers |= {"aws_region": "us-east-1"}
    answers |= {"latency": "provisioned", "api_auth": "jwt"}
    error = check_answer(answer, value, answers)
    assert isinstance(error, AnswerError)
    assert error.answer == answer
    assert error.value == value
    assert str(error).startswith(f"{answer}={value!r} is not allowed: ")


def test_all_errors_are_reported_together():
    answers = default_answers() | {"memory_size": "1", "timeout": "1000"}
    assert [error.answer for error in check_answers(answers)] == ["memory_size", "timeout"]


@pytest.mark.subprocess
def test_rules_module_needs_only_the_standard_library():
    """The hook imports the rules outside any virtualenv: no third-party imports allowed."""
    code = (
        "import sys, lambda_starter.answer_rules; "
        "print(sorted(m for m in sys.modules "
        "if m != '__main__' and m.split('.')[0] not in sys.stdlib_module_names))"
    )
    result = subprocess.run(
        [sys.executable, "-S", "-E", "-s", "-c", code],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == (
        "['lambda_starter', 'lambda_starter.answer_rules', 'lambda_starter.features', "
        "'lambda_starter.triggers']"
    )


@pytest.mark.parametrize(
    ("answer", "value", "others"),
    [
        ("jwt_issuer", "not a url", {"trigger": "sqs", "api_auth": "jwt"}),
        ("jwt_issuer", "not a url", {"trigger": "http-api", "api_auth": "iam"}),
        ("schedule_expression", "never", {"trigger": "sqs"}),
        ("s3_prefix", "/bad", {"trigger": "schedule"}),
        ("kinesis_stream_arn", "orders", {"trigger": "dynamodb-stream"}),
        ("secret_name", "/bad", {"secrets": "none"}),
        ("provisioned_concurrency", "0", {"latency": "snapstart"}),
        ("timeout", "300", {"trigger": "sqs"}),
    ],
)
def test_answers_that_do_not_apply_are_not_checked(answer, value, others):
    assert check_answer(answer, value, others) is None


@pytest.mark.parametrize(
    ("answers", "answer", "allowed"),
    [
        ({"trigger": "http-api", "data_store": "none"}, "data_store", "dynamodb for the http-api"),
        (
            {"trigger": "sqs", "latency": "snapstart", "ephemeral_storage": "1024"},
            "latency",
            "SnapStart supports at most 512 MB",
        ),
        ({"trigger": "http-api", "timeout": "30"}, "timeout", "at most 29 seconds"),
    ],
)
def test_combinations_aws_rejects_are_rejected(answers, answer, allowed):
    error = check_answer(answer, answers[answer], answers)
    assert error is not None
    assert allowed in error.allowed


def test_applies_says_what_the_questionnaire_asks():
    api = {"trigger": "http-api", "api_auth": "none", "secrets": "none", "latency": "on-demand"}
    assert applies("api_auth", api)
    assert not applies("jwt_issuer", api)
    assert applies("jwt_issuer", api | {"api_auth": "jwt"})
    assert not applies("idempotency", api)
    assert applies("idempotency", api | {"trigger": "s3"})
    assert applies("idempotency", api | {"extra_functions": "sqs"})  # the API's worker
    assert not applies("idempotency", api | {"extra_functions": "nope"})
    assert not applies("provisioned_concurrency", api)
    assert applies("provisioned_concurrency", api | {"latency": "provisioned"})
    assert applies("secret_name", api | {"secrets": "ssm"})


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Orders Service", "orders-service"),
        ("Payments API v2.0", "payments-api-v2-0"),
        ("  Café Crème  ", "cafe-creme"),
        ("snake_case__name", "snake-case-name"),
        ("2024 Reports", "reports"),
        ("A" * 31 + " b", "a" * 31),
        ("x" * 40, "x" * 32),
        # Too few letters for a valid slug: the plain form, which the rule names.
        ("2024", "2024"),
        (" Ab ", "ab"),
        ("a_b", "a-b"),
        (" 9 x ", "9-x"),
        ("9_x", "9-x"),
    ],
)
def test_the_slug_a_name_gives_follows_the_slug_rule(name, slug):
    assert derive_slug(name) == slug
    assert (check_project_slug(slug, {}) is None) == (len(slug) >= 3 and slug[0].isalpha())


@pytest.mark.subprocess
def test_cookiecutter_derives_the_slug_with_the_same_rule(tmp_path):
    subprocess.run(
        [sys.executable, "-m", "cookiecutter", "--no-input", str(REPO_ROOT),
         "--output-dir", str(tmp_path), "project_name=Payments API v2.0"],
        check=True,
        capture_output=True,
    )  # fmt: skip
    assert (tmp_path / "payments-api-v2-0" / "src" / "payments_api_v2_0").is_dir()


@pytest.mark.parametrize(
    ("answer", "others", "reason"),
    [
        ("api_auth", {"trigger": "sqs"}, "only with trigger http-api"),
        ("schedule_expression", {"trigger": "s3"}, "only with trigger schedule"),
        ("jwt_issuer", {"trigger": "http-api", "api_auth": "iam"}, "only with api_auth=jwt"),
        (
            "idempotency",
            {"trigger": "http-api"},
            "only with a trigger that delivers events: sqs, schedule, eventbridge, s3, kinesis, "
            "dynamodb-stream",
        ),
        ("secret_name", {"secrets": "none"}, "only with secrets=secretsmanager or ssm"),
        ("provisioned_concurrency", {"latency": "snapstart"}, "only with latency=provisioned"),
        ("vpc_subnet_ids", {"vpc": False}, "only with vpc=yes"),
        ("alarm_email", {"alarms": "no"}, "only with alarms=yes"),
        ("memory_size", {"trigger": "sqs"}, None),
        ("api_auth", {"trigger": "http-api"}, None),
        ("jwt_audience", {"trigger": "http-api", "api_auth": "jwt"}, None),
    ],
)
def test_inapplicable_says_which_answer_an_answer_depends_on(answer, others, reason):
    assert inapplicable(answer, others) == reason


def test_a_kinesis_stream_arn_that_is_not_text_is_refused_with_the_rule():
    refusal = answer_rules.check_kinesis_stream_arn(42, {"aws_region": "eu-west-1"})
    assert refusal is not None
    assert "arn:aws:kinesis:eu-west-1:123456789012:stream/orders" in refusal


def test_an_unknown_trigger_makes_no_conditional_answer_apply():
    """The trigger rule reports the unknown trigger; the others must not fail on it."""
    assert applies("idempotency", {"trigger": "nope"}) is False
    assert applies("api_auth", {"trigger": "nope"}) is False


def test_an_answer_two_triggers_ask_names_both(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setitem(answer_rules.TRIGGER_ANSWERS, "s3_prefix", frozenset({"sqs", "s3"}))
    assert inapplicable("s3_prefix", {"trigger": "http-api"}) == "only with trigger s3 or sqs"
