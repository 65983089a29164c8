"""The triggers a generated function can have, and what the rest of the template needs to know.

One entry per trigger, keyed by the name the ``trigger`` answer takes in
cookiecutter.json. Everything else about a trigger (its handler and business
code, tests, sample events, CloudFormation and README sections) lives in its
folder, ``templates/triggers/<name>/``. The templates, the features, the
security checks, the answer rules, the questionnaire and the tests read this
registry; none of them keeps a table of its own, and the templates branch on
the invocation model, not on trigger names.

Standard library only: the hooks import it outside any virtualenv.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Invocation(StrEnum):
    """How Lambda invokes the function, which decides where a failure goes."""

    # The caller waits and gets the error (API Gateway answers 5xx); nothing is retried.
    SYNCHRONOUS = "synchronous"
    # Lambda queues the event, retries it twice, then sends it to the OnFailure destination.
    ASYNCHRONOUS = "asynchronous"
    # An event source mapping polls a queue; a failed message returns to it and is redriven.
    QUEUE = "queue"
    # An event source mapping reads a stream shard in order; a failed batch is bisected,
    # retried, and what still fails goes to the mapping's OnFailure destination.
    STREAM = "stream"


@dataclass(frozen=True)
class InvocationModel:
    """What every trigger invoked one way shares: its failure path and how it is justified."""

    invocation: Invocation
    # Queues at the end of the failure path, declared by templates/invocations/<model>.yaml.
    failure_queues: tuple[str, ...]
    # Why the function itself has no dead-letter queue (checkov CKV_AWS_116); None if it has.
    # "{prefix}" stands for the logical-id prefix of the function (empty for the main one).
    failure_mechanism: str | None


MODELS = {
    model.invocation: model
    for model in (
        InvocationModel(Invocation.SYNCHRONOUS, ("FunctionDeadLetterQueue",), None),
        InvocationModel(
            Invocation.ASYNCHRONOUS,
            ("FailureDestinationQueue",),
            "failed asynchronous events go to the EventInvokeConfig OnFailure destination "
            "({prefix}FailureDestinationQueue), which records the error as well",
        ),
        InvocationModel(
            Invocation.QUEUE,
            (),
            "SQS invokes through an event source mapping and the source queue's redrive "
            "policy moves failed messages to {prefix}SourceDeadLetterQueue",
        ),
        InvocationModel(
            Invocation.STREAM,
            ("StreamFailureQueue",),
            "the event source mapping bisects a failing batch, retries it a limited number "
            "of times and sends the records that still fail to its OnFailure destination "
            "({prefix}StreamFailureQueue)",
        ),
    )
}


@dataclass(frozen=True)
class Skip:
    """A checkov check a trigger's own resource skips, and when."""

    resource: str
    check: str
    # Empty for the check's usual reason (security_checks.REASONS).
    reason: str = ""
    # "always", or only with AWS managed keys ("aws-keys") or a customer managed key ("kms").
    when: str = "always"


@dataclass(frozen=True)
class ExtraFunction:
    """How a trigger's function sits beside the project's main function (extra_functions)."""

    # Its subpackage under the project's package (src/<package>/<module>/, its tests in
    # tests/unit/<module>/), and the prefix of every logical id its resources take.
    module: str
    prefix: str
    # The main triggers it can join. A pair is listed only once the template generates it
    # and it passes every gate (tests/combinations.py declares each one).
    joins: tuple[str, ...]
    # What the function is, in the README's words.
    role: str
    # A main API function hands it work: an endpoint that answers 202 and sends the job to
    # this function's source queue (its trigger's first), which the API alone may write to,
    # with this boto3 client. Empty: the API sends it nothing.
    api_job_client: str = ""
    # It reacts to the main function's writes: its event source mapping reads the stream of
    # the stack's DataTable (which then records new and old images) instead of a source of
    # its own, and its role may read that stream only, never write the table.
    reads_data_table_stream: bool = False
    # Its own sample event in events/ when the trigger's does not fit it; "" for the trigger's.
    sample_event: str = ""


