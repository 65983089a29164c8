{%- set f = project_features(cookiecutter) -%}
"""Settings fail fast on a broken environment and type the optional values."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from {{ cookiecutter.package_name }}.settings import REQUIRED_VARIABLES, SettingsError, load_settings

SRC_DIR = Path(__file__).resolve().parents[2] / "src"
COMPLETE = {name: f"value-of-{name.lower()}" for name in REQUIRED_VARIABLES}


def test_every_missing_variable_is_named_in_one_error():
    with pytest.raises(SettingsError) as raised:
        load_settings({REQUIRED_VARIABLES[0]: ""})
    assert str(raised.value) == "Missing required environment variables: " + ", ".join(
        REQUIRED_VARIABLES
    )


def test_required_values_are_read():
    settings = load_settings(COMPLETE)
    assert settings.service_name == "value-of-powertools_service_name"
{%- if f.table %}
    assert settings.table_name == "value-of-table_name"
{%- endif %}
{%- if f.job_worker %}
    assert settings.worker_queue_url == "value-of-worker_queue_url"
{%- endif %}
{%- if f.aws_clients or f.secrets != "none" %}


def test_optional_values_have_typed_defaults():
    settings = load_settings(COMPLETE)
{%- if f.aws_clients %}
    assert settings.aws_connect_timeout_seconds == 1.0
    assert settings.aws_read_timeout_seconds == 2.0
    assert settings.aws_max_attempts == 3
    assert isinstance(settings.aws_max_attempts, int)
{%- endif %}
{%- if f.secrets != "none" %}
    assert settings.secret_max_age_seconds == 300
    assert settings.webhook_timeout_seconds == 3.0
{%- endif %}
{%- endif %}
{%- if f.aws_clients %}


def test_optional_values_are_read_and_converted():
    settings = load_settings(
        COMPLETE | {"AWS_READ_TIMEOUT_SECONDS": "0.5", "AWS_MAX_ATTEMPTS": "5"}
    )
    assert (settings.aws_read_timeout_seconds, settings.aws_max_attempts) == (0.5, 5)


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("AWS_MAX_ATTEMPTS", "three", "AWS_MAX_ATTEMPTS='three' is not a valid int"),
        ("AWS_MAX_ATTEMPTS", "2.5", "AWS_MAX_ATTEMPTS='2.5' is not a valid int"),
        ("AWS_READ_TIMEOUT_SECONDS", "-1", "AWS_READ_TIMEOUT_SECONDS='-1' must be greater"),
    ],
)
def test_invalid_optional_value_is_rejected(name, value, message):
    with pytest.raises(SettingsError, match=message):
        load_settings(COMPLETE | {name: value})
{%- endif %}


def test_cold_start_stops_when_required_variables_are_missing():
    environment = {key: value for key, value in os.environ.items() if key not in REQUIRED_VARIABLES}
    environment["PYTHONPATH"] = str(SRC_DIR)
    result = subprocess.run(
        [sys.executable, "-c", "import {{ cookiecutter.package_name }}.handler"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    expected = "Missing required environment variables: " + ", ".join(REQUIRED_VARIABLES)
    assert f"SettingsError: {expected}" in result.stderr
