"""Tidy the generated project: the options not chosen leave no empty folders behind.

Files of options that were not chosen are never written (their names render
empty); a folder that held only such files is removed here.
"""

from pathlib import Path


def remove_empty_directories(root: Path) -> None:
    """Remove every directory under ``root`` that ends up with no files, deepest first."""
    for directory in sorted((p for p in root.rglob("*") if p.is_dir()), reverse=True):
        if not any(directory.iterdir()):
            directory.rmdir()


if __name__ == "__main__":
    remove_empty_directories(Path.cwd())
