"""Which version of the template a copy is: its git commit, or the one recorded at build time.

A git checkout of the template answers for itself (``HEAD``, ``git describe``, its
origin). A copy that is not a checkout (the one a built package carries, an sdist)
has the answer written beside its cookiecutter.json when it was built, in ``RECORD``.
Standard library only: setup.py uses it.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lambda_starter.template_tree import BUNDLE, PACKAGE, PARTS, package_dir

RECORD = "template-version.json"
# Where a generated project's .cookiecutter.json keeps the record of its template.
ANSWERS_KEY = "_template"
# Answers recorded only when given a value: a project that leaves them empty records the
# same answers as before the template had them (and cookiecutter's default fills them in).
RECORDED_WHEN_SET = ("extra_functions",)
DISTRIBUTION = "lambda-starter"
# The paths whose changes change what the template generates: the tree and the code it runs.
SOURCES = (*PARTS, PACKAGE)
# Fixed, so every clone names a commit alike (git's default grows with the repository).
ABBREV = 12


@dataclass(frozen=True)
class TemplateVersion:
    """A template copy's commit, its ``git describe`` name and where it comes from."""

    version: str
    commit: str
    source: str
    modified: bool = False

    def record(self) -> dict[str, object]:
        """What a generated project keeps: enough to find the template and the commit again."""
        kept: dict[str, object] = {"commit": self.commit, "source": self.source}
        if self.modified:
            kept["modified"] = True
        return kept

    def describe(self) -> str:
        changes = " with uncommitted changes" if self.modified else ""
        return f"{self.version}{changes} (commit {self.commit}, from {self.source})"


def of_template(root: Path) -> TemplateVersion | None:
    """The version of the template at ``root``, or ``None`` when nothing says."""
    return from_git(root) or from_record(root)


def from_git(root: Path) -> TemplateVersion | None:
    """The version of ``root`` when it is the top of a git checkout (not inside another)."""
    top = _git(root, "rev-parse", "--show-toplevel")
    commit = _git(root, "rev-parse", "HEAD")
    if top is None or commit is None or Path(top).resolve() != root.resolve():
        return None
    version = _git(root, "describe", "--tags", "--always", f"--abbrev={ABBREV}") or commit
    origin = _git(root, "config", "--get", "remote.origin.url")
    changes = _git(root, "status", "--porcelain", "--", *SOURCES)
    source = normalise_source(origin) if origin else str(root.resolve())
    return TemplateVersion(version, commit, source, modified=bool(changes))


def from_record(root: Path) -> TemplateVersion | None:
    """The version written into a built copy; an installed copy's origin is what pip recorded."""
    try:
        fields = json.loads((root / RECORD).read_text(encoding="utf-8"))
        recorded = TemplateVersion(**fields)
    except (OSError, ValueError, TypeError):
        return None
    if root.resolve() == package_dir() / BUNDLE:
        installed = installed_from()
        if installed:
            return TemplateVersion(recorded.version, recorded.commit, installed, recorded.modified)
    return recorded


def write_record(source: Path, destination: Path) -> TemplateVersion | None:
    """Record the version of the template at ``source`` in the copy at ``destination``."""
    version = of_template(source)
    if version is not None:
        text = json.dumps(asdict(version), indent=2, sort_keys=True) + "\n"
        (destination / RECORD).write_text(text, encoding="utf-8")
    return version


def installed_from() -> str | None:
    """The git repository this package was installed from, as pip or uv wrote it (PEP 610)."""
    try:
        direct_url = metadata.distribution(DISTRIBUTION).read_text("direct_url.json")
        origin = json.loads(direct_url or "{}")
    except (metadata.PackageNotFoundError, ValueError):
        return None
    if origin.get("vcs_info", {}).get("vcs") != "git":
        return None
    return normalise_source(origin["url"])


def normalise_source(url: str) -> str:
    """A local path or ``file://`` URL as an absolute path (as cruft keeps it); other URLs as is."""
    parts = urlsplit(url)
    if parts.scheme == "file":
        return str(Path(unquote(parts.netloc + parts.path)).resolve())
    if "://" in url or ":" in url.split("/", 1)[0]:  # a URL, or scp-like user@host:path
        return url
    return str(Path(url).resolve())


def _git(root: Path, *args: str) -> str | None:
    """Run git in ``root``: its output, or ``None`` when git fails or is missing."""
    environment = os.environ | {"GIT_OPTIONAL_LOCKS": "0"}  # read only: take no index lock
    try:
        result = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            check=False,
            env=environment,
        )
    except OSError:
        return None
    return result.stdout.strip() if result.returncode == 0 else None
