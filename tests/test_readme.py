"""The template README documents every answer and states the profiles as cookiecutter.json does."""

from __future__ import annotations

import re

from tests.conftest import REPO_ROOT, TEMPLATE_CONTEXT

README = (REPO_ROOT / "README.md").read_text()


def test_every_answer_is_documented():
    answers = [key for key in TEMPLATE_CONTEXT if not key.startswith("_")]
    undocumented = [answer for answer in answers if f"`{answer}`" not in README]
    assert undocumented == []


def test_profile_table_matches_cookiecutter_json():
    rows = re.findall(r"^\| `([a-z-]+)` \| (\d+) MB \(practice[^|]*\| (\d+) s \|$", README, re.M)
    documented = {name: (int(memory), int(timeout)) for name, memory, timeout in rows}
    profiles = {
        name: (profile["memory_size"], profile["api_timeout"])
        for name, profile in TEMPLATE_CONTEXT["_workload_profiles"].items()
    }
    assert documented == profiles
