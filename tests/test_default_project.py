"""The project ``cookiecutter --no-input`` generates: its tree, its template and its own checks."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from lambda_starter.cfn_yaml import load_template
from tests.conftest import JINJA_RESIDUE, TEMPLATE_CONTEXT, bake_project, make

EXPECTED_FILES = {
    ".cookiecutter.json",
    ".github/dependabot.yml",
    ".github/workflows/ci.yml",
    ".gitignore",
    ".pre-commit-config.yaml",
    "Makefile",
    "README.md",
    "pyproject.toml",
    "samconfig.toml",
    "template.yaml",
    "deploy/bootstrap.yaml",
    "deploy/requirements.txt",
    "events/create_item.json",
    "events/create_item_invalid.json",
    "events/delete_item.json",
    "events/get_item.json",
    "events/replace_item.json",
    "src/Makefile",
    "src/requirements.in",
    "src/requirements.txt",
    "src/orders_service/__init__.py",
    "src/orders_service/clients.py",
    "src/orders_service/handler.py",
    "src/orders_service/items.py",
    "src/orders_service/observability.py",
    "src/orders_service/settings.py",
    "tests/__init__.py",
    "tests/integration/__init__.py",
    "tests/integration/conftest.py",
    "tests/integration/test_deployed_api.py",
    "tests/unit/__init__.py",
    "tests/unit/conftest.py",
    "tests/unit/test_dependencies.py",
    "tests/unit/test_handler.py",
    "tests/unit/test_handler_properties.py",
    "tests/unit/test_items.py",
    "tests/unit/test_cost_tool.py",
    "tests/unit/test_deploy_tool.py",
    "tests/unit/test_settings.py",
    "tests/unit/test_tune_tool.py",
    "tools/__init__.py",
    "tools/bootstrap.py",
    "tools/deploy.py",
    "tools/cost.py",
    "tools/find-python.sh",
    "tools/lambda-prices.json",
    "tools/lambda_cost.py",
    "tools/samconfig.py",
    "tools/tune.py",
    "tuning/power-tuning.yaml",
}


def project_files(project: Path) -> set[str]:
    return {str(path.relative_to(project)) for path in project.rglob("*") if path.is_file()}


def test_default_bake_has_the_expected_tree(default_project):
    assert default_project.name == "orders-service"
    assert project_files(default_project) == EXPECTED_FILES


def test_no_jinja_survives_in_names_or_contents(default_project):
    leftovers = []
    for path in default_project.rglob("*"):
        if JINJA_RESIDUE.search(path.name):
            leftovers.append(f"name: {path}")
        if path.is_file() and JINJA_RESIDUE.search(path.read_text()):
            line = next(ln for ln in path.read_text().splitlines() if JINJA_RESIDUE.search(ln))
            leftovers.append(f"{path.relative_to(default_project)}: {line.strip()}")
    assert leftovers == []


def test_template_embodies_the_answers_and_the_profile(default_project):
    template = load_template(default_project / "template.yaml")
    profile = TEMPLATE_CONTEXT["_workload_profiles"]["api"]
    function_globals = template["Globals"]["Function"]
    assert function_globals["Runtime"] == "python3.13"
    assert function_globals["Architectures"] == ["arm64"]
    assert function_globals["MemorySize"] == profile["memory_size"]
    assert function_globals["Timeout"] == profile["api_timeout"]
    assert function_globals["Tracing"] == "Active"
    assert function_globals["LoggingConfig"]["LogFormat"] == "JSON"
    assert function_globals["Environment"]["Variables"] == {
        "POWERTOOLS_SERVICE_NAME": "orders-service",
        "POWERTOOLS_METRICS_NAMESPACE": "orders-service",
    }
    assert function_globals["Tags"]["owner-team"] == "platform"
    assert function_globals["Tags"]["project"] == "orders-service"
    layer = template["Parameters"]["PowertoolsLayerArn"]["Default"]
    assert layer == (
        "arn:aws:lambda:us-east-1:017000801446:layer:"
        f"AWSLambdaPowertoolsPythonV3-python313-arm64:{TEMPLATE_CONTEXT['_powertools']['layer_version']}"
    )


def test_function_is_wired_for_production(default_project):
    resources = load_template(default_project / "template.yaml")["Resources"]
    function = resources["Function"]["Properties"]
    assert function["Handler"] == "orders_service.handler.lambda_handler"
    assert function["Role"] == {"Fn::GetAtt": ["FunctionRole", "Arn"]}
    (policy,) = resources["FunctionRole"]["Properties"]["Policies"]
    (table_access,) = [
        s for s in policy["PolicyDocument"]["Statement"] if s["Sid"] == "ReadWriteItems"
    ]
    assert table_access["Resource"] == {"Fn::GetAtt": ["DataTable", "Arn"]}
    assert set(table_access["Action"]) == {
        "dynamodb:GetItem",
        "dynamodb:PutItem",
        "dynamodb:UpdateItem",
        "dynamodb:DeleteItem",
    }
    assert function["Environment"]["Variables"] == {"TABLE_NAME": {"Ref": "DataTable"}}
    assert function["LoggingConfig"]["LogGroup"] == {"Ref": "FunctionLogGroup"}
    assert function["DeadLetterQueue"] == {
        "Type": "SQS",
        "TargetArn": {"Fn::GetAtt": ["FunctionDeadLetterQueue", "Arn"]},
    }
    assert function["EventInvokeConfig"]["MaximumRetryAttempts"] == 2
    reserved = function["ReservedConcurrentExecutions"]["Fn::If"]
    assert reserved == [
        "HasReservedConcurrency",
        {"Ref": "ReservedConcurrency"},
        {"Ref": "AWS::NoValue"},
    ]
    routes = {
        (event["Properties"]["Method"], event["Properties"]["Path"])
        for event in function["Events"].values()
    }
    assert routes == {
        ("POST", "/items"),
        ("GET", "/items/{item_id}"),
        ("PUT", "/items/{item_id}"),
        ("DELETE", "/items/{item_id}"),
        # Every other route reaches the function too, which answers the JSON 404.
        ("ANY", "$default"),
    }
    assert resources["FunctionLogGroup"]["Properties"]["RetentionInDays"] == 30


def test_table_api_and_alarms(default_project):
    resources = load_template(default_project / "template.yaml")["Resources"]
    table = resources["DataTable"]["Properties"]
    assert table["BillingMode"] == "PAY_PER_REQUEST"
    assert table["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}
    assert table["SSESpecification"] == {"SSEEnabled": True}

    api = resources["HttpApi"]["Properties"]
    assert set(api["DefaultRouteSettings"]) == {"ThrottlingBurstLimit", "ThrottlingRateLimit"}
    assert api["AccessLogSettings"]["DestinationArn"] == {
        "Fn::GetAtt": ["HttpApiAccessLogGroup", "Arn"]
    }

    alarms = {
        props["MetricName"]: props
        for resource in resources.values()
        if resource["Type"] == "AWS::CloudWatch::Alarm"
        for props in [resource["Properties"]]
    }
    assert set(alarms) == {"Errors", "Throttles", "Duration", "ApproximateNumberOfMessagesVisible"}
    assert alarms["Duration"]["ExtendedStatistic"] == "p99"
    assert alarms["Duration"]["Threshold"] == 10 * 1000 * 0.8
    assert all(alarm["AlarmActions"] == [{"Ref": "AlarmTopic"}] for alarm in alarms.values())
    subscription = resources["AlarmEmailSubscription"]
    assert subscription["Condition"] == "HasAlarmEmail"


def test_outputs_name_the_api_function_table_and_queue(default_project):
    outputs = load_template(default_project / "template.yaml")["Outputs"]
    assert {"ApiUrl", "FunctionArn", "DataTableName", "DeadLetterQueueUrl"} <= set(outputs)


def test_project_lints_clean(default_project, default_venv):
    result = make(default_project, "lint", venv=default_venv)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "All checks passed!" in result.stdout


def test_lint_fails_on_a_broken_template(default_project, default_venv, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(default_project, broken)
    template = broken / "template.yaml"
    text = template.read_text()
    text = text.replace("Resource: !GetAtt DataTable.Arn", "Resource: !GetAtt DataTabel.Arn", 1)
    text = text.replace("Runtime: python3.13", "Runtime: python3.99", 1)
    template.write_text(text)

    result = make(broken, "lint", venv=default_venv)
    assert result.returncode != 0
    assert "DataTabel" in result.stdout
    assert "python3.99" in result.stdout


def test_generated_test_suite_passes(default_project, default_venv):
    result = make(default_project, "test", venv=default_venv)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    summary = result.stdout.strip().splitlines()[-1]
    assert re.search(r"\b\d{2,} passed\b", summary), summary
    assert "failed" not in summary
    assert "error" not in summary


@pytest.mark.parametrize(
    ("workload", "memory_range"),
    [
        ("api", (128, 256)),
        ("data-processing", (512, 1024)),
        ("ml-inference", (1024, 3008)),
        ("image-processing", (512, 1024)),
    ],
)
def test_workload_profiles_follow_the_practices_table(cookies, workload, memory_range):
    """Each profile's memory lies in lambda-practices.md's range and reaches the template."""
    project = bake_project(cookies, {"workload": workload})
    globals_ = load_template(project / "template.yaml")["Globals"]["Function"]
    profile = TEMPLATE_CONTEXT["_workload_profiles"][workload]
    assert globals_["MemorySize"] == profile["memory_size"]
    assert memory_range[0] <= globals_["MemorySize"] <= memory_range[1]
    assert globals_["Timeout"] == profile["api_timeout"] <= 29
