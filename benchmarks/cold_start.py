"""Measure the generated functions: cold init, warm overhead and package size, against baselines.

    python benchmarks/cold_start.py [--runs 15] [--invocations 2000] [--json FILE]
                                    [--project NAME ...]

For the default project, one project per trigger and each combination of
tests/combinations.py with extra functions, it bakes, builds with `sam build`,
then measures in the same run, for each function of the project (one row each:
the main `Function`, then each extra function, from its own build artifact):

- cold init: a fresh interpreter imports the function's handler module (clients
  included), with Lambda's environment (LAMBDA_TASK_ROOT, tracing on) and
  Powertools installed as the layer would provide it; every module precompiled
  to .pyc;
- floor: the same for a bare module that imports boto3 and creates the same
  clients as that function and nothing else;
- warm overhead (the default project only): per invocation, the generated
  handler against a bare handler making the same AWS call, both on a botocore
  Stubber (no network);
- naive: the bare handler creating its client inside the handler, the way the
  practices warn against;
- package size: the built artifact, zipped and unzipped, and its file count.

It prints one table with the figures and the ratios, and writes them as JSON.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from lambda_starter.features import extra_functions_of, features_of, split_ids  # noqa: E402
from lambda_starter.triggers import TRIGGERS  # noqa: E402
from tests.combinations import COMBINATIONS, Combination  # noqa: E402
from tests.conftest import project_venv  # noqa: E402
from tests.tools import tool_bin  # noqa: E402


def multi_function_projects(combinations: Iterable[Combination]) -> dict[str, dict[str, Any]]:
    """The combinations that generate more than one function (extra_functions), by name."""
    return {c.name: c.answers for c in combinations if split_ids(c.answers.get("extra_functions"))}


# The default project, then one per other trigger of the registry, then every supported
# combination with extra functions.
DEFAULT_TRIGGER = next(iter(TRIGGERS))
PROJECTS = (
    {f"default ({DEFAULT_TRIGGER})": {}}
    | {name: {"trigger": name} for name in TRIGGERS if name != DEFAULT_TRIGGER}
    | multi_function_projects(COMBINATIONS)
)
FAKE_AWS = {
    "AWS_ACCESS_KEY_ID": "benchmark",
    "AWS_SECRET_ACCESS_KEY": "benchmark",
    "AWS_SESSION_TOKEN": "benchmark",
    "AWS_REGION": "us-east-1",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_LAMBDA_FUNCTION_NAME": "benchmark-Function",
    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "256",
    "AWS_XRAY_CONTEXT_MISSING": "IGNORE_ERROR",
    "POWERTOOLS_SERVICE_NAME": "benchmark",
    "POWERTOOLS_METRICS_NAMESPACE": "benchmark",
    "TABLE_NAME": "data",
    "IDEMPOTENCY_TABLE_NAME": "idempotency",
    # What the settings of a project with a webhook secret or an API with a worker require.
    "SECRET_NAME": "benchmark/webhook",
    "WORKER_QUEUE_URL": "https://sqs.us-east-1.amazonaws.com/123456789012/benchmark-worker",
}
TIMED_IMPORT = """
import time
start = time.perf_counter()
import {module}
print(time.perf_counter() - start)
"""


@dataclass(frozen=True)
class Function:
    """One function of a generated project: its build artifact, handler module and clients."""

    logical_id: str
    handler_module: str
    clients: tuple[str, ...]


def functions_of(answers: Mapping[str, Any]) -> list[Function]:
    """The main function, then each extra function, each with the clients it creates itself."""
    functions = []
    for function_answers in [answers, *extra_functions_of(answers)]:
        features = features_of(function_answers)
        functions.append(
            Function(
                logical_id=f"{features.prefix}Function",
                handler_module=f"{answers['package_name']}{features.subpackage}.handler",
                clients=features.aws_clients,
            )
        )
    return functions


def project_answers(project: Path) -> dict[str, Any]:
    """The answers a baked project recorded, with the template's private settings
    (workload profiles) that extra functions are derived from."""
    template = json.loads((REPO_ROOT / "cookiecutter.json").read_text())
    private = {key: value for key, value in template.items() if key.startswith("_")}
    return private | json.loads((project / ".cookiecutter.json").read_text())


@dataclass
class Figures:
    """What one function of a project measured, in milliseconds, microseconds and bytes."""

    project: str
    function: str
    cold_ms_median: float
    cold_ms_spread: float
    floor_ms_median: float
    cold_over_floor: float
    warm_us_per_call: float
    bare_us_per_call: float
    warm_overhead_us: float
    naive_us_per_call: float
    zipped_bytes: int
    unzipped_bytes: int
    files: int


def bake(answers: dict[str, str], output_dir: Path) -> Path:
    from cookiecutter.main import cookiecutter

    return Path(cookiecutter(str(REPO_ROOT), no_input=True, extra_context=answers,
                             output_dir=str(output_dir)))  # fmt: skip


def build(project: Path) -> Path:
    """Build every function of ``project``; return the folder of their artifacts."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    environment |= {"SAM_CLI_TELEMETRY": "0", "HOME": str(project / ".home"),
                    "AWS_DEFAULT_REGION": "us-east-1"}  # fmt: skip
    sam = tool_bin("sam") / "sam"
    subprocess.run([str(sam), "build"], cwd=project, env=environment, check=True,
                   capture_output=True)  # fmt: skip
    return project / ".aws-sam" / "build"


