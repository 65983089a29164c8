"""The hooks' functions, rendered as cookiecutter renders them and run in-process.

Each hook is rendered with cookiecutter's own environment (the template's Jinja
extension included) and loaded as the module ``hooks.<name>``, so its functions
can be called with chosen answers and checked one by one.
"""

from __future__ import annotations

import json
import sys
import types
from pathlib import Path
from typing import Any

import pytest
from cookiecutter.generate import generate_context
from cookiecutter.prompt import prompt_for_config
from cookiecutter.utils import create_env_with_context

from tests.conftest import REPO_ROOT, TEMPLATE_CONTEXT


def rendered_defaults() -> dict[str, Any]:
    """The answers ``--no-input`` gives, rendered as cookiecutter renders them."""
    context = generate_context(str(REPO_ROOT / "cookiecutter.json"))
    return dict(prompt_for_config(context, no_input=True))


DEFAULTS = rendered_defaults()


def write_files(root: Path, files: dict[str, str]) -> None:
    """Write each ``files`` entry (a path under ``root``: its text), folders included."""
    for name, content in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(content)


def render_hook(name: str, answers: dict[str, Any], given: dict[str, Any]) -> types.ModuleType:
    """The hook ``name`` rendered for ``answers`` (``given``: as typed), loaded as a module."""
    context = {"cookiecutter": {**TEMPLATE_CONTEXT, **answers}, "_cookiecutter": given}
    environment = create_env_with_context(context)
    source = environment.from_string((REPO_ROOT / "hooks" / f"{name}.py").read_text())
    module = types.ModuleType(f"hooks.{name}")
    module.__file__ = str(REPO_ROOT / "hooks" / f"{name}.py")
    code = compile(source.render(**context), module.__file__, "exec")
    exec(code, module.__dict__)
    return module


def test_the_pre_generation_hook_receives_the_answers_as_data():
    answers = DEFAULTS | {"description": 'quote " and {{ braces }}'}
    hook = render_hook("pre_gen_project", answers, {})
    assert hook.ANSWERS["description"] == 'quote " and {{ braces }}'
    assert hook.GIVEN == {}
    assert hook.PACKAGE_DIR == REPO_ROOT / "lambda_starter"
    assert hook.TEMPLATE_DIR == REPO_ROOT


def test_the_pre_generation_hook_accepts_valid_answers(capsys, monkeypatch):
    """It also puts the template checkout first on sys.path: a plain `cookiecutter` run
    has no lambda_starter installed, and the hook imports the answer rules from there."""
    monkeypatch.setattr(sys, "path", ["/elsewhere"])
    hook = render_hook("pre_gen_project", DEFAULTS, {})
    assert hook.main() == 0
    assert capsys.readouterr().err == ""
    assert sys.path == [str(REPO_ROOT), "/elsewhere"]


def test_the_template_json_is_ascii():
    """The hooks read cookiecutter.json as UTF-8; ASCII reads the same in any locale."""
    assert (REPO_ROOT / "cookiecutter.json").read_bytes().isascii()


def test_the_pre_generation_hook_reports_every_rejected_answer(capsys):
    answers = DEFAULTS | {"timeout": "45", "memory_size": "64"}
    hook = render_hook("pre_gen_project", answers, {})
    assert hook.main() == 1
    assert capsys.readouterr().err.splitlines() == [
        "ERROR: memory_size='64' is not allowed: a whole number of MB from 128 to 10240.",
        "ERROR: timeout='45' is not allowed: at most 29 seconds for a function behind API "
        "Gateway, which ends the request after that whatever the function's timeout.",
    ]


def test_jinja_given_on_the_command_line_is_reported_before_the_rules_run(capsys):
    answers = DEFAULTS | {"owner_team": "49", "timeout": "45"}
    hook = render_hook("pre_gen_project", answers, {"owner_team": "{{ 7*7 }}"})
    assert hook.main() == 1
    assert capsys.readouterr().err.splitlines() == [
        "ERROR: owner_team='{{ 7*7 }}' is not allowed: "
        "plain text: cookiecutter would evaluate Jinja syntax in it."
    ]


def test_the_template_defaults_are_not_taken_for_jinja_from_the_user(capsys):
    given = {"project_slug": TEMPLATE_CONTEXT["project_slug"], "owner_team": "platform"}
    hook = render_hook("pre_gen_project", DEFAULTS, given)
    assert hook.main() == 0
    assert capsys.readouterr().err == ""


