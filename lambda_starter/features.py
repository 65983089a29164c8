"""What a set of answers switches on in the generated project.

The one place that derives features from answers: the templates (through the
Jinja extension), the hooks, the questionnaire and the tests all ask here, so a
rule such as "idempotency applies to event triggers only" is written once. What
a trigger brings comes from the registry, lambda_starter/triggers.py.
Standard library only: the hooks import it outside any virtualenv.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from lambda_starter.triggers import TRIGGERS, ExtraFunction, Invocation, Skip, Trigger


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
    # An extra function's logical-id prefix and subpackage; empty for the main function.
    prefix: str = ""
    module: str = ""
    # The trigger of the worker an API function sends jobs to (extra_functions); "" for none.
    job_worker: str = ""
    # The trigger of the function that reads the data table's stream (extra_functions): the
    # table then records new and old images; "" for none.
    table_consumer: str = ""
    # Clients other functions of the project create too: the shared clients module has them.
    other_clients: tuple[str, ...] = ()

    @property
    def shared_import(self) -> str:
        """How the function's own modules import the package's shared ones (relative)."""
        return ".." if self.module else "."

    @property
    def subpackage(self) -> str:
        """The function's own modules' package, relative to the project's (".maintenance")."""
        return f".{self.module}" if self.module else ""

    @property
    def job_queue(self) -> str:
        """The logical id of the queue the function sends jobs to: its worker's source queue."""
        worker = TRIGGERS[self.job_worker]
        return worker.extra.prefix + worker.source_queues[0]

    @property
    def job_module(self) -> str:
        """The subpackage of the worker the function sends jobs to."""
        return TRIGGERS[self.job_worker].extra.module

    @property
    def table_consumer_module(self) -> str:
        """The subpackage of the function that reads the data table's stream."""
        return TRIGGERS[self.table_consumer].extra.module

    @property
    def table_consumer_prefix(self) -> str:
        """The logical-id prefix of the function that reads the data table's stream."""
        return TRIGGERS[self.table_consumer].extra.prefix

    @property
    def reads_data_table_stream(self) -> bool:
        """An extra function fed by the data table's stream, not by a source of its own."""
        return bool(self.module) and self.source.extra.reads_data_table_stream

    @property
    def stream_batches(self) -> bool:
        """Some function of the project reads a stream: the shared stream_batches module."""
        return self.stream or bool(self.table_consumer)

    @property
    def checkov_skips(self) -> tuple[Skip, ...]:
        """The trigger's skips on the resources the function declares.

        One that reads the data table's stream declares no source table of its own.
        """
        undeclared = self.source.retained_tables if self.reads_data_table_stream else ()
        return tuple(skip for skip in self.source.checkov_skips if skip.resource not in undeclared)

    @property
    def source(self) -> Trigger:
        """The trigger's entry in the registry."""
        return TRIGGERS[self.trigger]

    @property
    def invocation(self) -> Invocation:
        return self.source.invocation

    @property
    def api(self) -> bool:
        """Invoked synchronously, by an API whose caller waits for the answer."""
        return self.invocation is Invocation.SYNCHRONOUS

    @property
    def asynchronous(self) -> bool:
        return self.invocation is Invocation.ASYNCHRONOUS

    @property
    def queue(self) -> bool:
        return self.invocation is Invocation.QUEUE

    @property
    def stream(self) -> bool:
        return self.invocation is Invocation.STREAM

    @property
    def sample_event(self) -> str:
        """The event in events/ that `make invoke` and `make tune` send to the function."""
        own = self.source.extra.sample_event if self.module else ""
        return own or self.source.sample_event

    @property
    def protected_tables(self) -> tuple[str, ...]:
        """Tables of data worth keeping (data table, trigger's): retained, protected in prod."""
        return ("DataTable",) * self.table + self.source.retained_tables

    @property
    def deletion_protection(self) -> bool:
        return bool(self.protected_tables)

    @property
    def dynamodb_client(self) -> bool:
        return self.table or self.idempotency

    @property
    def aws_clients(self) -> tuple[str, ...]:
        """The boto3 clients the function creates at import, in a stable order."""
        clients = []
        if self.dynamodb_client:
            clients.append("dynamodb")
        clients += self.source.aws_clients
        if self.job_worker:
            clients.append(TRIGGERS[self.job_worker].extra.api_job_client)
        if self.secrets != "none":
            clients.append(self.secrets)
        clients += (client for client in self.other_clients if client not in clients)
        return tuple(clients)

    @property
    def moto_services(self) -> tuple[str, ...]:
        """The moto extras the generated tests need."""
        return tuple(sorted({*self.aws_clients, *self.source.moto_services}))


