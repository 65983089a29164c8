"""The organisation's defaults: which file applies, the answers it sets and those it fixes.

The file is a cookiecutter user config (examples/org-defaults.yaml): ``default_context``
holds the answers offered as defaults, which the plain ``cookiecutter`` command reads
too, and ``fixed_answers`` names those of them that teams cannot change. The first
file found is used, in this order: ``--config-file``, ``$LAMBDA_STARTER_CONFIG``,
``lambda-starter/config.yaml`` in the user's config folder (``$XDG_CONFIG_HOME``, by
default ``~/.config``), then cookiecutter's own ``$COOKIECUTTER_CONFIG`` and
``~/.cookiecutterrc``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from lambda_starter.features import truthy

ENV_VAR = "LAMBDA_STARTER_CONFIG"
FIXED_KEY = "fixed_answers"


class ConfigError(Exception):
    """The organisation's config file is missing, unreadable or inconsistent."""


@dataclass(frozen=True)
class OrgConfig:
    """The config file in use (if any), how it was found, and what it sets."""

    path: Path | None
    found_by: str
    defaults: dict[str, Any] = field(default_factory=dict)
    fixed: dict[str, Any] = field(default_factory=dict)

    @property
    def config_file(self) -> str | None:
        """The file to hand to cookiecutter, which reads its ``default_context``."""
        return str(self.path) if self.path else None

    def check_names(self, answer_names: Iterable[str]) -> None:
        """Every fixed answer must be one of the template's answers."""
        known = list(answer_names)
        unknown = sorted(set(self.fixed) - set(known))
        if unknown:
            raise ConfigError(
                f"{self.path}: {FIXED_KEY} names unknown answers {', '.join(unknown)}; "
                f"known: {', '.join(sorted(known))}"
            )

    def with_fixed(
        self, given: Mapping[str, Any], given_in: str, is_flag: Callable[[str], bool]
    ) -> dict[str, Any]:
        """``given`` plus the fixed answers; a given answer that contradicts one is an error."""
        for name, fixed in self.fixed.items():
            if name in given and not same_answer(given[name], fixed, flag=is_flag(name)):
                raise ConfigError(
                    f"{name}={given[name]!r} in {given_in} contradicts "
                    f"{name}={fixed!r} fixed by {self.path}"
                )
        return {**given, **self.fixed}

    def describe(self) -> str:
        """What ``--show-config`` prints: the file, how it was found, what it sets."""
        if self.path is None:
            return (
                "Organisation defaults: none found (looked for --config-file, "
                f"${ENV_VAR}, {user_config_file()}, $COOKIECUTTER_CONFIG, "
                "~/.cookiecutterrc); the template's own defaults apply."
            )
        lines = [f"Organisation defaults: {self.path} (found through {self.found_by})"]
        lines.append("Answers it sets (fixed ones cannot be changed):" if self.defaults else "")
        for name, value in self.defaults.items():
            shown = value if isinstance(value, str) else json.dumps(value)
            lines.append(f"  {name}: {shown}{'  (fixed)' if name in self.fixed else ''}")
        return "\n".join(line for line in lines if line)


def same_answer(left: Any, right: Any, *, flag: bool) -> bool:
    """Whether two spellings of an answer say the same (``yes`` and ``true`` for a flag)."""
    return truthy(left) == truthy(right) if flag else str(left) == str(right)


def user_config_file(environ: Mapping[str, str] | None = None) -> Path:
    """``lambda-starter/config.yaml`` in the user's config folder."""
    environ = os.environ if environ is None else environ
    base = environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "lambda-starter" / "config.yaml"


def find_config(
    explicit: str | None, environ: Mapping[str, str] | None = None
) -> tuple[Path | None, str]:
    """The first config file of the documented places, and which place it was."""
    environ = os.environ if environ is None else environ
    places: list[tuple[str | Path | None, str, bool]] = [
        (explicit, "--config-file", True),
        (environ.get(ENV_VAR), f"${ENV_VAR}", True),
        (user_config_file(environ), "the user config folder", False),
        (environ.get("COOKIECUTTER_CONFIG"), "$COOKIECUTTER_CONFIG", True),
        (Path.home() / ".cookiecutterrc", "~/.cookiecutterrc", False),
    ]
    for place, found_by, named in places:
        if not place:
            continue
        path = Path(place).expanduser()
        if path.is_file():
            return path, found_by
        if named:  # a file the user named must exist
            raise ConfigError(f"{found_by} names {path}, which is not a file")
    return None, ""


def load_org_config(
    explicit: str | None = None, environ: Mapping[str, str] | None = None
) -> OrgConfig:
    """Find and read the organisation's config; an absent one sets nothing."""
    path, found_by = find_config(explicit, environ)
    if path is None:
        return OrgConfig(None, found_by)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        reason = " ".join(str(error).split())
        raise ConfigError(f"cannot read {path}: {reason}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping with default_context and {FIXED_KEY}")
    defaults = data.get("default_context") or {}
    if not isinstance(defaults, dict):
        raise ConfigError(f"{path}: default_context must map answer names to values")
    names = data.get(FIXED_KEY) or []
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        raise ConfigError(f"{path}: {FIXED_KEY} must be a list of answer names")
    unset = [name for name in names if name not in defaults]
    if unset:
        raise ConfigError(
            f"{path}: {FIXED_KEY} names {', '.join(unset)}, which default_context does not set"
        )
    return OrgConfig(path, found_by, dict(defaults), {name: defaults[name] for name in names})
