"""`make tune`: the tuning input and the state machine run, against stubbed AWS APIs."""

from __future__ import annotations

import json
from pathlib import Path

import boto3
import pytest
from botocore.stub import Stubber

from tools import tune

EVENT = Path(tune.PROJECT_DIR) / "events" / "{{ features(cookiecutter).sample_event }}"
STACK, REGION = tune.stack_settings("default")
FUNCTION_ARN = f"arn:aws:lambda:{REGION}:123456789012:function:{STACK}-Function-AbC"
STATE_MACHINE = f"arn:aws:states:{REGION}:123456789012:stateMachine:powerTuningStateMachine-x"
EXECUTION = f"arn:aws:states:{REGION}:123456789012:execution:powerTuningStateMachine-x:1"
RESULT = {
    "power": 512,
    "cost": 0.0000021,
    "duration": 38.5,
    "stateMachine": {"visualization": "https://lambda-power-tuning.show/#abc"},
}


def stack(name: str, key: str, value: str) -> dict:
    return {
        "Stacks": [
            {
                "StackName": name,
                "CreationTime": "2026-12-04T10:15:30Z",
                "StackStatus": "CREATE_COMPLETE",
                "Outputs": [{"OutputKey": key, "OutputValue": value}],
            }
        ]
    }


@pytest.fixture
def session(monkeypatch, tmp_path):
    monkeypatch.setattr(tune, "INPUT_FILE", tmp_path / "input.json")
    monkeypatch.setattr(tune, "POLL_SECONDS", 0)
    session = boto3.session.Session(region_name=REGION)
    cloudformation = session.client("cloudformation")
    stepfunctions = session.client("stepfunctions")
    with Stubber(cloudformation) as cfn, Stubber(stepfunctions) as sfn:
        cfn.add_response("describe_stacks", stack(STACK, "FunctionArn", FUNCTION_ARN))
        cfn.add_response(
            "describe_stacks", stack(f"{STACK}-power-tuning", "StateMachineARN", STATE_MACHINE)
        )
        sfn.add_response(
            "start_execution",
            {"executionArn": EXECUTION, "startDate": "2026-12-04T10:15:30Z"},
        )
        for status, extra in (("RUNNING", {}), ("SUCCEEDED", {"output": json.dumps(RESULT)})):
            sfn.add_response(
                "describe_execution",
                {
                    "executionArn": EXECUTION,
                    "stateMachineArn": STATE_MACHINE,
                    "status": status,
                    "startDate": "2026-12-04T10:15:30Z",
                    **extra,
                },
            )
        clients = {"cloudformation": cloudformation, "stepfunctions": stepfunctions}
        monkeypatch.setattr(session, "client", lambda name, **_kwargs: clients[name])
        yield session
        cfn.assert_no_pending_responses()
        sfn.assert_no_pending_responses()


def test_tuning_runs_the_workload_range_with_a_sample_event(session, capsys):
    deployed = []
    tune.main(["--event", str(EVENT)], session=session, deploy=lambda *args: deployed.append(args))
    assert deployed == [(f"{STACK}-power-tuning", REGION, FUNCTION_ARN)]
    sent = json.loads(tune.INPUT_FILE.read_text())
    assert sent["lambdaARN"] == FUNCTION_ARN
    assert sent["powerValues"] == {{ cookiecutter._workload_profiles[cookiecutter.workload].power_values | tojson }}
    assert sent["strategy"] == "{{ cookiecutter.tuning_strategy }}"
    assert sent["num"] >= 5
    assert sent["payload"] == json.loads(EVENT.read_text())
    out = capsys.readouterr().out
    assert "Recommended memory: 512 MB" in out
    assert RESULT["stateMachine"]["visualization"] in out


def test_a_failed_tuning_is_reported(monkeypatch):
    stepfunctions = boto3.client("stepfunctions", region_name=REGION)
    with Stubber(stepfunctions) as sfn:
        sfn.add_response("start_execution", {"executionArn": EXECUTION, "startDate": "2026-12-04"})
        sfn.add_response(
            "describe_execution",
            {
                "executionArn": EXECUTION,
                "stateMachineArn": STATE_MACHINE,
                "status": "FAILED",
                "startDate": "2026-12-04",
            },
        )
        with pytest.raises(tune.TuningError, match="FAILED"):
            tune.run(stepfunctions, STATE_MACHINE, {"lambdaARN": FUNCTION_ARN})
