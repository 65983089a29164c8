"""What each set of answers switches on, derived in one place."""

from __future__ import annotations

import pytest

from lambda_starter.features import features_of, truthy

BASE = {
    "trigger": "http-api",
    "data_store": "dynamodb",
    "idempotency": True,
    "secrets": "none",
    "latency": "on-demand",
    "vpc": False,
    "api_auth": "iam",
    "alarms": True,
    "kms_key": False,
}


@pytest.mark.parametrize(
    ("value", "expected"),
    [(True, True), (False, False), ("yes", True), ("no", False), ("True", True), ("0", False)],
)
def test_truthy_reads_cookiecutter_booleans(value, expected):
    assert truthy(value) is expected


def test_idempotency_applies_to_event_triggers_only():
    assert not features_of(BASE).idempotency
    assert features_of(BASE | {"trigger": "sqs"}).idempotency
    assert not features_of(BASE | {"trigger": "sqs", "idempotency": "no"}).idempotency


def test_api_auth_is_ignored_without_an_api():
    assert features_of(BASE).api_auth == "iam"
    assert features_of(BASE | {"trigger": "s3"}).api_auth == "none"


@pytest.mark.parametrize(
    ("overrides", "clients"),
    [
        ({}, ("dynamodb",)),
        ({"trigger": "schedule", "data_store": "none", "idempotency": False}, ()),
        ({"trigger": "schedule", "data_store": "none"}, ("dynamodb",)),
        ({"trigger": "s3", "data_store": "none", "idempotency": False}, ("s3",)),
        ({"trigger": "s3", "secrets": "ssm"}, ("dynamodb", "s3", "ssm")),
        ({"secrets": "secretsmanager"}, ("dynamodb", "secretsmanager")),
    ],
)
def test_aws_clients_follow_what_the_code_calls(overrides, clients):
    assert features_of(BASE | overrides).aws_clients == clients


def test_sqs_tests_need_moto_sqs_even_without_an_sqs_client():
    features = features_of(BASE | {"trigger": "sqs", "data_store": "none", "idempotency": False})
    assert features.aws_clients == ()
    assert features.moto_services == ("sqs",)


@pytest.mark.parametrize(
    ("trigger", "asynchronous"),
    [("http-api", False), ("sqs", False), ("s3", True), ("eventbridge", True), ("schedule", True)],
)
def test_asynchronous_triggers(trigger, asynchronous):
    assert features_of(BASE | {"trigger": trigger}).asynchronous is asynchronous


def test_published_versions_for_snapstart_and_provisioned():
    assert not features_of(BASE).published_versions
    assert features_of(BASE | {"latency": "snapstart"}).published_versions
    assert features_of(BASE | {"latency": "provisioned"}).published_versions


def test_every_trigger_has_its_sample_event_in_the_template():
    from lambda_starter.features import SAMPLE_EVENTS
    from tests.conftest import REPO_ROOT, TEMPLATE_CONTEXT

    assert set(SAMPLE_EVENTS) == set(TEMPLATE_CONTEXT["trigger"])
    events = REPO_ROOT / "{{cookiecutter.project_slug}}" / "events"
    names = {path.name for path in events.iterdir()}
    for trigger, event in SAMPLE_EVENTS.items():
        assert f"{{% if cookiecutter.trigger == '{trigger}' %}}{event}{{% endif %}}" in names