def timed_imports(python: Path, module: str, task_root: Path, runs: int) -> list[float]:
    """Seconds to import ``module`` in ``runs`` fresh interpreters, Lambda-like environment."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "PYTHON"))}
    environment |= FAKE_AWS | {"LAMBDA_TASK_ROOT": str(task_root), "PYTHONPATH": str(task_root)}
    code = TIMED_IMPORT.format(module=module)
    times = []
    for _ in range(runs):
        result = subprocess.run([str(python), "-c", code], env=environment, check=True,
                                capture_output=True, text=True)  # fmt: skip
        times.append(float(result.stdout.strip().splitlines()[-1]))
    return times


def write_floor(directory: Path, clients: tuple[str, ...]) -> None:
    """A bare module: boto3 and the same clients, created once, and nothing else."""
    lines = ["import boto3", "from botocore.config import Config", "CONFIG = Config()"]
    lines += [f'{name} = boto3.client("{name}", config=CONFIG)' for name in clients]
    (directory / "floor.py").write_text("\n".join(lines) + "\n")


def warm_figures(python: Path, artifact: Path, package: str, invocations: int) -> dict:
    """Per-call microseconds: generated handler, bare handler, and naive handler (API only)."""
    script = Path(__file__).with_name("warm_path.py")
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "PYTHON"))}
    environment |= FAKE_AWS | {"PYTHONPATH": str(artifact)}
    result = subprocess.run(
        [str(python), str(script), package, str(invocations)],
        env=environment, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(result.stdout.strip().splitlines()[-1])


def package_size(artifact: Path) -> tuple[int, int, int]:
    files = [path for path in artifact.rglob("*") if path.is_file()]
    with tempfile.TemporaryDirectory() as scratch:
        archive = Path(scratch) / "function.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
            for path in files:
                zipped.write(path, path.relative_to(artifact))
        return archive.stat().st_size, sum(p.stat().st_size for p in files), len(files)


def measure(
    name: str, answers: dict[str, str], work: Path, runs: int, invocations: int
) -> list[Figures]:
    """Bake and build one project, then measure each of its functions: one row each."""
    project = bake(answers, work / name.split()[0])
    artifacts = build(project)
    python = project_venv(project) / "bin" / "python"
    rows = []
    for index, function in enumerate(functions_of(project_answers(project))):
        # The warm path: the default project's (main) function only.
        calls = invocations if name.startswith("default") and index == 0 else 0
        artifact = artifacts / function.logical_id
        rows.append(measure_function(name, function, artifact, python, work, runs, calls))
    return rows


def measure_function(
    name: str, function: Function, artifact: Path, python: Path, work: Path, runs: int,
    invocations: int,
) -> Figures:  # fmt: skip
    """Cold init of the function's handler against its own floor; warm path if invocations."""
    task_root = work / f"{name.split()[0]}-{function.logical_id}-task"
    shutil.copytree(artifact, task_root)
    write_floor(task_root, function.clients)
    subprocess.run([str(python), "-m", "compileall", "-q", str(task_root)], check=True)

    cold = timed_imports(python, function.handler_module, task_root, runs)
    floor = timed_imports(python, "floor", task_root, runs)
    package = function.handler_module.split(".")[0]
    warm = warm_figures(python, task_root, package, invocations) if invocations else {}
    zipped, unzipped, files = package_size(artifact)
    cold_median, floor_median = statistics.median(cold), statistics.median(floor)
    return Figures(
        project=name,
        function=function.logical_id,
        cold_ms_median=cold_median * 1000,
        cold_ms_spread=(max(cold) - min(cold)) * 1000,
        floor_ms_median=floor_median * 1000,
        cold_over_floor=cold_median / floor_median,
        warm_us_per_call=warm.get("generated", float("nan")),
        bare_us_per_call=warm.get("bare", float("nan")),
        warm_overhead_us=warm.get("generated", float("nan")) - warm.get("bare", float("nan")),
        naive_us_per_call=warm.get("naive", float("nan")),
        zipped_bytes=zipped,
        unzipped_bytes=unzipped,
        files=files,
    )


