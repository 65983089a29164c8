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
    row = re.compile(
        r"^\| `([a-z-]+)` \| (\d+) MB \| (\d+) s \| (\d+) s \| (\d+) MB \| (\d+), (\d+) s \|$", re.M
    )
    documented = {name: tuple(map(int, numbers)) for name, *numbers in row.findall(README)}
    fields = (
        "memory_size",
        "api_timeout",
        "event_timeout",
        "ephemeral_storage",
        "batch_size",
        "batching_window_seconds",
    )
    profiles = {
        name: tuple(profile[field] for field in fields)
        for name, profile in TEMPLATE_CONTEXT["_workload_profiles"].items()
    }
    assert documented == profiles
