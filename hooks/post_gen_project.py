"""Finish the generated project: the chosen trigger's files, the cost model; no bytecode or
empty folders.

Cookiecutter renders the tree every project shares. The chosen trigger's own
files (its handler and business code, tests and sample events) live in its
folder, templates/triggers/<trigger>/project/, and are rendered here into the
project with the same Jinja environment and answers. Files of options that were
not chosen are never written (their names render empty); a folder that held
only such files is removed. pip byte-compiles the copy of the template that an
installed package carries, and cookiecutter copies what it finds: the
``__pycache__`` folders are removed too. Like the pre-generation hook, this
rendered copy deletes itself from the temporary folder.
"""

import json
import os
import shutil
from pathlib import Path

from cookiecutter.utils import create_env_with_context
from jinja2 import FileSystemLoader

PACKAGE_DIR = Path({{lambda_starter_dir() | tojson}})
TEMPLATES_DIR = Path({{template_dir() | tojson}}) / "templates"
ANSWERS = json.loads({{cookiecutter | tojson | tojson}})


def copy_cost_model(project: Path) -> None:
    """tools/lambda_cost.py is the template's own cost model, so both price alike."""
    shutil.copyfile(PACKAGE_DIR / "cost.py", project / "tools" / "lambda_cost.py")


def add_trigger_files(project: Path, answers: dict) -> None:
    """Render the chosen trigger's folder into the project, as cookiecutter renders the tree."""
    environment = create_env_with_context({"cookiecutter": answers})
    environment.loader = FileSystemLoader([str(TEMPLATES_DIR)])
    source_dir = TEMPLATES_DIR / "triggers" / answers["trigger"] / "project"
    # pip byte-compiles an installed copy of the template: its __pycache__ is not a template.
    sources = (path for path in source_dir.rglob("*") if "__pycache__" not in path.parts)
    for source in sorted(path for path in sources if path.is_file()):
        relative = source.relative_to(source_dir).as_posix()
        target = environment.from_string(relative).render(cookiecutter=answers)
        if not all(target.split("/")):  # a name that renders empty: an option not chosen
            continue
        template = environment.get_template(source.relative_to(TEMPLATES_DIR).as_posix())
        destination = project / target
        destination.parent.mkdir(parents=True, exist_ok=True)
        # Bytes: UTF-8 and "\n" line endings, whatever the platform's defaults.
        destination.write_bytes(template.render(cookiecutter=answers).encode("utf-8"))


def remove_bytecode(root: Path) -> None:
    """Remove every ``__pycache__`` folder under ``root``."""
    for cache in sorted(root.rglob("__pycache__")):
        if cache.is_dir():
            shutil.rmtree(cache)


def remove_empty_directories(root: Path) -> None:
    """Remove every directory under ``root`` that ends up with no files, deepest first."""
    for directory, _subdirectories, _files in os.walk(root, topdown=False):
        path = Path(directory)
        if path != root and not any(path.iterdir()):
            path.rmdir()


if __name__ == "__main__":
    Path(__file__).unlink(missing_ok=True)
    add_trigger_files(Path.cwd(), ANSWERS)
    copy_cost_model(Path.cwd())
    remove_bytecode(Path.cwd())
    remove_empty_directories(Path.cwd())