def test_the_post_generation_hook_copies_the_cost_model(tmp_path: Path):
    hook = render_hook("post_gen_project", DEFAULTS, {})
    (tmp_path / "tools").mkdir()
    hook.copy_cost_model(tmp_path)
    copied = (tmp_path / "tools" / "lambda_cost.py").read_text()
    assert copied == (REPO_ROOT / "lambda_starter" / "cost.py").read_text()


def test_the_post_generation_hook_renders_the_triggers_folder(tmp_path: Path):
    """Names and contents rendered with the answers; options not chosen and bytecode left out."""
    templates = tmp_path / "templates"
    files = {
        "triggers/demo/project/src/{{cookiecutter.package_name}}/handler.py": (
            "NAME = '{{ cookiecutter.project_name }}'\n{% include 'shared/line.txt' %}\n"
            "SLUG = '{{ cookiecutter.project_name | project_slug }}'  # the template's filter\n"
        ),
        "triggers/demo/project/src/{{cookiecutter.package_name}}/orders.py": "ORDERS = 'é'\n",
        "triggers/demo/project/events/sample.json": "{}\n",
        # Names that render empty, at the start, in the middle and at the end of a path; the
        # first sorts before every file that is written.
        "triggers/demo/project/a/{% if cookiecutter.vpc %}vpc.txt{% endif %}": "vpc\n",
        "triggers/demo/project/src/{% if cookiecutter.vpc %}network{% endif %}/rules.txt": "x\n",
        "triggers/demo/project/{% if cookiecutter.vpc %}vpc.txt{% endif %}": "vpc\n",
        "shared/line.txt": "from shared",
    }
    write_files(templates, files)
    bytecode = templates / "triggers/demo/project/src/__pycache__/handler.cpython-311.pyc"
    bytecode.parent.mkdir(parents=True)
    bytecode.write_bytes(b"\xa7\r\r\n not text")  # what pip leaves in an installed copy
    answers = {**DEFAULTS, "trigger": "demo", "project_name": "Demo Svc", "vpc": False}
    answers["package_name"] = "demo_svc"
    hook = render_hook("post_gen_project", answers, {})
    hook.TEMPLATES_DIR = templates
    project = tmp_path / "project"
    project.mkdir()
    hook.add_trigger_files(project, answers)
    written = sorted(str(p.relative_to(project)) for p in project.rglob("*") if p.is_file())
    assert written == ["events/sample.json", "src/demo_svc/handler.py", "src/demo_svc/orders.py"]
    handler = (project / "src" / "demo_svc" / "handler.py").read_bytes()
    assert (
        handler == b"NAME = 'Demo Svc'\nfrom shared\nSLUG = 'demo-svc'  # the template's filter\n"
    )
    assert (project / "src" / "demo_svc" / "orders.py").read_bytes() == "ORDERS = 'é'\n".encode()


def test_the_post_generation_hook_removes_only_empty_folders(tmp_path: Path):
    hook = render_hook("post_gen_project", DEFAULTS, {})
    (tmp_path / "tests" / "integration").mkdir(parents=True)
    (tmp_path / "events" / "deep" / "deeper").mkdir(parents=True)
    (tmp_path / "src" / "empty").mkdir(parents=True)
    (tmp_path / "src" / "handler.py").write_text("")
    (tmp_path / "keep" / "nested").mkdir(parents=True)
    (tmp_path / "keep" / "nested" / "file.txt").write_text("x")
    hook.remove_empty_directories(tmp_path)
    remaining = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*"))
    assert remaining == ["keep", "keep/nested", "keep/nested/file.txt", "src", "src/handler.py"]


def test_the_post_generation_hook_removes_bytecode(tmp_path: Path):
    """pip byte-compiles an installed copy of the template; cookiecutter would copy that."""
    hook = render_hook("post_gen_project", DEFAULTS, {})
    for name in (
        "src/pkg/__pycache__/handler.cpython-311.pyc",
        "__pycache__/x.pyc",
        "src/pkg/handler.py",
        "tests/__pycache__/nested/__pycache__/y.pyc",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "__pycache__").write_text("a file, not a cache folder")
    hook.remove_bytecode(tmp_path)
    remaining = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    assert remaining == ["notes/__pycache__", "src/pkg/handler.py"]


def test_an_empty_project_folder_itself_is_kept(tmp_path: Path):
    hook = render_hook("post_gen_project", DEFAULTS, {})
    (tmp_path / "empty").mkdir()
    hook.remove_empty_directories(tmp_path)
    assert tmp_path.is_dir()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["pre_gen_project", "post_gen_project"])
