"""Run every quality gate on every supported combination and print a table.

    python scripts/gates.py [pytest options]

Runs the gate tests under pytest (in parallel), reads their JUnit report and
prints one row per combination and one column per gate, then the counts. Exits
non-zero if any gate failed.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
REPORT = REPO_ROOT / ".cache" / "gates.xml"
# test function -> (its file, the column of the table), in the order the README lists the gates
GATES = {
    "test_combination_lints_clean": ("test_combinations.py", "ruff+cfn-lint"),
    "test_serverless_rules_pass": ("test_deploy_readiness.py", "serverless rules"),
    "test_sam_validate_lint_passes": ("test_gates.py", "sam validate"),
    "test_checkov_finds_nothing_and_skips_only_what_is_justified": ("test_gates.py", "checkov"),
    "test_sam_build_packages_only_the_function_code": ("test_gates.py", "sam build"),
    "test_bandit_finds_nothing_in_the_function_code": ("test_gates.py", "bandit"),
    "test_iam_roles_are_least_privilege": ("test_gates.py", "IAM review"),
    "test_every_bootstrap_statement_is_scoped": ("test_bootstrap.py", "bootstrap"),
    "test_prod_moves_traffic_gradually_and_rolls_back_on_the_new_versions_errors": (
        "test_deploy_readiness.py",
        "gradual deploys",
    ),
    "test_zizmor_finds_nothing_in_the_workflow": ("test_workflow.py", "workflow"),
    "test_stacks_deploy_side_by_side": ("test_deploy_readiness.py", "two stacks"),
    "test_every_parameter_has_a_value": ("test_deploy_readiness.py", "deployable"),
    "test_no_failure_is_lost": ("test_deploy_readiness.py", "failures kept"),
    "test_lambda_system_logs_are_kept": ("test_deploy_readiness.py", "system logs"),
    "test_combination_passes_its_own_tests": ("test_combinations.py", "own tests"),
}
CASE = re.compile(r"(?P<test>\w+)\[(?P<combination>[\w.-]+)\]")


def outcome(case: ElementTree.Element) -> str:
    if case.find("failure") is not None or case.find("error") is not None:
        return "FAIL"
    if case.find("skipped") is not None:
        return "skip"
    return "pass"


def main(pytest_args: list[str]) -> int:
    REPORT.parent.mkdir(exist_ok=True)
    selection = [f"tests/{file}::{test}" for test, (file, _column) in GATES.items()]
    subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "auto", "-q", f"--junitxml={REPORT}", *selection,
         *pytest_args],
        cwd=REPO_ROOT,
        check=False,
    )  # fmt: skip
    results: dict[str, dict[str, str]] = defaultdict(dict)
    for case in ElementTree.parse(REPORT).iter("testcase"):
        match = CASE.fullmatch(case.get("name", ""))
        if match and match["test"] in GATES:
            results[match["combination"]][GATES[match["test"]][1]] = outcome(case)

    columns = [column for _file, column in GATES.values()]
    width = max(map(len, results), default=10)
    print()
    print(f"{'combination':<{width}}  " + "  ".join(columns))
    for combination in sorted(results):
        cells = [f"{results[combination].get(c, '-'):<{len(c)}}" for c in columns]
        print(f"{combination:<{width}}  " + "  ".join(cells))
    counts = defaultdict(int)
    for row in results.values():
        for value in row.values():
            counts[value] += 1
    print(f"\n{counts['pass']} passed, {counts['FAIL']} failed, {counts['skip']} skipped")
    (REPORT.with_suffix(".json")).write_text(json.dumps(results, indent=2, sort_keys=True))
    return 1 if counts["FAIL"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