@dataclass(frozen=True)
class Trigger:
    """Everything outside its folder that the template needs to know about a trigger."""

    name: str
    invocation: Invocation
    # The event in events/ that `make invoke` and `make tune` send.
    sample_event: str
    # What identifies one unit of work for Powertools idempotency (JMESPath into its data),
    # and which fields must match for a repeat to count as the same work.
    idempotency_key: str
    # The workload profile the questionnaire suggests for it (cookiecutter.json's profiles).
    workload: str
    # What one unit of its load is, as the cost estimate counts it ("requests", "messages").
    load_unit: str
    payload_validation: str | None = None
    # Answers only this trigger asks (their rules are in answer_rules.py).
    answers: tuple[str, ...] = ()
    # The example stores what it makes in the data table, so the table cannot be left out.
    needs_data_store: bool = False
    # boto3 clients the trigger's code creates, and moto extras its tests need.
    aws_clients: tuple[str, ...] = ()
    moto_services: tuple[str, ...] = ()
    # Queues the trigger's own resources declare: the source it reads, the failure queues.
    source_queues: tuple[str, ...] = ()
    failure_queues: tuple[str, ...] = ()
    # Failure queues that keep SQS managed keys even with a customer managed key.
    sqs_managed_queues: tuple[str, ...] = ()
    # Tables the trigger's own resources declare that hold data worth keeping: like the data
    # table, retained with the stack and protected from deletion in prod.
    retained_tables: tuple[str, ...] = ()
    checkov_skips: tuple[Skip, ...] = ()
    # Fixtures of tests/unit/conftest.py that create the trigger's own resources.
    test_fixtures: tuple[str, ...] = ()
    # What the trigger's smoke test (project/tests/integration/ in its folder) does to the
    # deployed stack, in the README's words; CI runs it against dev after each deploy, with
    # the permissions its bootstrap.yaml grants the dev pipeline role.
    smoke_test: str = ""
    # The answer holding its schedule expression, which sets its load (runs a month).
    schedule_answer: str | None = None
    # The answer naming an existing Kinesis stream to read; left empty, the stack creates
    # an on-demand stream of its own, which the cost estimate prices.
    kinesis_stream_answer: str | None = None
    # How a function of this trigger joins a project whose main function has another
    # trigger (the extra_functions answer); None if it cannot.
    extra: ExtraFunction | None = None

    @property
    def model(self) -> InvocationModel:
        return MODELS[self.invocation]

    @property
    def all_failure_queues(self) -> tuple[str, ...]:
        """The queues at the end of every failure path: the model's, then the trigger's."""
        return self.model.failure_queues + self.failure_queues


SCHEDULER_QUEUE_KEYS = (
    "Encrypted with SQS managed keys: EventBridge Scheduler writes here with a role SAM "
    "generates, which cannot be granted the customer managed key; it holds schedule "
    "inputs only."
)
BUCKET_ACCESS_LOGS = (
    "Object access is audited with CloudTrail data events at the organisation "
    "level; server access logs would need a log bucket this stack does not own."
)