def test_each_hook_deletes_its_rendered_copy_first(name: str):
    source = (REPO_ROOT / "hooks" / f"{name}.py").read_text()
    main_block = source.split('if __name__ == "__main__":\n', 1)[1]
    assert main_block.splitlines()[0].strip() == "Path(__file__).unlink(missing_ok=True)"


def test_rendered_answers_survive_json_round_trip():
    answers = DEFAULTS | {"owner_team": "Team \\ with backslash"}
    hook = render_hook("pre_gen_project", answers, {})
    assert json.dumps(hook.ANSWERS["owner_team"]) == json.dumps("Team \\ with backslash")


@pytest.mark.parametrize(
    ("target", "placed"),
    [
        ("src/demo_svc/handler.py", "src/demo_svc/maintenance/handler.py"),
        ("src/demo_svc/jobs/x.py", "src/demo_svc/maintenance/jobs/x.py"),
        ("tests/unit/test_handler.py", "tests/unit/maintenance/test_handler.py"),
        ("tests/integration/test_deployed_job.py", None),  # the main function's smoke test
        ("events/scheduled_run.json", "events/scheduled_run.json"),
        ("src/other_pkg/handler.py", "src/other_pkg/handler.py"),
        ("tests/handler.py", "tests/handler.py"),
    ],
)
def test_an_extra_functions_files_go_to_its_own_folders(target: str, placed: str | None):
    hook = render_hook("post_gen_project", DEFAULTS, {})
    assert hook.extra_function_path(target, "demo_svc", "maintenance") == placed


def test_an_extra_function_is_a_package_with_its_own_idempotency_module(tmp_path: Path):
    """Powertools configures one persistence layer per module: each function has its own."""
    answers = {
        **DEFAULTS,
        "trigger": "schedule",
        "package_name": "demo_svc",
        "idempotency": "yes",
        "_function": {"module": "maintenance", "prefix": "Maintenance", "role": "nightly job"},
    }
    hook = render_hook("post_gen_project", answers, {})
    for folder in ("src/demo_svc/maintenance", "tests/unit/maintenance"):
        (tmp_path / folder).mkdir(parents=True)
    hook.add_extra_function_package(tmp_path, answers)
    package = tmp_path / "src" / "demo_svc" / "maintenance"
    assert (
        package / "__init__.py"
    ).read_bytes() == b'"""The nightly job: its handler and code."""\n'
    tests = tmp_path / "tests" / "unit" / "maintenance" / "__init__.py"
    assert tests.read_bytes() == b'"""Unit tests of the nightly job."""\n'
    idempotency = (package / "idempotency.py").read_text(encoding="utf-8")
    assert "{{" not in idempotency
    assert "{%" not in idempotency
    assert "IdempotencyConfig(" in idempotency
    assert sorted(p.name for p in package.iterdir()) == ["__init__.py", "idempotency.py"]

    without = {**answers, "idempotency": "no"}
    (package / "idempotency.py").unlink()
    render_hook("post_gen_project", without, {}).add_extra_function_package(tmp_path, without)
    assert not (package / "idempotency.py").exists()


def test_an_extra_functions_trigger_files_go_to_its_subpackage(tmp_path: Path):
    """Code and unit tests in its own folders; its smoke test left to the main function."""
    templates = tmp_path / "templates"
    files = {
        "triggers/job/project/src/{{cookiecutter.package_name}}/handler.py": "JOB = 1\n",
        "triggers/job/project/tests/integration/test_deployed_job.py": "smoke\n",
        "triggers/job/project/tests/unit/test_handler.py": "unit\n",
        "triggers/job/project/events/run.json": "{}\n",
    }
    write_files(templates, files)
    answers = {
        **DEFAULTS,
        "trigger": "job",
        "package_name": "demo_svc",
        "_function": {"module": "maintenance", "prefix": "Maintenance", "role": "job"},
    }
    hook = render_hook("post_gen_project", answers, {})
    hook.TEMPLATES_DIR = templates
    project = tmp_path / "project"
    project.mkdir()
    hook.add_trigger_files(project, answers)
    written = sorted(str(p.relative_to(project)) for p in project.rglob("*") if p.is_file())
    assert written == [
        "events/run.json",
        "src/demo_svc/maintenance/handler.py",
        "tests/unit/maintenance/test_handler.py",
    ]
