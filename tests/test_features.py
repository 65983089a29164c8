"""What each set of answers switches on, derived in one place."""

from __future__ import annotations

from dataclasses import replace

import pytest

from lambda_starter.features import (
    Features,
    extra_functions_of,
    features_of,
    project_features,
    split_ids,
    truthy,
)
from tests.conftest import TEMPLATE_CONTEXT

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
    "vpc_subnet_ids": "",
    "vpc_security_group_ids": "",
}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (True, True),
        (False, False),
        (1, True),
        (0, False),
        *[(spelling, True) for spelling in ("1", "true", "yes", "y", "on", " YES ", "On", "Y")],
        *[(spelling, False) for spelling in ("0", "false", "no", "n", "off", "", "maybe", "2")],
    ],
)
def test_truthy_reads_cookiecutter_booleans(value, expected):
    assert truthy(value) is expected


@pytest.mark.parametrize(
    ("value", "ids"),
    [
        ("subnet-a, subnet-b,,subnet-c ", ("subnet-a", "subnet-b", "subnet-c")),
        ("sg-a sg-b", ("sg-a sg-b",)),  # commas separate ids, spaces do not
        ("", ()),
        (None, ()),
    ],
)
def test_split_ids_reads_a_comma_separated_answer(value, ids):
    assert split_ids(value) == ids


def test_every_feature_of_a_fully_optioned_queue_consumer():
    answers = BASE | {
        "trigger": "sqs",
        "secrets": "secretsmanager",
        "latency": "provisioned",
        "vpc": "yes",
        "vpc_subnet_ids": "subnet-0a1b2c3d, subnet-1a2b3c4d",
        "vpc_security_group_ids": "sg-0a1b2c3d",
        "alarms": "no",
        "kms_key": "yes",
    }
    assert features_of(answers) == Features(
        trigger="sqs",
        table=True,
        idempotency=True,
        secrets="secretsmanager",
        latency="provisioned",
        vpc=True,
        api_auth="none",
        alarms=False,
        kms=True,
        subnet_ids=("subnet-0a1b2c3d", "subnet-1a2b3c4d"),
        security_group_ids=("sg-0a1b2c3d",),
    )


def test_network_ids_count_only_in_a_vpc():
    answers = BASE | {"vpc_subnet_ids": "subnet-0a1b2c3d", "vpc_security_group_ids": "sg-1"}
    features = features_of(answers)
    assert (features.vpc, features.subnet_ids, features.security_group_ids) == (False, (), ())


def test_an_api_that_notifies_a_webhook_is_idempotent_whatever_the_answer():
    assert features_of(BASE | {"secrets": "ssm", "idempotency": "no"}).idempotency
    assert not features_of(
        BASE | {"trigger": "sqs", "secrets": "ssm", "idempotency": "no"}
    ).idempotency


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


@pytest.mark.parametrize(
    ("overrides", "tables"),
    [
        ({}, ("DataTable",)),
        ({"trigger": "schedule", "data_store": "none"}, ()),
        ({"trigger": "dynamodb-stream"}, ("DataTable", "SourceTable")),
        ({"trigger": "dynamodb-stream", "data_store": "none"}, ("SourceTable",)),
        ({"trigger": "kinesis", "data_store": "none"}, ()),
    ],
)
def test_tables_of_data_worth_keeping_are_protected_in_prod(overrides, tables):
    features = features_of(BASE | overrides)
    assert features.protected_tables == tables
    assert features.deletion_protection is bool(tables)


@pytest.mark.parametrize(
    ("trigger", "stream"),
    [("kinesis", True), ("dynamodb-stream", True), ("sqs", False), ("s3", False)],
)
def test_stream_triggers(trigger, stream):
    features = features_of(BASE | {"trigger": trigger})
    assert features.stream is stream
    others = (features.api, features.queue, features.asynchronous)
    assert others.count(True) == (0 if stream else 1)


# The data-processing profile of cookiecutter.json, which the schedule trigger suggests.
MAINTENANCE_JOB = {
    "trigger": "schedule",
    "extra_functions": "",
    "workload": "data-processing",
    "memory_size": "1024",
    "timeout": "300",
    "ephemeral_storage": "1024",
    "latency": "on-demand",
    "_function": {
        "module": "maintenance",
        "prefix": "Maintenance",
        "role": "scheduled maintenance job",
    },
}


def test_an_extra_function_renders_with_its_triggers_profile_and_its_own_names():
    answers = {
        **TEMPLATE_CONTEXT,
        "trigger": "sqs",
        "extra_functions": " schedule ,",
        "workload": "api",
        "memory_size": "256",
        "timeout": "10",
        "ephemeral_storage": "512",
        "latency": "provisioned",
    }
    assert extra_functions_of(answers) == [answers | MAINTENANCE_JOB]


def test_no_extra_function_without_the_answer():
    assert extra_functions_of({**TEMPLATE_CONTEXT, "extra_functions": ""}) == []
    assert (
        extra_functions_of({k: v for k, v in TEMPLATE_CONTEXT.items() if k != "extra_functions"})
        == []
    )


def test_a_trigger_that_cannot_join_is_refused_by_name():
    with pytest.raises(ValueError, match=r"^a kinesis function cannot be an extra function$"):
        extra_functions_of({**TEMPLATE_CONTEXT, "trigger": "sqs", "extra_functions": "kinesis"})


