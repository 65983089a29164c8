"""The template's files: which paths of the repository are the template, and where a copy is.

The repository root is the template (``cookiecutter .``, ``cruft create``). A built
package carries a copy of the same paths inside itself, in ``lambda_starter/_template``,
made by setup.py at build time: there is one tree in git, and the copy cannot drift
from the commit it was built from. Standard library only, as setup.py loads this file.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

# The paths that make the template, relative to its root. ``templates`` holds the
# partials that ``{% import %}`` and ``{% include %}`` find through cookiecutter's
# Jinja loader ('.' and '../templates' from the project folder); it may be absent.
PARTS = ("cookiecutter.json", "hooks", "{{cookiecutter.project_slug}}", "templates")
PACKAGE = "lambda_starter"
# The folder of a built package that holds its copy of the template.
BUNDLE = "_template"
# Never part of the template, wherever they turn up (an interpreter writes them).
JUNK = ("__pycache__", ".pyc")


def package_dir() -> Path:
    """This package's folder."""
    return Path(__file__).resolve().parent


def default_template() -> Path | None:
    """The template this package renders: its built copy, or the checkout it lives in."""
    bundle = package_dir() / BUNDLE
    for root in (bundle, package_dir().parent):
        if (root / "cookiecutter.json").is_file():
            return root
    return None


def find_root(start: Path) -> Path | None:
    """The template root at ``start`` or just above it.

    cookiecutter renders the hooks from the template's root and the files from its
    project folder, one level down; either way this finds the template in use.
    """
    for candidate in (start, start.parent):
        if (candidate / "cookiecutter.json").is_file():
            return candidate
    return None


def package_of(root: Path) -> Path | None:
    """The ``lambda_starter`` package that belongs to the template at ``root``.

    A checkout has it beside ``cookiecutter.json``; a built copy sits inside it.
    """
    beside = root / PACKAGE
    if (beside / "__init__.py").is_file():
        return beside
    if (
        root.name == BUNDLE
        and root.parent.name == PACKAGE
        and (root.parent / "__init__.py").exists()
    ):
        return root.parent
    return None


def template_files(root: Path) -> Iterator[Path]:
    """Every file of the template at ``root``, relative to it, sorted."""
    for part in PARTS:
        path = root / part
        candidates = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in candidates:
            relative = file.relative_to(root)
            if file.is_file() and not any(_is_junk(name) for name in relative.parts):
                yield relative


def copy_template(source: Path, destination: Path) -> None:
    """Copy the template's files at ``source`` into ``destination`` (made if missing)."""
    for relative in template_files(source):
        target = destination / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / relative, target)


def _is_junk(name: str) -> bool:
    return name == JUNK[0] or name.endswith(JUNK[1])
