"""Build hooks: a wheel or an sdist carries the template (metadata lives in pyproject.toml).

The wheel's ``lambda_starter/_template`` and the sdist's root get a copy of the
template's paths (``lambda_starter.template_tree.PARTS``) and the record of its version,
so an installed ``lambda-starter`` generates from the commit it was built from.
An editable install needs no copy: the package sits in the checkout, which is the template.
"""

import shutil
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.command.sdist import sdist

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from lambda_starter.template_tree import BUNDLE, PACKAGE, copy_template  # noqa: E402
from lambda_starter.template_version import write_record  # noqa: E402


class BuildPyWithTemplate(build_py):
    """Build the package, then copy the template into it."""

    def run(self) -> None:
        super().run()
        if not self.editable_mode:
            bundle = Path(self.build_lib) / PACKAGE / BUNDLE
            shutil.rmtree(bundle, ignore_errors=True)  # nothing left from an earlier build
            copy_template(ROOT, bundle)
            write_record(ROOT, bundle)


class SdistWithTemplate(sdist):
    """An sdist is a template too: its root gets the template's paths and version."""

    def make_release_tree(self, base_dir: str, files: list[str]) -> None:
        super().make_release_tree(base_dir, files)
        copy_template(ROOT, Path(base_dir))
        write_record(ROOT, Path(base_dir))


setup(cmdclass={"build_py": BuildPyWithTemplate, "sdist": SdistWithTemplate})
