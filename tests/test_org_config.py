"""Where the organisation's config is found, what --show-config says, and fixed answers."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
import yaml
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output.vt100 import Vt100_Output

from lambda_starter.cli import main
from lambda_starter.org_config import ConfigError, find_config, load_org_config
from tests.conftest import REPO_ROOT, answers_of

ORG_CONFIG = REPO_ROOT / "examples" / "org-defaults.yaml"
ORG = yaml.safe_load(ORG_CONFIG.read_text())
FIXED = {name: ORG["default_context"][name] for name in ORG["fixed_answers"]}


def write(path: Path, text: str = "default_context: {}\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_the_first_documented_place_wins(home, tmp_path):
    explicit = write(tmp_path / "explicit.yaml")
    named = write(tmp_path / "named.yaml")
    user_dir = write(tmp_path / "xdg" / "lambda-starter" / "config.yaml")
    cookiecutter_config = write(tmp_path / "cookiecutter.yaml")
    rc = write(home / ".cookiecutterrc")
    environ = {
        "LAMBDA_STARTER_CONFIG": str(named),
        "XDG_CONFIG_HOME": str(tmp_path / "xdg"),
        "COOKIECUTTER_CONFIG": str(cookiecutter_config),
    }
    assert find_config(str(explicit), environ) == (explicit, "--config-file")
    assert find_config(None, environ) == (named, "$LAMBDA_STARTER_CONFIG")
    del environ["LAMBDA_STARTER_CONFIG"]
    assert find_config(None, environ) == (user_dir, "the user config folder")
    user_dir.unlink()
    assert find_config(None, environ) == (cookiecutter_config, "$COOKIECUTTER_CONFIG")
    del environ["COOKIECUTTER_CONFIG"]
    assert find_config(None, environ) == (rc, "~/.cookiecutterrc")
    rc.unlink()
    assert find_config(None, environ) == (None, "")


def test_the_user_config_folder_defaults_to_dot_config(home):
    config = write(home / ".config" / "lambda-starter" / "config.yaml")
    assert find_config(None, {}) == (config, "the user config folder")


def test_a_named_file_that_is_missing_is_one_clear_line(home, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("LAMBDA_STARTER_CONFIG", str(tmp_path / "missing.yaml"))
    assert main(["--no-input", "--output-dir", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (
        f"lambda-starter: error: $LAMBDA_STARTER_CONFIG names {tmp_path / 'missing.yaml'}, "
        "which is not a file\n"
    )
    assert sorted(tmp_path.iterdir()) == [home]


def test_show_config_names_the_file_and_its_answers(home, monkeypatch, capsys):
    monkeypatch.setenv("LAMBDA_STARTER_CONFIG", str(ORG_CONFIG))
    assert main(["--show-config"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"Organisation defaults: {ORG_CONFIG} (found through $LAMBDA_STARTER_CONFIG)",
        "Answers it sets (fixed ones cannot be changed):",
        "  owner_team: payments",
        "  cost_center: cc-4711  (fixed)",
        "  aws_region: eu-west-1",
        "  alarm_email: payments-oncall@example.com",
        "  python_runtime: python3.13",
        "  architecture: arm64",
        "  log_retention_days: 90",
        "  permissions_boundary_arn: arn:aws:iam::123456789012:policy/developer-boundary  (fixed)",
    ]


def test_show_config_without_a_file_says_where_it_looked(home, capsys):
    assert main(["--show-config"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Organisation defaults: none found (looked for --config-file, ")
    assert str(home / ".config" / "lambda-starter" / "config.yaml") in out


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("fixed_answers: cost_center\n", "fixed_answers must be a list of answer names"),
        ("fixed_answers: [cost_center]\n",
         "fixed_answers names cost_center, which default_context does not set"),
        ("default_context: {colour: blue}\nfixed_answers: [colour]\n",
         "fixed_answers names unknown answers colour; known: "),
        ("default_context: [a]\n", "default_context must map answer names to values"),
        ("- a list\n", "expected a mapping with default_context and fixed_answers"),
    ],
    ids=["not-a-list", "not-a-default", "unknown-answer", "defaults-not-mapped", "not-a-mapping"],
)  # fmt: skip
def test_a_malformed_config_is_one_clear_line(home, tmp_path, capsys, config, message):
    path = write(tmp_path / "org.yaml", config)
    assert main(["--show-config", "--config-file", str(path)]) == 1
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"lambda-starter: error: {path}: ")
    assert message in line


def test_the_questionnaire_does_not_ask_fixed_answers(home, tmp_path, monkeypatch):
    monkeypatch.setenv("LAMBDA_STARTER_CONFIG", str(ORG_CONFIG))
    screen = io.StringIO()
    output = Vt100_Output(screen, lambda: Size(rows=40, columns=200), term="xterm")
    with create_pipe_input() as pipe:
        # Decline the recommended defaults after the five shaping questions (name, trigger,
        # extra functions, API authorization, workload), so every question that is not
        # fixed is asked; accept each default offered.
        pipe.send_text("\r" * 5 + "n" + "\r" * 80)
        assert main(["--output-dir", str(tmp_path / "out")], input=pipe, output=output) == 0
    shown = screen.getvalue()
    assert "Owning team" in shown
    assert "Cost center" not in shown
    assert "IAM permissions boundary" not in shown
    answers = answers_of(tmp_path / "out" / "orders-service")
    assert {name: answers[name] for name in FIXED} == FIXED


def test_an_answers_file_cannot_change_a_fixed_answer(home, tmp_path, capsys):
    answers = write(tmp_path / "answers.yaml", "owner_team: billing\ncost_center: cc-1\n")
    argv = ["--no-input", "--config-file", str(ORG_CONFIG), "--answers", str(answers)]
    assert main([*argv, "--output-dir", str(tmp_path / "out")]) == 1
    assert capsys.readouterr().err == (
        f"lambda-starter: error: cost_center='cc-1' in {answers} contradicts "
        f"cost_center='cc-4711' fixed by {ORG_CONFIG}\n"
    )
    assert not (tmp_path / "out").exists()


def test_an_answers_file_may_repeat_a_fixed_answer(home, tmp_path):
    answers = write(tmp_path / "answers.yaml", "owner_team: billing\ncost_center: cc-4711\n")
    argv = ["--no-input", "--config-file", str(ORG_CONFIG), "--answers", str(answers)]
    assert main([*argv, "--output-dir", str(tmp_path / "out")]) == 0
    recorded = answers_of(tmp_path / "out" / "orders-service")
    assert (recorded["owner_team"], recorded["cost_center"]) == ("billing", "cc-4711")


@pytest.mark.parametrize(("given", "agrees"), [("yes", True), ("on", True), ("no", False)])
def test_a_fixed_flag_is_compared_as_a_flag(tmp_path, given, agrees):
    config = write(
        tmp_path / "org.yaml", "default_context: {kms_key: true}\nfixed_answers: [kms_key]\n"
    )
    org = load_org_config(str(config))
    if agrees:
        assert org.with_fixed({"kms_key": given}, "answers.yaml", lambda _name: True) == {
            "kms_key": True
        }
    else:
        with pytest.raises(
            ConfigError, match=re.escape("kms_key='no' in answers.yaml contradicts")
        ):
            org.with_fixed({"kms_key": given}, "answers.yaml", lambda _name: True)
