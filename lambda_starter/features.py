"""What a set of answers switches on in the generated project.

The one place that derives features from answers: the templates (through the
Jinja extension), the hooks, the questionnaire and the tests all ask here, so a
rule such as "idempotency applies to event triggers only" is written once.
Standard library only: the hooks import it outside any virtualenv.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

API_TRIGGERS = frozenset({"http-api"})
# Triggers for which Lambda invokes the function asynchronously: failures are
# retried by Lambda and then sent to the function's OnFailure destination.
ASYNC_TRIGGERS = frozenset({"s3", "eventbridge", "schedule"})
EVENT_TRIGGERS = frozenset({"sqs"}) | ASYNC_TRIGGERS
# The sample event in events/ that `make invoke` and `make tune` send, per trigger.
SAMPLE_EVENTS = {
    "http-api": "get_item.json",
    "sqs": "orders_batch.json",
    "schedule": "scheduled_run.json",
    "eventbridge": "order_placed.json",
    "s3": "object_created.json",
}


def truthy(value: Any) -> bool:
    """Interpret a cookiecutter boolean answer, which may arrive as text from the CLI."""
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "y", "on"}
    return bool(value)


@dataclass(frozen=True)
class Features:
    """The capabilities of one generated project."""

    trigger: str
    table: bool
    idempotency: bool
    secrets: str
    latency: str
    vpc: bool
    api_auth: str
    alarms: bool
    kms: bool
    subnet_ids: tuple[str, ...] = ()
    security_group_ids: tuple[str, ...] = ()

    @property
    def api(self) -> bool:
        return self.trigger in API_TRIGGERS

    @property
    def asynchronous(self) -> bool:
        return self.trigger in ASYNC_TRIGGERS

    @property
    def sample_event(self) -> str:
        return SAMPLE_EVENTS[self.trigger]

    @property
    def published_versions(self) -> bool:
        """SnapStart and provisioned concurrency both run a published version via an alias."""
        return self.latency in {"snapstart", "provisioned"}

    @property
    def dynamodb_client(self) -> bool:
        return self.table or self.idempotency

    @property
    def aws_clients(self) -> tuple[str, ...]:
        """The boto3 clients the function creates at import, in a stable order."""
        clients = []
        if self.dynamodb_client:
            clients.append("dynamodb")
        if self.trigger == "s3":
            clients.append("s3")
        if self.secrets != "none":
            clients.append(self.secrets)
        return tuple(clients)

    @property
    def moto_services(self) -> tuple[str, ...]:
        """The moto extras the generated tests need."""
        services = set(self.aws_clients)
        if self.trigger == "sqs":
            services.add("sqs")
        return tuple(sorted(services))


def split_ids(value: Any) -> tuple[str, ...]:
    """The ids in a comma-separated answer, without surrounding spaces or empty entries."""
    if not isinstance(value, str):
        return ()
    return tuple(part.strip() for part in value.split(",") if part.strip())


def features_of(answers: Mapping[str, Any]) -> Features:
    """Derive the features of the project generated from ``answers``."""
    trigger = answers["trigger"]
    vpc = truthy(answers["vpc"])
    return Features(
        trigger=trigger,
        table=answers["data_store"] == "dynamodb",
        idempotency=(truthy(answers["idempotency"]) and trigger in EVENT_TRIGGERS)
        # An API that notifies a webhook after writing must not notify twice for one request.
        or (trigger in API_TRIGGERS and answers["secrets"] != "none"),
        secrets=answers["secrets"],
        latency=answers["latency"],
        vpc=vpc,
        api_auth=answers["api_auth"] if trigger in API_TRIGGERS else "none",
        alarms=truthy(answers["alarms"]),
        kms=truthy(answers["kms_key"]),
        subnet_ids=split_ids(answers["vpc_subnet_ids"]) if vpc else (),
        security_group_ids=split_ids(answers["vpc_security_group_ids"]) if vpc else (),
    )
