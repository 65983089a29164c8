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
from jinja2 import Environment, FileSystemLoader

PACKAGE_DIR = Path({{lambda_starter_dir() | tojson}})
TEMPLATES_DIR = Path({{template_dir() | tojson}}) / "templates"
# The package's folder in the template tree, and the modules of it that each function has
# its own of (an extra function in its subpackage), named as the tree names them: in Jinja,
# rendered with each function's answers. They hold what identifies the function's work.
PROJECT_TREE = Path({{template_dir() | tojson}}, "{{ '{{cookiecutter.project_slug}}' }}")
PACKAGE_TEMPLATE = PROJECT_TREE / "src" / "{{ '{{cookiecutter.package_name}}' }}"
IDEMPOTENCY = "{{ '{% if features(cookiecutter).idempotency %}' }}idempotency.py{{ '{% endif %}' }}"
PER_FUNCTION_MODULES = (IDEMPOTENCY,)
ANSWERS = json.loads({{cookiecutter | tojson | tojson}})
# The answers each extra function renders with (lambda_starter.features.extra_functions_of).
EXTRA_FUNCTIONS = json.loads({{extra_functions_of(cookiecutter) | tojson | tojson}})


def copy_cost_model(project: Path) -> None:
    """tools/lambda_cost.py is the template's own cost model, so both price alike."""
    shutil.copyfile(PACKAGE_DIR / "cost.py", project / "tools" / "lambda_cost.py")


def template_environment(answers: dict) -> Environment:
    """The Jinja environment cookiecutter renders the tree with, loading from templates/."""
    environment = create_env_with_context({"cookiecutter": answers})
    environment.loader = FileSystemLoader([str(TEMPLATES_DIR)])
    return environment


def add_trigger_files(project: Path, answers: dict) -> None:
    """Render the chosen trigger's folder into the project, as cookiecutter renders the tree.

    An extra function's code and unit tests go to its own subpackage (``answers["_function"]``
    names it); its sample events join the main function's.
    """
    environment = template_environment(answers)
    source_dir = TEMPLATES_DIR / "triggers" / answers["trigger"] / "project"
    module = answers.get("_function", {}).get("module")
    # pip byte-compiles an installed copy of the template: its __pycache__ is not a template.
    sources = (path for path in source_dir.rglob("*") if "__pycache__" not in path.parts)
    for source in sorted(path for path in sources if path.is_file()):
        relative = source.relative_to(source_dir).as_posix()
        target = environment.from_string(relative).render(cookiecutter=answers)
        if not all(target.split("/")):  # a name that renders empty: an option not chosen
            continue
        if module:
            target = extra_function_path(target, answers["package_name"], module)
            if target is None:
                continue
        template = environment.get_template(source.relative_to(TEMPLATES_DIR).as_posix())
        destination = project / target
        destination.parent.mkdir(parents=True, exist_ok=True)
        # Bytes: UTF-8 and "\n" line endings, whatever the platform's defaults.
        destination.write_bytes(template.render(cookiecutter=answers).encode("utf-8"))


def extra_function_path(target: str, package: str, module: str) -> str | None:
    """Where an extra function's file goes: its code and unit tests in ``module`` folders.

    None for its deployed-stack smoke test: tests/integration/ checks the main function.
    """
    parts = target.split("/")
    if parts[:2] in (["src", package], ["tests", "unit"]):
        return "/".join([*parts[:2], module, *parts[2:]])
    if parts[:2] == ["tests", "integration"]:
        return None
    return target


def add_extra_function_package(project: Path, answers: dict) -> None:
    """Make an extra function's folders packages, with its own modules of the package's."""
    module, role = answers["_function"]["module"], answers["_function"]["role"]
    package = project / "src" / answers["package_name"] / module
    docstrings = {
        package: f"The {role}: its handler and code.",
        project / "tests" / "unit" / module: f"Unit tests of the {role}.",
    }
    for folder, docstring in docstrings.items():
        (folder / "__init__.py").write_bytes(f'"""{docstring}"""\n'.encode())
    environment = template_environment(answers)
    for name in PER_FUNCTION_MODULES:
        target = environment.from_string(name).render(cookiecutter=answers)
        if target:
            source = (PACKAGE_TEMPLATE / name).read_bytes().decode("utf-8")
            text = environment.from_string(source).render(cookiecutter=answers)
            (package / target).write_bytes(text.encode("utf-8"))


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
    for extra in EXTRA_FUNCTIONS:
        add_trigger_files(Path.cwd(), extra)
        add_extra_function_package(Path.cwd(), extra)
    copy_cost_model(Path.cwd())
    remove_bytecode(Path.cwd())
    remove_empty_directories(Path.cwd())
