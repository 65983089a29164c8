"""Mutation testing of the template's logic: `make mutants`.

    python scripts/mutants.py            # run mutmut, then report
    python scripts/mutants.py --report   # report on the last run only

mutmut (pinned in the `mutation` dependency group, configured in pyproject.toml's
[tool.mutmut]) mutates every module of lambda_starter/ and the hooks, and runs the
fast tests that reach each mutant. This script prints, per module, how many mutants the
tests killed and the score, then every survivor with the line it changed.

A survivor that no test can kill because it changes nothing observable is
listed, with the reason, in scripts/equivalent_mutants.toml: the one place where
a survivor is accepted. The gated modules must score at least 90% and keep no
unexplained survivor; the command exits non-zero otherwise.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import re
import subprocess
import sys
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
EQUIVALENT_MUTANTS = REPO_ROOT / "scripts" / "equivalent_mutants.toml"
LOG = REPO_ROOT / "mutants" / "run.log"
GATED_MODULES = (
    "lambda_starter.answer_rules",
    "lambda_starter.cost",
    "lambda_starter.features",
    "lambda_starter.security_checks",
    "hooks.pre_gen_project",
    "hooks.post_gen_project",
)
REQUIRED_SCORE = 0.90
RESULT = re.compile(
    r"^\s*(?P<module>(?:lambda_starter|hooks)\.\w+)\.(?P<name>\S+): (?P<status>.+)$"
)


@dataclass(frozen=True)
class Mutant:
    """One mutant: where it is, what it changed and what the tests made of it."""

    module: str
    name: str
    status: str

    @property
    def function(self) -> str:
        """The mutated function, as mutmut names it (``x_<function>__mutmut_<n>``)."""
        return self.name.removeprefix("x_").rsplit("__mutmut_", 1)[0]


def mutmut(*args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "mutmut", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout


def run_mutmut() -> None:
    """Run mutmut; its progress goes to mutants/run.log."""
    LOG.parent.mkdir(exist_ok=True)
    with LOG.open("w") as log:
        finished = subprocess.run(
            [sys.executable, "-m", "mutmut", "run"],
            cwd=REPO_ROOT,
            stdout=log,
            stderr=log,
            check=False,
        )
    if finished.returncode != 0:
        sys.exit(f"mutmut run failed (exit {finished.returncode}); see {LOG}")


def results() -> list[Mutant]:
    matches = (RESULT.match(line) for line in mutmut("results", "--all", "true").splitlines())
    return [Mutant(m["module"], m["name"], m["status"].strip()) for m in matches if m]


def mutated_functions(module: str) -> dict[str, list[str]]:
    """The source lines of every function in mutmut's copy of ``module``, by name."""
    source = (REPO_ROOT / "mutants" / f"{module.replace('.', '/')}.py").read_text()
    lines = source.splitlines()
    return {
        node.name: lines[node.lineno : node.end_lineno]
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef) and "__mutmut_" in node.name
    }


def change(mutant: Mutant, functions: dict[str, list[str]]) -> tuple[str, str]:
    """The original and the mutated lines of a mutant, stripped (the body only)."""
    original = functions[mutant.name.rsplit("__mutmut_", 1)[0] + "__mutmut_orig"]
    mutated = functions[mutant.name]
    diff = list(difflib.ndiff(original, mutated))
    removed = [line[2:].strip() for line in diff if line.startswith("- ")]
    added = [line[2:].strip() for line in diff if line.startswith("+ ")]
    return " / ".join(removed), " / ".join(added)


def equivalents() -> dict[tuple[str, str, str], str]:
    """(module.function, original line, mutated line) -> why the mutant changes nothing."""
    entries = tomllib.loads(EQUIVALENT_MUTANTS.read_text())["equivalent"]
    return {(e["function"], e["original"], e["mutated"]): e["reason"] for e in entries}


def report() -> int:
    mutants = results()
    if not mutants:
        print("no mutation results: run `make mutants` first", file=sys.stderr)
        return 1
    justified = equivalents()
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    unexplained: dict[str, list[tuple[Mutant, str, str]]] = defaultdict(list)
    functions = {module: mutated_functions(module) for module in {m.module for m in mutants}}
    for mutant in mutants:
        if mutant.status == "killed":
            counts[mutant.module]["killed"] += 1
            continue
        original, mutated = change(mutant, functions[mutant.module])
        where = f"{mutant.module}.{mutant.function}"
        if (where, original, mutated) in justified:
            counts[mutant.module]["equivalent"] += 1
        else:
            counts[mutant.module]["survived"] += 1
            unexplained[mutant.module].append((mutant, original, mutated))

    failed = False
    header = ("module", "mutants", "killed", "equivalent", "survived", "score")
    print("{:<30} {:>7} {:>6} {:>10} {:>8} {:>6}".format(*header))
    for module in sorted(counts):
        count = counts[module]
        total = sum(count.values())
        score = (
            count["killed"] / (total - count["equivalent"]) if total > count["equivalent"] else 1
        )
        gated = module in GATED_MODULES
        failing = gated and (score < REQUIRED_SCORE or count["survived"] > 0)
        failed |= failing
        mark = "  FAIL" if failing else ("  gated" if gated else "")
        print(
            f"{module:<30} {total:>7} {count['killed']:>6} {count['equivalent']:>10} "
            f"{count['survived']:>8} {score:>6.1%}{mark}"
        )
    for module in sorted(unexplained):
        print(f"\nSurvivors in {module.replace('.', '/')}.py:")
        for mutant, original, mutated in unexplained[module]:
            print(f"  {mutant.name} [{mutant.status}]\n    - {original}\n    + {mutated}")
    return 1 if failed else 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", action="store_true", help="report on the last run only")
    args = parser.parse_args(argv)
    if not args.report:
        run_mutmut()
    return report()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