def split_ids(value: Any) -> tuple[str, ...]:
    """The ids in a comma-separated answer, without surrounding spaces or empty entries."""
    if not isinstance(value, str):
        return ()
    return tuple(part.strip() for part in value.split(",") if part.strip())


def extra_functions_of(answers: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The answers each extra function renders with: the project's, with its own trigger.

    Each takes the workload profile its trigger suggests (memory, timeout, /tmp, batches),
    runs on demand (SnapStart and provisioned concurrency are the main function's), and
    carries its subpackage and logical-id prefix under ``_function``.
    """
    functions = []
    for name in split_ids(answers.get("extra_functions")):
        trigger = TRIGGERS[name]
        if trigger.extra is None:
            raise ValueError(f"a {name} function cannot be an extra function")
        profile = answers["_workload_profiles"][trigger.workload]
        functions.append(
            {
                **answers,
                "trigger": name,
                "extra_functions": "",
                "workload": trigger.workload,
                "memory_size": str(profile["memory_size"]),
                # Extra functions are event-driven (no API joins another function yet).
                "timeout": str(profile["event_timeout"]),
                "ephemeral_storage": str(profile["ephemeral_storage"]),
                "latency": "on-demand",
                "_function": {
                    "module": trigger.extra.module,
                    "prefix": trigger.extra.prefix,
                    "role": trigger.extra.role,
                },
            }
        )
    return functions


def joined_by(answers: Mapping[str, Any], role: Callable[[ExtraFunction], object]) -> str:
    """The trigger of the first extra function whose registry entry plays ``role``; "" if none."""
    extras = (TRIGGERS[name] for name in split_ids(answers.get("extra_functions")))
    return next((extra.name for extra in extras if extra.extra and role(extra.extra)), "")


def job_worker_of(answers: Mapping[str, Any]) -> str:
    """The trigger of the worker an API function hands its jobs to; "" if it has none."""
    if TRIGGERS[answers["trigger"]].invocation is not Invocation.SYNCHRONOUS:
        return ""
    return joined_by(answers, lambda extra: extra.api_job_client)


def table_consumer_of(answers: Mapping[str, Any]) -> str:
    """The trigger of the function that reads the data table's stream; "" if none does."""
    return joined_by(answers, lambda extra: extra.reads_data_table_stream)


def features_of(answers: Mapping[str, Any]) -> Features:
    """Derive the features of one function of the project generated from ``answers``."""
    trigger = answers["trigger"]
    synchronous = TRIGGERS[trigger].invocation is Invocation.SYNCHRONOUS
    vpc = truthy(answers["vpc"])
    module = answers.get("_function", {}).get("module", "")
    # A consumer of the data table's stream must not write the table: each write would be a
    # change that invokes it again.
    consumer = bool(module) and TRIGGERS[trigger].extra.reads_data_table_stream
    return Features(
        trigger=trigger,
        table=answers["data_store"] == "dynamodb" and not consumer,
        idempotency=(truthy(answers["idempotency"]) and not synchronous)
        # An API that notifies a webhook after writing must not notify twice for one request.
        or (synchronous and answers["secrets"] != "none"),
        secrets=answers["secrets"],
        latency=answers["latency"],
        vpc=vpc,
        api_auth=answers["api_auth"] if synchronous else "none",
        alarms=truthy(answers["alarms"]),
        kms=truthy(answers["kms_key"]),
        subnet_ids=split_ids(answers["vpc_subnet_ids"]) if vpc else (),
        security_group_ids=split_ids(answers["vpc_security_group_ids"]) if vpc else (),
        prefix=answers.get("_function", {}).get("prefix", ""),
        module=module,
        job_worker=job_worker_of(answers),
        table_consumer=table_consumer_of(answers),
    )


def project_features(answers: Mapping[str, Any]) -> Features:
    """What the package's shared modules and resources serve: every function of the project.

    The main function's features, with the data table, idempotency and AWS clients any of
    its functions uses: shared settings, clients and tables are made once, for all of them.
    For a project of one function, its features.
    """
    main = features_of(answers)
    functions = [main, *(features_of(extra) for extra in extra_functions_of(answers))]
    clients = [client for function in functions for client in function.aws_clients]
    return replace(
        main,
        table=any(function.table for function in functions),
        idempotency=any(function.idempotency for function in functions),
        other_clients=tuple(dict.fromkeys(clients)),
    )
