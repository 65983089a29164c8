"""The extra_functions answer: further functions of the same service, one per trigger.

Which trigger can join which main trigger is declared in the registry
(lambda_starter/triggers.py, ``Trigger.extra``); the expected pairs, and what an
extra function generates, are written down here and in tests/expected.py. A project
that leaves the answer empty is generated exactly as before the answer existed.
"""

from __future__ import annotations

import filecmp
import json
import re
from pathlib import Path
from typing import Any

import pytest

from lambda_starter import answer_rules
from lambda_starter.answer_rules import applies, check_answer, check_answers, inapplicable
from lambda_starter.cfn_yaml import load_template
from lambda_starter.features import extra_functions_of
from lambda_starter.jinja_extension import recorded_answers
from lambda_starter.template_version import ANSWERS_KEY
from lambda_starter.triggers import TRIGGERS, extras_for
from tests.combinations import COMBINATIONS, Bake, named
from tests.conftest import make, project_venv, run
from tests.expected import EXTRA_FUNCTION_PAIRS, EXTRA_FUNCTION_SIZES
from tests.stacks import transform
from tests.test_answer_rules import default_answers

DEFAULTS = default_answers()


def refusal(value: Any, **answers: Any) -> str:
    """What the rule says about ``extra_functions=value`` with the other ``answers``."""
    context = DEFAULTS | answers | {"extra_functions": value}
    error = check_answer("extra_functions", value, context)
    assert error is not None, value
    return str(error)


def test_the_registry_declares_the_pairs_written_down():
    declared = {main: extras_for(main) for main in TRIGGERS if extras_for(main)}
    assert declared == EXTRA_FUNCTION_PAIRS


def test_every_declared_pair_is_a_declared_combination():
    combined = {
        (answers.get("trigger", "http-api"), extra)
        for answers in (combination.answers for combination in COMBINATIONS)
        for extra in answers.get("extra_functions", "").split(",")
        if extra
    }
    pairs = {(main, extra) for main, extras in EXTRA_FUNCTION_PAIRS.items() for extra in extras}
    assert combined == pairs


@pytest.mark.parametrize("value", ["", " ", ","])
def test_no_extra_function_is_accepted(value: str):
    assert check_answers(DEFAULTS | {"extra_functions": value}) == []


@pytest.mark.parametrize("trigger", sorted(TRIGGERS))
def test_the_answer_is_asked_only_where_a_trigger_can_join(trigger: str):
    assert applies("extra_functions", DEFAULTS | {"trigger": trigger}) == (
        trigger in EXTRA_FUNCTION_PAIRS
    )


def test_a_given_value_is_checked_although_the_answer_is_not_asked():
    assert applies("extra_functions", DEFAULTS | {"extra_functions": "sqs"})
    assert applies("extra_functions", DEFAULTS | {"extra_functions": ["sqs"]})


def test_an_unknown_trigger_is_refused_naming_the_known_ones():
    assert refusal("ftp") == (
        "extra_functions='ftp' is not allowed: 'ftp' is not a trigger (they are http-api, sqs, "
        "schedule, eventbridge, s3, kinesis, dynamodb-stream); empty, or the triggers that can "
        "join a http-api function, each once and comma-separated: sqs, schedule, "
        "dynamodb-stream."
    )


def test_the_main_trigger_is_refused():
    assert refusal(" s3 ", trigger="s3") == (
        "extra_functions=' s3 ' is not allowed: s3 is the main function's trigger already; "
        "empty: no trigger can join a s3 function yet."
    )


def test_a_pair_that_is_not_generated_is_refused():
    assert refusal("sqs,kinesis") == (
        "extra_functions='sqs,kinesis' is not allowed: a kinesis function cannot join a "
        "http-api function; empty, or the triggers that can join a http-api function, each "
        "once and comma-separated: sqs, schedule, dynamodb-stream."
    )


def test_a_trigger_no_function_can_join_says_so():
    assert refusal("schedule", trigger="eventbridge").endswith(
        "a schedule function cannot join a eventbridge function; empty: no trigger can join a "
        "eventbridge function yet."
    )


def test_a_list_instead_of_text_is_refused():
    assert refusal(["sqs"]).endswith(
        "is not allowed: empty, or the triggers that can join a http-api function, each once "
        "and comma-separated: sqs, schedule, dynamodb-stream."
    )


