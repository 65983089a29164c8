"""Configuration read from the environment once, when the function starts.

Required variables fail fast: a missing one stops the cold start with a single
error that lists every missing name, instead of a KeyError on the first request
that happens to need it. Secrets never come from here; they belong in Secrets
Manager or Parameter Store.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

REQUIRED_VARIABLES = ("TABLE_NAME", "POWERTOOLS_SERVICE_NAME", "POWERTOOLS_METRICS_NAMESPACE")


class SettingsError(RuntimeError):
    """The environment does not describe a runnable function."""


@dataclass(frozen=True)
class Settings:
    """Typed view of the function's environment."""

    table_name: str
    service_name: str
    metrics_namespace: str
    aws_connect_timeout_seconds: float
    aws_read_timeout_seconds: float
    aws_max_attempts: int


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
        table_name=environ["TABLE_NAME"],
        service_name=environ["POWERTOOLS_SERVICE_NAME"],
        metrics_namespace=environ["POWERTOOLS_METRICS_NAMESPACE"],
        aws_connect_timeout_seconds=_positive_number(
            environ, "AWS_CONNECT_TIMEOUT_SECONDS", float, 1.0
        ),
        aws_read_timeout_seconds=_positive_number(environ, "AWS_READ_TIMEOUT_SECONDS", float, 2.0),
        aws_max_attempts=_positive_number(environ, "AWS_MAX_ATTEMPTS", int, 3),
    )


settings = load_settings()
