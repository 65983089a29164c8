{%- set f = project_features(cookiecutter) -%}
"""Configuration read from the environment once, when the function starts.

Required variables fail fast: a missing one stops the cold start with a single
error that lists every missing name, instead of a KeyError on the first request
that happens to need it. Secrets never come from here:
{%- if f.secrets != "none" %} the environment holds the
secret's name, and notifications.py reads the value at run time.
{%- else %} the environment holds
names and numbers only.
{%- endif %}
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

REQUIRED_VARIABLES = (
{%- if f.table %}
    "TABLE_NAME",
{%- endif %}
{%- if f.idempotency %}
    "IDEMPOTENCY_TABLE_NAME",
{%- endif %}
{%- if f.job_worker %}
    "WORKER_QUEUE_URL",
{%- endif %}
{%- if f.secrets != "none" %}
    "SECRET_NAME",
{%- endif %}
    "POWERTOOLS_SERVICE_NAME",
    "POWERTOOLS_METRICS_NAMESPACE",
)


class SettingsError(RuntimeError):
    """The environment does not describe a runnable function."""


@dataclass(frozen=True)
class Settings:
    """Typed view of the function's environment."""
{% if f.table %}
    table_name: str
{%- endif %}
{%- if f.idempotency %}
    idempotency_table_name: str
{%- endif %}
{%- if f.job_worker %}
    worker_queue_url: str
{%- endif %}
{%- if f.secrets != "none" %}
    secret_name: str
    secret_max_age_seconds: int
    webhook_timeout_seconds: float
{%- endif %}
    service_name: str
    metrics_namespace: str
{%- if f.aws_clients %}
    aws_connect_timeout_seconds: float
    aws_read_timeout_seconds: float
    aws_max_attempts: int
{%- endif %}


def _positive_number[N: (int, float)](
    environ: Mapping[str, str], name: str, kind: type[N], default: N
) -> N:
    raw = environ.get(name, "")
    if raw == "":
        return default
    try:
        value = kind(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not a valid {kind.__name__}") from None
    if value <= 0:
        raise SettingsError(f"{name}={raw!r} must be greater than zero")
    return value


def load_settings(environ: Mapping[str, str] = os.environ) -> Settings:
    """Build :class:`Settings` from ``environ``, reporting every missing variable at once."""
    missing = [name for name in REQUIRED_VARIABLES if not environ.get(name)]
    if missing:
        raise SettingsError("Missing required environment variables: " + ", ".join(missing))
    return Settings(
{%- if f.table %}
        table_name=environ["TABLE_NAME"],
{%- endif %}
{%- if f.idempotency %}
        idempotency_table_name=environ["IDEMPOTENCY_TABLE_NAME"],
{%- endif %}
{%- if f.job_worker %}
        worker_queue_url=environ["WORKER_QUEUE_URL"],
{%- endif %}
{%- if f.secrets != "none" %}
        secret_name=environ["SECRET_NAME"],
        secret_max_age_seconds=_positive_number(environ, "SECRET_MAX_AGE_SECONDS", int, 300),
        webhook_timeout_seconds=_positive_number(environ, "WEBHOOK_TIMEOUT_SECONDS", float, 3.0),
{%- endif %}
        service_name=environ["POWERTOOLS_SERVICE_NAME"],
        metrics_namespace=environ["POWERTOOLS_METRICS_NAMESPACE"],
{%- if f.aws_clients %}
        aws_connect_timeout_seconds=_positive_number(
            environ, "AWS_CONNECT_TIMEOUT_SECONDS", float, 1.0
        ),
        aws_read_timeout_seconds=_positive_number(environ, "AWS_READ_TIMEOUT_SECONDS", float, 2.0),
        aws_max_attempts=_positive_number(environ, "AWS_MAX_ATTEMPTS", int, 3),
{%- endif %}
    )


settings = load_settings()