def test_the_rule_names_the_triggers_that_can_join():
    allowed = (
        "empty, or the triggers that can join a sqs function, each once and "
        "comma-separated: schedule."
    )
    assert check_answers(DEFAULTS | {"trigger": "sqs", "extra_functions": " schedule "}) == []
    assert refusal("schedule,schedule", trigger="sqs").endswith(
        f"schedule is listed twice; {allowed}"
    )
    assert refusal("schedule,kinesis", trigger="sqs").endswith(
        f"a kinesis function cannot join a sqs function; {allowed}"
    )


def test_the_answer_is_recorded_only_when_given():
    answers = {"trigger": "http-api", "extra_functions": ""}
    recorded = recorded_answers(answers)
    recorded.pop(ANSWERS_KEY, None)
    assert recorded == {"trigger": "http-api"}
    assert recorded_answers(answers | {"extra_functions": "sqs"})["extra_functions"] == "sqs"


def same_tree(left: Path, right: Path) -> list[str]:
    """The files that differ between two trees, or exist in one only (relative paths)."""
    comparison = filecmp.dircmp(left, right)
    differences = [*comparison.left_only, *comparison.right_only, *comparison.funny_files]
    _, mismatch, errors = filecmp.cmpfiles(left, right, comparison.common_files, shallow=False)
    differences += mismatch + errors
    for name in comparison.common_dirs:
        differences += [f"{name}/{path}" for path in same_tree(left / name, right / name)]
    return differences


@pytest.mark.subprocess
def test_an_empty_answer_generates_the_single_function_project(cookies: Any):
    """Fresh bakes both: the session's default project has run its own tools by now."""
    default = cookies.bake()
    given = cookies.bake(extra_context={"extra_functions": ""})
    assert default.exit_code == given.exit_code == 0, (default.exception, given.exception)
    project = Path(given.project_path)
    assert same_tree(Path(default.project_path), project) == []
    assert "extra_functions" not in json.loads((project / ".cookiecutter.json").read_text())


@pytest.mark.subprocess
def test_the_pre_generation_hook_refuses_an_extra_function(cookies: Any):
    result = cookies.bake(extra_context={"extra_functions": "kinesis"})
    assert result.exit_code != 0
    assert result.project_path is None or not Path(result.project_path).exists()


TWO_FUNCTIONS = named("sqs-with-maintenance-job")


def logical_ids(value: Any) -> set[str]:
    """The logical ids a CloudFormation value refers to (Ref, Fn::GetAtt, ${...} in Fn::Sub)."""
    if isinstance(value, dict):
        if "Ref" in value:
            return {value["Ref"]}
        if "Fn::GetAtt" in value:
            target = value["Fn::GetAtt"]
            return {target[0] if isinstance(target, list) else target.split(".")[0]}
        if "Fn::Sub" in value:
            text = value["Fn::Sub"] if isinstance(value["Fn::Sub"], str) else value["Fn::Sub"][0]
            return {name.split(".")[0] for name in re.findall(r"\$\{([^}!]+)\}", text)}
        return set().union(*(logical_ids(item) for item in value.values()))
    if isinstance(value, list):
        return set().union(*(logical_ids(item) for item in value))
    return set()


def statement_targets(resources: dict[str, Any], role: str) -> set[str]:
    """What the role's statements name: logical ids, or "*"."""
    (policy,) = resources[role]["Properties"]["Policies"]
    targets: set[str] = set()
    for statement in policy["PolicyDocument"]["Statement"]:
        if "Fn::If" in statement:  # a statement under a condition: the one it grants
            statement = statement["Fn::If"][1]
        resource = statement["Resource"]
        targets |= {"*"} if resource == "*" else logical_ids(resource)
    return {target for target in targets if not target.startswith("AWS::")}


