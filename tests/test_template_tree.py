"""Which files are the template, where a copy of it is found, and which version a copy is."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from lambda_starter import template_tree, template_version
from lambda_starter.jinja_extension import lambda_starter_dir, template_dir
from lambda_starter.template_tree import PARTS, copy_template, find_root, package_of
from lambda_starter.template_version import TemplateVersion, normalise_source, of_template
from tests.conftest import REPO_ROOT
from tests.template_repo import PROJECT_DIR, TOOLING, git


def test_every_top_level_path_is_template_or_tooling():
    """A new top-level folder must be classified: the template's travel in the package."""
    top_level = {name.split("/", 1)[0] for name in git(REPO_ROOT, "ls-files").splitlines()}
    unclassified = top_level - TOOLING - set(PARTS)
    assert unclassified == set()
    assert {"cookiecutter.json", "hooks", PROJECT_DIR} <= set(PARTS) - TOOLING
    assert "templates" in PARTS  # the partials' folder, before it exists here


def make_tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


def test_copy_takes_the_template_paths_and_nothing_else(tmp_path):
    source = make_tree(
        tmp_path / "source",
        {
            "cookiecutter.json": "{}",
            "hooks/pre_gen_project.py": "pre",
            "hooks/__pycache__/pre_gen_project.cpython-311.pyc": "bytecode",
            f"{PROJECT_DIR}/README.md": "readme",
            f"{PROJECT_DIR}/src/stale.pyc": "bytecode",
            "templates/triggers/sqs/handler.py": "sqs",
            "README.md": "the template's own readme",
            "tests/test_x.py": "test",
        },
    )
    copy_template(source, tmp_path / "copy")
    copied = sorted(str(p.relative_to(tmp_path / "copy")) for p in (tmp_path / "copy").rglob("*"))
    assert [name for name in copied if (tmp_path / "copy" / name).is_file()] == [
        "cookiecutter.json",
        "hooks/pre_gen_project.py",
        "templates/triggers/sqs/handler.py",
        f"{PROJECT_DIR}/README.md",
    ]
    assert (tmp_path / "copy" / "templates/triggers/sqs/handler.py").read_text() == "sqs"


def test_a_checkout_and_an_installed_copy_each_find_their_package(tmp_path):
    checkout = make_tree(
        tmp_path / "checkout",
        {"cookiecutter.json": "{}", f"{PROJECT_DIR}/x": "", "lambda_starter/__init__.py": ""},
    )
    package = make_tree(tmp_path / "site-packages" / "lambda_starter", {"__init__.py": ""})
    bundle = make_tree(package / "_template", {"cookiecutter.json": "{}", f"{PROJECT_DIR}/x": ""})
    assert find_root(checkout) == checkout
    assert find_root(checkout / PROJECT_DIR) == checkout
    assert find_root(tmp_path) is None
    assert package_of(checkout) == checkout / "lambda_starter"
    assert package_of(bundle) == package
    assert package_of(checkout / PROJECT_DIR) is None
    assert package_of(make_tree(tmp_path / "_template", {"cookiecutter.json": ""})) is None
    assert template_tree.default_template() == REPO_ROOT  # an editable install: the checkout


@pytest.mark.parametrize("where", ["root", "project folder"])
def test_the_hooks_see_the_template_being_rendered(tmp_path, monkeypatch, where):
    """cookiecutter renders hooks in the template's root and files in its project folder."""
    package = make_tree(tmp_path / "lambda_starter", {"__init__.py": ""})
    bundle = make_tree(package / "_template", {"cookiecutter.json": "{}", f"{PROJECT_DIR}/x": ""})
    monkeypatch.chdir(bundle if where == "root" else bundle / PROJECT_DIR)
    assert (lambda_starter_dir(), template_dir()) == (str(package), str(bundle))


def test_rendered_elsewhere_the_hooks_use_this_package(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert lambda_starter_dir() == str(REPO_ROOT / "lambda_starter")
    assert template_dir() == str(REPO_ROOT)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = make_tree(
        tmp_path / "template",
        {"cookiecutter.json": "{}", f"{PROJECT_DIR}/README.md": "x\n", "README.md": "about\n"},
    )
    git(root, "init", "--quiet")
    git(root, "add", "-A")
    git(root, "commit", "--quiet", "-m", "First")
    return root


def test_a_checkout_names_its_commit_tag_and_path(repo):
    commit = git(repo, "rev-parse", "HEAD")
    assert of_template(repo) == TemplateVersion(commit[:12], commit, str(repo))
    git(repo, "tag", "v1.2.0")
    (repo / "README.md").write_text("the template repository's README is not the template\n")
    assert of_template(repo) == TemplateVersion("v1.2.0", commit, str(repo))
    git(repo, "commit", "--quiet", "-am", "Docs")
    later = git(repo, "rev-parse", "HEAD")
    assert of_template(repo) == TemplateVersion(f"v1.2.0-1-g{later[:12]}", later, str(repo))


def test_a_checkout_with_uncommitted_template_changes_says_so(repo):
    (repo / PROJECT_DIR / "README.md").write_text("changed\n")
    version = of_template(repo)
    assert version is not None
    assert version.modified
    assert version.record() == {"commit": version.commit, "source": str(repo), "modified": True}
    assert version.describe().endswith(f"with uncommitted changes (commit {version.commit}, "
                                       f"from {repo})")  # fmt: skip


def test_a_clone_names_its_origin(repo, tmp_path):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "--quiet", f"file://{repo}", str(clone))
    version = of_template(clone)
    assert version is not None
    assert version.source == str(repo)


def test_a_folder_inside_a_checkout_is_not_that_checkout(repo):
    assert of_template(repo / PROJECT_DIR) is None


def test_a_built_copy_reads_its_record(repo, tmp_path):
    copy = tmp_path / "copy"
    copy.mkdir()
    written = template_version.write_record(repo, copy)
    assert written == of_template(repo)
    assert json.loads((copy / template_version.RECORD).read_text())["commit"] == written.commit
    assert of_template(copy) == written
    (copy / template_version.RECORD).write_text("not json")
    assert of_template(copy) is None


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("file:///srv/templates/lambda-starter", "/srv/templates/lambda-starter"),
        ("/srv/templates/lambda-starter/", "/srv/templates/lambda-starter"),
        (
            "https://github.com/acme/lambda-starter.git",
            "https://github.com/acme/lambda-starter.git",
        ),
        ("git@github.com:acme/lambda-starter.git", "git@github.com:acme/lambda-starter.git"),
    ],
)
def test_sources_are_kept_as_cruft_keeps_them(given, kept):
    assert normalise_source(given) == kept


def test_without_git_a_checkout_has_no_version(repo, monkeypatch):
    def no_git(*_args, **_kwargs):
        raise FileNotFoundError("git")

    monkeypatch.setattr(subprocess, "run", no_git)
    assert of_template(repo) is None