def test_an_extra_functions_features_carry_its_names_and_imports():
    job = features_of(BASE | {"trigger": "schedule", "_function": MAINTENANCE_JOB["_function"]})
    assert (job.prefix, job.module) == ("Maintenance", "maintenance")
    assert (job.shared_import, job.subpackage) == ("..", ".maintenance")
    main = features_of(BASE)
    assert (main.prefix, main.module, main.shared_import, main.subpackage) == ("", "", ".", "")


PROJECT = TEMPLATE_CONTEXT | BASE | {"api_auth": "none", "workload": "api"}


def test_an_api_with_a_worker_sends_it_jobs_on_its_source_queue():
    api = features_of(PROJECT | {"extra_functions": "schedule, sqs"})
    assert (api.job_worker, api.job_queue, api.job_module) == (
        "sqs",
        "WorkerSourceQueue",
        "worker",
    )
    assert api.aws_clients == ("dynamodb", "sqs")
    assert api.moto_services == ("dynamodb", "sqs")
    # A maintenance job takes no jobs from the API; an event trigger sends none.
    assert features_of(PROJECT | {"extra_functions": "schedule"}).job_worker == ""
    worker_main = PROJECT | {"trigger": "sqs", "extra_functions": "schedule"}
    assert features_of(worker_main).job_worker == ""
    assert [features_of(extra).job_worker for extra in extra_functions_of(worker_main)] == [""]


def test_the_project_shares_the_tables_and_clients_any_function_uses():
    answers = PROJECT | {"extra_functions": "sqs", "secrets": "ssm", "idempotency": "no"}
    # The API is idempotent because it notifies a webhook; its worker, asked not to be, is not.
    (worker,) = extra_functions_of(answers)
    assert (features_of(answers).idempotency, features_of(worker).idempotency) == (True, False)
    shared = project_features(answers)
    assert (shared.table, shared.idempotency) == (True, True)
    assert shared.aws_clients == ("dynamodb", "sqs", "ssm")
    plain = PROJECT | {"extra_functions": "sqs"}
    assert (features_of(plain).idempotency, project_features(plain).idempotency) == (False, True)


def test_a_function_alone_is_its_project():
    for answers in (PROJECT, PROJECT | {"trigger": "s3", "data_store": "none", "secrets": "ssm"}):
        alone, shared = features_of(answers), project_features(answers)
        assert replace(shared, other_clients=()) == alone
        assert shared.aws_clients == alone.aws_clients


def test_an_api_s_writes_can_have_a_consumer_that_reads_the_data_table_s_stream():
    answers = PROJECT | {"extra_functions": "sqs, dynamodb-stream"}
    api = features_of(answers)
    assert (api.table_consumer, api.table_consumer_module, api.table_consumer_prefix) == (
        "dynamodb-stream",
        "changes",
        "Changes",
    )
    assert (api.stream, api.stream_batches, api.reads_data_table_stream) == (False, True, False)
    assert project_features(answers).table_consumer == "dynamodb-stream"
    worker, consumer = (features_of(extra) for extra in extra_functions_of(answers))
    assert (worker.reads_data_table_stream, consumer.reads_data_table_stream) == (False, True)
    # Only the main function knows its consumer; the consumer reads no stream of its own.
    assert (worker.table_consumer, consumer.table_consumer) == ("", "")
    # A write to the table would invoke the consumer again: it has none, the others keep it.
    assert (api.table, worker.table, consumer.table) == (True, True, False)
    assert consumer.dynamodb_client  # its idempotency records
    assert (consumer.sample_event, worker.sample_event) == (
        "item_changes.json",
        "orders_batch.json",
    )


@pytest.mark.parametrize("extras", ["", "sqs", "schedule", "kinesis"])
def test_no_consumer_reads_the_data_table_s_stream_without_one(extras: str):
    api = features_of(PROJECT | {"extra_functions": extras})
    assert (api.table_consumer, api.stream_batches) == ("", False)


def test_the_stream_trigger_as_the_main_function_keeps_its_source_table():
    alone = features_of(PROJECT | {"trigger": "dynamodb-stream"})
    assert (alone.reads_data_table_stream, alone.table, alone.stream_batches) == (
        False,
        True,
        True,
    )
    assert alone.sample_event == "order_changes.json"
    assert [skip.resource for skip in alone.checkov_skips] == ["SourceTable"]
    (consumer,) = extra_functions_of(PROJECT | {"extra_functions": "dynamodb-stream"})
    assert features_of(consumer).checkov_skips == ()
    # Other triggers keep every skip of theirs.
    api = features_of(PROJECT)
    assert [skip.resource for skip in api.checkov_skips] == ["HttpApiAccessLogGroup"]


def test_the_data_table_is_the_project_s_when_one_function_writes_it():
    """The API's change consumer may not write the table it reads; the API does."""
    answers = PROJECT | {"extra_functions": "dynamodb-stream"}
    (consumer,) = extra_functions_of(answers)
    assert (features_of(answers).table, features_of(consumer).table) == (True, False)
    assert project_features(answers).table is True
    assert project_features(answers).table_consumer == "dynamodb-stream"