@pytest.mark.subprocess  # a bake: the hooks run in another process
def test_the_maintenance_job_is_a_function_of_its_own(bake: Bake):
    resources = load_template(bake(TWO_FUNCTIONS) / "template.yaml")["Resources"]
    function = resources["MaintenanceFunction"]["Properties"]
    assert function["Handler"] == "orders_service.maintenance.handler.lambda_handler"
    sizes = (function["MemorySize"], function["Timeout"], function["EphemeralStorage"]["Size"])
    assert sizes == EXTRA_FUNCTION_SIZES["MaintenanceFunction"]
    assert function["LoggingConfig"]["LogGroup"] == {"Ref": "MaintenanceFunctionLogGroup"}
    assert function["Role"] == {"Fn::GetAtt": ["MaintenanceFunctionRole", "Arn"]}
    destination = function["EventInvokeConfig"]["DestinationConfig"]["OnFailure"]["Destination"]
    assert logical_ids(destination) == {"MaintenanceFailureDestinationQueue"}
    schedule = function["Events"]["Schedule"]["Properties"]
    assert logical_ids(schedule["DeadLetterConfig"]) == {"MaintenanceScheduleDeadLetterQueue"}
    deployment = function["DeploymentPreference"]
    assert logical_ids(deployment["Role"]) == {"MaintenanceCodeDeployRole"}
    assert logical_ids(deployment["Alarms"]) == {"MaintenanceNewVersionErrorsAlarm"}
    # Only the main function takes the stack's reserved concurrency and pre-traffic hook.
    assert "ReservedConcurrentExecutions" not in function
    assert "Hooks" not in deployment
    log_group = resources["MaintenanceFunctionLogGroup"]["Properties"]["LogGroupName"]
    assert log_group == {"Fn::Sub": "/aws/lambda/${AWS::StackName}/maintenance"}


@pytest.mark.subprocess  # a bake: the hooks run in another process
def test_each_role_reaches_only_its_own_resources_and_the_shared_tables(bake: Bake):
    resources = load_template(bake(TWO_FUNCTIONS) / "template.yaml")["Resources"]
    assert statement_targets(resources, "MaintenanceFunctionRole") == {
        "*",  # X-Ray's PutTraceSegments accepts no narrower resource
        "MaintenanceFunctionLogGroup",
        "DataTable",
        "IdempotencyTable",
        "MaintenanceFailureDestinationQueue",
    }
    assert statement_targets(resources, "FunctionRole") == {
        "*",
        "FunctionLogGroup",
        "DataTable",
        "IdempotencyTable",
        "SourceQueue",
    }
    assert statement_targets(resources, "MaintenanceCodeDeployRole") == {
        "MaintenanceFunction",
        "MaintenanceNewVersionErrorsAlarm",
    }


@pytest.mark.subprocess  # a bake: the hooks run in another process
def test_the_rollback_alarm_watches_the_maintenance_job_s_alias(bake: Bake):
    resources = load_template(bake(TWO_FUNCTIONS) / "template.yaml")["Resources"]
    dimensions = resources["MaintenanceNewVersionErrorsAlarm"]["Properties"]["Dimensions"]
    assert {d["Name"]: d["Value"] for d in dimensions} == {
        "FunctionName": {"Ref": "MaintenanceFunction"},
        "Resource": {"Fn::Sub": "${MaintenanceFunction}:live"},
        "ExecutedVersion": {"Fn::GetAtt": ["MaintenanceFunction", "Version.Version"]},
    }


@pytest.mark.subprocess  # a bake: the hooks run in another process
def test_the_maintenance_job_has_its_own_subpackage_and_tests(bake: Bake):
    project = bake(TWO_FUNCTIONS)
    package = project / "src" / "orders_service" / "maintenance"
    assert {path.name for path in package.iterdir()} == {
        "__init__.py",
        "handler.py",
        "jobs.py",
        "idempotency.py",
    }
    tests = project / "tests" / "unit" / "maintenance"
    assert {path.name for path in tests.iterdir()} == {
        "__init__.py",
        "test_handler.py",
        "test_handler_properties.py",
    }
    build = (project / "src" / "Makefile").read_text()
    assert "\nbuild-Function build-MaintenanceFunction:\n" in build


