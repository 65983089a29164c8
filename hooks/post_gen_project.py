"""Finish the generated project: copy the cost model; leave no bytecode or empty folders.

Files of options that were not chosen are never written (their names render
empty); a folder that held only such files is removed here. pip byte-compiles the
copy of the template that an installed package carries, and cookiecutter copies what
it finds: the ``__pycache__`` folders are removed too. Like the
pre-generation hook, this rendered copy deletes itself from the temporary folder.
"""

import os
import shutil
from pathlib import Path

PACKAGE_DIR = Path({{lambda_starter_dir() | tojson}})


def copy_cost_model(project: Path) -> None:
    """tools/lambda_cost.py is the template's own cost model, so both price alike."""
    shutil.copyfile(PACKAGE_DIR / "cost.py", project / "tools" / "lambda_cost.py")


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
    copy_cost_model(Path.cwd())
    remove_bytecode(Path.cwd())
    remove_empty_directories(Path.cwd())