def cell(value: float, width: int, digits: int = 1) -> str:
    """A right-aligned figure, or a dash where it was not measured (warm path: API only)."""
    return f"{'-':>{width}}" if math.isnan(value) else f"{value:>{width}.{digits}f}"


def print_table(rows: list[Figures]) -> None:
    columns = ("project", "function", "cold ms", "spread", "floor ms", "cold/floor", "warm us",
               "bare us", "overhead", "naive us", "zip B", "unzip B", "files")  # fmt: skip
    widths = (24, 19, 8, 7, 9, 10, 8, 8, 9, 9, 7, 8, 5)
    print(
        " ".join(
            f"{c:<{w}}" if i < 2 else f"{c:>{w}}"
            for i, (c, w) in enumerate(zip(columns, widths, strict=True))
        )
    )
    for r in rows:
        figures = [
            cell(r.cold_ms_median, 8), cell(r.cold_ms_spread, 7), cell(r.floor_ms_median, 9),
            cell(r.cold_over_floor, 10, 2), cell(r.warm_us_per_call, 8),
            cell(r.bare_us_per_call, 8), cell(r.warm_overhead_us, 9),
            cell(r.naive_us_per_call, 9),
            f"{r.zipped_bytes:>7}", f"{r.unzipped_bytes:>8}", f"{r.files:>5}",
        ]  # fmt: skip
        print(f"{r.project:<24} {r.function:<19} " + " ".join(figures))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="fresh processes per cold measure")
    parser.add_argument("--invocations", type=int, default=2000, help="warm calls per measure")
    parser.add_argument("--json", type=Path, default=REPO_ROOT / ".cache" / "benchmark.json")
    parser.add_argument(
        "--project",
        action="append",
        choices=list(PROJECTS),
        metavar="NAME",
        help=f"measure only this project (repeatable; default all: {', '.join(PROJECTS)})",
    )
    args = parser.parse_args()
    projects = {name: PROJECTS[name] for name in args.project or PROJECTS}
    with tempfile.TemporaryDirectory() as scratch:
        rows = [
            row
            for name, answers in projects.items()
            for row in measure(name, answers, Path(scratch), args.runs, args.invocations)
        ]
    print_table(rows)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps([asdict(row) for row in rows], indent=2))
    print(f"\nJSON: {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