@pytest.mark.subprocess
@pytest.mark.parametrize(
    ("function", "command"),
    [
        (
            "",
            "sam remote invoke Function --config-env default --event-file events/orders_batch.json",
        ),
        (
            "MaintenanceFunction",
            "sam remote invoke MaintenanceFunction --config-env default "
            "--event-file events/scheduled_run.json",
        ),
    ],
)
def test_make_invoke_picks_the_function_and_its_sample_event(
    bake: Bake, function: str, command: str
):
    project = bake(TWO_FUNCTIONS)
    arguments = [f"FUNCTION={function}"] if function else []
    result = run(["make", "--no-print-directory", "-n", "invoke", *arguments], project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == command


@pytest.mark.subprocess
def test_make_logs_picks_the_function(bake: Bake):
    project = bake(TWO_FUNCTIONS)
    result = run(
        ["make", "--no-print-directory", "-n", "logs", "FUNCTION=MaintenanceFunction"], project
    )
    assert result.stdout.strip() == "sam logs --config-env default --name MaintenanceFunction"


@pytest.mark.subprocess
@pytest.mark.parametrize(
    ("function", "arguments"),
    [
        ("", "--function Function --event events/orders_batch.json"),
        ("MaintenanceFunction", "--function MaintenanceFunction --event events/scheduled_run.json"),
    ],
)
def test_make_tune_picks_the_function_and_its_sample_event(
    bake: Bake, function: str, arguments: str
):
    project = bake(TWO_FUNCTIONS)
    chosen = [f"FUNCTION={function}"] if function else []
    # -o: the virtualenv counts as installed, so only the tuning command is printed.
    command = ["make", "--no-print-directory", "-n", "-o", ".venv/.installed", "tune", *chosen]
    result = run(command, project)
    assert result.returncode == 0, result.stderr
    tune = ".venv/bin/python -m tools.tune --config-env default"
    assert result.stdout.strip() == f"{tune} {arguments}"


@pytest.mark.subprocess
def test_make_tune_refuses_an_unknown_function_naming_the_known_ones(bake: Bake):
    project = bake(TWO_FUNCTIONS)
    result = make(project, "tune", "FUNCTION=NoSuchFunction", venv=project_venv(project))
    assert result.returncode != 0
    extras = extra_functions_of(DEFAULTS | TWO_FUNCTIONS.answers)
    prefixes = ["", *(extra["_function"]["prefix"] for extra in extras)]
    known = ", ".join(f"{prefix}Function" for prefix in prefixes)
    assert (
        f"make tune: the stack has no function 'NoSuchFunction'; FUNCTION is one of {known}"
        in result.stderr.splitlines()
    )


@pytest.mark.subprocess
def test_the_project_s_tune_tests_tune_every_function_on_its_own(bake: Bake):
    """Each function's ARN output, memory range, sample event and tuner stack (Stubber)."""
    project = bake(TWO_FUNCTIONS)
    python = project_venv(project) / "bin" / "python"
    result = run(
        [str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "tests/unit/test_tune_tool.py", "-k", "MaintenanceFunction"],
        project,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-4000:]
    assert re.search(r"\b[1-9]\d* passed", result.stdout), result.stdout[-2000:]


def test_an_extra_functions_own_answers_apply():
    """The maintenance job's schedule is asked and checked, though sqs is the main trigger."""
    worker = DEFAULTS | {"trigger": "sqs"}
    assert not applies("schedule_expression", worker)
    assert inapplicable("schedule_expression", worker) == "only with trigger schedule"
    with_job = worker | {"extra_functions": "schedule"}
    assert applies("schedule_expression", with_job)
    assert inapplicable("schedule_expression", with_job) is None
    assert not applies("schedule_expression", worker | {"extra_functions": ["schedule"]})
    assert not applies("event_source", with_job)  # another trigger's answer stays out


def test_the_rule_lists_every_trigger_that_can_join(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(answer_rules, "extras_for", lambda main: ("schedule", "s3"))
    assert refusal("kinesis", trigger="sqs").endswith(
        "a kinesis function cannot join a sqs function; empty, or the triggers that can join "
        "a sqs function, each once and comma-separated: schedule, s3."
    )


API_AND_WORKER = named("api-with-worker")
THREE_FUNCTIONS = named("api-with-worker-and-maintenance-job-kms-secretsmanager")


@pytest.mark.subprocess  # a bake: the hooks run in another process
def test_the_worker_is_a_function_of_its_own_fed_by_its_queue(bake: Bake):
    resources = load_template(bake(API_AND_WORKER) / "template.yaml")["Resources"]
    function = resources["WorkerFunction"]["Properties"]
    assert function["Handler"] == "orders_service.worker.handler.lambda_handler"
    sizes = (function["MemorySize"], function["Timeout"], function["EphemeralStorage"]["Size"])
    assert sizes == EXTRA_FUNCTION_SIZES["WorkerFunction"]
    (event,) = function["Events"].values()
    assert event["Type"] == "SQS"
    assert logical_ids(event["Properties"]["Queue"]) == {"WorkerSourceQueue"}
    assert event["Properties"]["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    queue = resources["WorkerSourceQueue"]["Properties"]
    assert logical_ids(queue["RedrivePolicy"]) == {"WorkerSourceDeadLetterQueue"}
    # Six times the worker's own timeout (300 s), not the API's (10 s).
    assert queue["VisibilityTimeout"] == 6 * 300


@pytest.mark.subprocess  # a bake: the hooks run in another process
def test_the_api_may_only_send_to_the_worker_s_queue(bake: Bake):
    resources = load_template(bake(API_AND_WORKER) / "template.yaml")["Resources"]
    assert statement_targets(resources, "FunctionRole") == {
        "*",
        "FunctionLogGroup",
        "DataTable",
        "FunctionDeadLetterQueue",
        "WorkerSourceQueue",
    }
    (policy,) = resources["FunctionRole"]["Properties"]["Policies"]
    (send,) = [
        statement
        for statement in policy["PolicyDocument"]["Statement"]
        if "WorkerSourceQueue" in logical_ids(statement["Resource"])
    ]
    assert send["Action"] == "sqs:SendMessage"
    assert statement_targets(resources, "WorkerFunctionRole") == {
        "*",
        "WorkerFunctionLogGroup",
        "DataTable",
        "IdempotencyTable",
        "WorkerSourceQueue",
    }
    # The route the API takes orders on.
    routes = resources["Function"]["Properties"]["Events"]
    assert routes["SubmitOrder"]["Properties"] | {"ApiId": None} == {
        "ApiId": None,
        "Method": "POST",
        "Path": "/orders",
    }


@pytest.mark.subprocess  # a bake: the hooks run in another process
def test_every_function_starts_with_the_shared_settings(bake: Bake):
    """settings.py is shared: each function gets the environment it requires."""
    resources = load_template(bake(THREE_FUNCTIONS) / "template.yaml")["Resources"]
    expected = {
        "TABLE_NAME": {"Ref": "DataTable"},
        "IDEMPOTENCY_TABLE_NAME": {"Ref": "IdempotencyTable"},
        "WORKER_QUEUE_URL": {"Ref": "WorkerSourceQueue"},
        "SECRET_NAME": {"Ref": "SecretName"},
    }
    for name in ("Function", "WorkerFunction", "MaintenanceFunction"):
        environment = resources[name]["Properties"]["Environment"]["Variables"]
        assert environment == expected, name


@pytest.mark.subprocess  # a bake: the hooks run in another process
def test_three_functions_each_reach_only_their_own_resources(bake: Bake):
    resources = load_template(bake(THREE_FUNCTIONS) / "template.yaml")["Resources"]
    # The shared tables and key, and the webhook's secret (a parameter) with its own key.
    shared = {"*", "EncryptionKey", "DataTable", "IdempotencyTable"}
    shared |= {"SecretName", "SecretKmsKeyArn"}
    assert statement_targets(resources, "FunctionRole") == shared | {
        "FunctionLogGroup",
        "FunctionDeadLetterQueue",
        "WorkerSourceQueue",
    }
    assert statement_targets(resources, "WorkerFunctionRole") == shared | {
        "WorkerFunctionLogGroup",
        "WorkerSourceQueue",
    }
    assert statement_targets(resources, "MaintenanceFunctionRole") == shared | {
        "MaintenanceFunctionLogGroup",
        "MaintenanceFailureDestinationQueue",
    }


API_AND_CHANGE_CONSUMER = named("api-with-change-consumer-secretsmanager")


@pytest.mark.subprocess  # a bake: the hooks run in another process
def test_the_change_consumer_reads_the_data_table_s_stream(bake: Bake):
    resources = load_template(bake(API_AND_CHANGE_CONSUMER) / "template.yaml")["Resources"]
    function = resources["ChangesFunction"]["Properties"]
    assert function["Handler"] == "orders_service.changes.handler.lambda_handler"
    sizes = (function["MemorySize"], function["Timeout"], function["EphemeralStorage"]["Size"])
    assert sizes == EXTRA_FUNCTION_SIZES["ChangesFunction"]
    (event,) = function["Events"].values()
    assert event["Type"] == "DynamoDB"
    mapping = event["Properties"]
    assert mapping["Stream"] == {"Fn::GetAtt": ["DataTable", "StreamArn"]}
    # Creations, updates and removals of the API's items: every change is work.
    assert "FilterCriteria" not in mapping
    assert (mapping["BisectBatchOnFunctionError"], mapping["MaximumRetryAttempts"]) == (True, 3)
    assert mapping["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
    destination = mapping["DestinationConfig"]["OnFailure"]["Destination"]
    assert logical_ids(destination) == {"ChangesStreamFailureQueue"}
    # The table records both images of every write; it is the API's, and no other is declared.
    table = resources["DataTable"]["Properties"]
    assert table["StreamSpecification"] == {"StreamViewType": "NEW_AND_OLD_IMAGES"}
    assert not {"SourceTable", "StreamFailureQueue", "IteratorAgeAlarm"} & set(resources)
    alarm = resources["ChangesIteratorAgeAlarm"]["Properties"]
    assert alarm["Dimensions"] == [{"Name": "FunctionName", "Value": {"Ref": "ChangesFunction"}}]
    assert alarm["Threshold"] == {"Ref": "ChangesIteratorAgeAlarmMilliseconds"}


@pytest.mark.subprocess  # a bake: the hooks run in another process
def test_only_a_change_consumer_gives_the_data_table_a_stream(bake: Bake):
    resources = load_template(bake(API_AND_WORKER) / "template.yaml")["Resources"]
    assert "StreamSpecification" not in resources["DataTable"]["Properties"]


@pytest.mark.subprocess  # a bake: the hooks run in another process
def test_the_change_consumer_may_read_the_stream_and_never_write_the_table(bake: Bake):
    resources = load_template(bake(API_AND_CHANGE_CONSUMER) / "template.yaml")["Resources"]
    webhook = {"SecretName", "SecretKmsKeyArn"}
    assert statement_targets(resources, "ChangesFunctionRole") == webhook | {
        "*",
        "ChangesFunctionLogGroup",
        "DataTable",  # its stream: below
        "IdempotencyTable",
        "ChangesStreamFailureQueue",
    }
    (policy,) = resources["ChangesFunctionRole"]["Properties"]["Policies"]
    (read,) = [
        statement
        for statement in policy["PolicyDocument"]["Statement"]
        if "DataTable" in logical_ids(statement.get("Resource", {}))
    ]
    assert read["Resource"] == {"Fn::GetAtt": ["DataTable", "StreamArn"]}
    assert read["Action"] == [
        "dynamodb:DescribeStream",
        "dynamodb:GetRecords",
        "dynamodb:GetShardIterator",
        "dynamodb:ListStreams",
    ]
    # The API keeps its own rights on the table, and none on the stream.
    assert statement_targets(resources, "FunctionRole") == webhook | {
        "*",
        "FunctionLogGroup",
        "DataTable",
        "IdempotencyTable",
        "FunctionDeadLetterQueue",
    }


@pytest.mark.subprocess
def test_make_invoke_sends_the_change_consumer_its_item_changes(bake: Bake):
    project = bake(API_AND_CHANGE_CONSUMER)
    command = ["make", "--no-print-directory", "-n", "invoke", "FUNCTION=ChangesFunction"]
    result = run(command, project)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "sam remote invoke ChangesFunction --config-env default "
        "--event-file events/item_changes.json"
    )
    assert not (project / "events" / "order_changes.json").exists()


@pytest.mark.subprocess  # the SAM transform runs in the SAM CLI's virtualenv
def test_the_deployed_mapping_feeds_the_consumer_s_live_alias_from_the_table_s_stream(bake: Bake):
    template = transform(bake(API_AND_CHANGE_CONSUMER), {"review": {}})["review"]
    mappings = [
        resource["Properties"]
        for resource in template["Resources"].values()
        if resource["Type"] == "AWS::Lambda::EventSourceMapping"
    ]
    (mapping,) = mappings
    assert mapping["EventSourceArn"] == {"Fn::GetAtt": ["DataTable", "StreamArn"]}
    assert mapping["FunctionName"] == {"Ref": "ChangesFunctionAliaslive"}
    assert mapping["StartingPosition"] == "TRIM_HORIZON"
    destination = mapping["DestinationConfig"]["OnFailure"]["Destination"]
    assert destination == {"Fn::GetAtt": ["ChangesStreamFailureQueue", "Arn"]}


def test_the_table_s_change_consumer_joins_an_api_alone():
    """The worker and the maintenance job write orders and runs to the data table, which the
    consumer of its stream would take for items and fail on."""
    for others in ("sqs", "schedule"):
        assert refusal(f"{others},dynamodb-stream").endswith(
            "is not allowed: a dynamodb-stream function reads every write to the data table, "
            "so it joins a http-api function alone: the other functions write their own "
            "records there."
        )
    assert check_answers(DEFAULTS | {"extra_functions": "dynamodb-stream"}) == []
    assert check_answers(DEFAULTS | {"extra_functions": "sqs,schedule"}) == []
