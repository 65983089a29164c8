"""samconfig.toml's environments, read as `sam deploy --config-env` reads them.

One place for the stack name, region, artifact prefix and parameter overrides of
an environment, and for the rule that merges overrides given on the command line
into samconfig's: `sam deploy --parameter-overrides` on its own replaces the whole
list, so `AlarmEmail=...` would silently drop `Stage=prod`.
"""

from __future__ import annotations

import re
import shlex
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
SAMCONFIG = PROJECT_DIR / "samconfig.toml"
BUILT_TEMPLATE = PROJECT_DIR / ".aws-sam" / "build" / "template.yaml"


class ConfigError(ValueError):
    """samconfig.toml or an argument does not say what a deploy needs."""


@dataclass(frozen=True)
class Environment:
    """One `[name]` environment of samconfig.toml."""

    name: str
    stack_name: str
    region: str
    s3_prefix: str
    parameter_overrides: dict[str, str] = field(default_factory=dict)

    @property
    def bootstrap_stack_name(self) -> str:
        """The stack of deploy/bootstrap.yaml that serves this environment."""
        return f"{self.stack_name}-pipeline"

    @property
    def github_environment(self) -> str:
        """The GitHub environment whose jobs deploy here: `default` is dev."""
        return "dev" if self.name == "default" else self.name


def parse_overrides(text: str) -> dict[str, str]:
    """`Key=Value` pairs, separated by spaces and quoted as in a shell, in order."""
    pairs: dict[str, str] = {}
    for item in shlex.split(text):
        key, separator, value = item.partition("=")
        if not separator or not key.isalnum():
            raise ConfigError(
                f"parameter override {item!r} is not Key=Value (a template parameter name, "
                "'=', then the value; quote values with spaces)"
            )
        pairs[key] = value
    return pairs


def _quoted(value: str) -> str:
    """A value as the SAM CLI reads it: bare when it can be, else in double quotes."""
    if value and not re.search(r"[\s\"'\\]", value):
        return value
    if "\\" in value:
        raise ConfigError(f"parameter value {value!r} has a backslash, which SAM cannot pass on")
    return '"' + value.replace('"', '\\"') + '"'


def format_overrides(pairs: dict[str, str]) -> str:
    """The pairs as one `--parameter-overrides` value, which parse_overrides reads back."""
    return " ".join(f"{key}={_quoted(value)}" for key, value in pairs.items())


def merge_overrides(configured: dict[str, str], given: dict[str, str]) -> dict[str, str]:
    """samconfig's overrides with those given on the command line on top, key by key."""
    return configured | given


def environment(name: str, path: Path = SAMCONFIG) -> Environment:
    """The environment ``name`` of samconfig.toml, or a ConfigError naming the ones it has."""
    config = tomllib.loads(path.read_text())
    environments = sorted(key for key, value in config.items() if isinstance(value, dict))
    if name not in environments:
        raise ConfigError(
            f"samconfig.toml has no environment {name!r}; it has {', '.join(environments)}"
        )
    settings = config[name]
    deploy = settings.get("deploy", {}).get("parameters", {})
    try:
        return Environment(
            name=name,
            stack_name=settings["global"]["parameters"]["stack_name"],
            region=settings["global"]["parameters"]["region"],
            s3_prefix=deploy["s3_prefix"],
            parameter_overrides=parse_overrides(deploy.get("parameter_overrides", "")),
        )
    except KeyError as missing:
        raise ConfigError(f"samconfig.toml environment {name!r} does not set {missing}") from None