TRIGGERS: dict[str, Trigger] = {
    trigger.name: trigger
    for trigger in (
        Trigger(
            "http-api",
            Invocation.SYNCHRONOUS,
            sample_event="get_item.json",
            idempotency_key="idempotency_key",
            workload="api",
            load_unit="requests",
            payload_validation="[name, description]",
            answers=("api_auth", "jwt_issuer", "jwt_audience"),
            needs_data_store=True,
            checkov_skips=(Skip("HttpApiAccessLogGroup", "CKV_AWS_158", when="aws-keys"),),
            smoke_test="creates, reads, replaces and deletes an item through the API, and checks "
            "the 400 and 404 answers",
        ),
        Trigger(
            "sqs",
            Invocation.QUEUE,
            sample_event="orders_batch.json",
            idempotency_key="order_id",
            workload="data-processing",
            load_unit="messages",
            payload_validation="[customer_id, total_cents, currency]",
            moto_services=("sqs",),
            source_queues=("SourceQueue",),
            failure_queues=("SourceDeadLetterQueue",),
            smoke_test="sends one order to SourceQueue and waits for the function to log it "
            "processed",
            # Beside an HTTP API: the worker that processes the orders the API accepts.
            extra=ExtraFunction(
                "worker", "Worker", joins=("http-api",), role="queue worker", api_job_client="sqs"
            ),
        ),
        Trigger(
            "schedule",
            Invocation.ASYNCHRONOUS,
            sample_event="scheduled_run.json",
            idempotency_key="scheduled_time",
            workload="data-processing",
            load_unit="scheduled runs",
            answers=("schedule_expression",),
            schedule_answer="schedule_expression",
            failure_queues=("ScheduleDeadLetterQueue",),
            sqs_managed_queues=("ScheduleDeadLetterQueue",),
            checkov_skips=(
                Skip("ScheduleDeadLetterQueue", "CKV_AWS_27", SCHEDULER_QUEUE_KEYS, when="kms"),
            ),
            smoke_test="runs the job once through the live alias, with the input the scheduler "
            "sends, and waits for it to log the run completed",
            # Beside a queue worker: its maintenance job, on the same table and settings.
            extra=ExtraFunction(
                "maintenance",
                "Maintenance",
                joins=("sqs", "http-api"),
                role="scheduled maintenance job",
            ),
        ),
        Trigger(
            "eventbridge",
            Invocation.ASYNCHRONOUS,
            sample_event="order_placed.json",
            idempotency_key="order_id",
            workload="api",
            load_unit="events",
            payload_validation="[customer_id, total_cents, currency]",
            answers=("event_source", "event_detail_type", "event_bus_name"),
            failure_queues=("RuleDeadLetterQueue",),
            smoke_test="puts one matching order event on the bus and waits for the function to "
            "log it processed",
        ),
        Trigger(
            "s3",
            Invocation.ASYNCHRONOUS,
            sample_event="object_created.json",
            idempotency_key="[bucket, key, version]",
            workload="data-processing",
            load_unit="uploaded objects",
            answers=("s3_prefix", "s3_suffix"),
            aws_clients=("s3",),
            checkov_skips=(Skip("UploadsBucket", "CKV_AWS_18", BUCKET_ACCESS_LOGS),),
            test_fixtures=("uploads_bucket",),
            smoke_test="uploads one CSV file where the notification fires, waits for the "
            "function to log its summary, and deletes it",
        ),
        Trigger(
            "kinesis",
            Invocation.STREAM,
            sample_event="orders_stream.json",
            # Producers retry PutRecords and may write an order twice, under a new sequence
            # number: the order id makes the second one a duplicate.
            idempotency_key="order_id",
            workload="data-processing",
            load_unit="records",
            payload_validation="[customer_id, total_cents, currency]",
            # Empty: the stack creates the stream; else the ARN of an existing one.
            answers=("kinesis_stream_arn",),
            moto_services=("kinesis",),
            test_fixtures=("source_stream",),
            kinesis_stream_answer="kinesis_stream_arn",
            smoke_test="puts one order on the stack's stream (or, on a stream of another "
            "team's, invokes the live alias with a record of its own) and waits for the "
            "function to log it processed",
        ),
        Trigger(
            "dynamodb-stream",
            Invocation.STREAM,
            sample_event="order_changes.json",
            # Each change is work of its own: a later modification of an order is not a
            # repeat of its insert, so the key is the stream record, not the order.
            idempotency_key="sequence_number",
            workload="data-processing",
            load_unit="table changes",
            moto_services=("dynamodb", "dynamodbstreams"),
            retained_tables=("SourceTable",),
            checkov_skips=(Skip("SourceTable", "CKV_AWS_119", when="aws-keys"),),
            smoke_test="writes one order to SourceTable, waits for the function to log the "
            "change processed, and deletes the order",
            # Beside an HTTP API: the consumer of the item changes the API writes.
            extra=ExtraFunction(
                "changes",
                "Changes",
                joins=("http-api",),
                role="item change consumer",
                reads_data_table_stream=True,
                sample_event="item_changes.json",
            ),
        ),
    )
}


def trigger_of(answers: Mapping[str, Any]) -> Trigger:
    """The trigger a set of answers chose (``answers["trigger"]``)."""
    return TRIGGERS[answers["trigger"]]


def extras_for(main: str) -> tuple[str, ...]:
    """The triggers whose function can be added beside a main function of trigger ``main``."""
    return tuple(
        trigger.name
        for trigger in TRIGGERS.values()
        if trigger.extra is not None and main in trigger.extra.joins
    )
