"""The generated integration tests pass against a correctly deployed API, whatever its authorizer.

They run, through the project's own `make test-integration`, against a local
fake of the deployed API that enforces the same authorization as API Gateway:
SigV4 signatures recomputed with botocore for ``iam``, the bearer token for
``jwt``. A request the real API would refuse fails here too.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from botocore.credentials import Credentials

from tests.combinations import Bake, named
from tests.conftest import make, project_venv
from tests.fake_api import FakeApi, serve

KEY_ID, SECRET = "AKIAINTEGRATIONTEST1", "integration-test-secret-key"
TOKEN = "eyJhbGciOiJSUzI1NiJ9.integration.test"


def run_integration_tests(project: Path, url: str, **environment: str) -> str:
    """`make test-integration` against ``url``; returns pytest's summary line."""
    isolated = {
        "STACK_API_URL": url,
        "AWS_CONFIG_FILE": os.devnull,
        "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_EC2_METADATA_DISABLED": "true",
        **environment,
    }
    result = make(project, "test-integration", venv=project_venv(project), env=isolated)
    output = result.stdout + result.stderr
    summary = [
        line for line in output.splitlines() if re.search(r"\d+ (passed|failed|skipped)", line)
    ]
    assert summary, output[-3000:]
    return summary[-1]


def test_integration_tests_pass_against_an_open_api(bake: Bake):
    api = FakeApi(auth="none")
    with serve(api) as url:
        assert "4 passed" in run_integration_tests(bake(named("api-default")), url)
    assert api.items == {}  # every item the tests made, they deleted


def test_integration_tests_sign_their_requests_for_an_iam_api(bake: Bake, tmp_path: Path):
    project = bake(named("api-iam-provisioned"))
    api = FakeApi(auth="iam", credentials=Credentials(KEY_ID, SECRET))
    credentials = tmp_path / "credentials"
    credentials.write_text(
        f"[default]\naws_access_key_id = {KEY_ID}\naws_secret_access_key = {SECRET}\n"
    )
    signing = {"AWS_SHARED_CREDENTIALS_FILE": str(credentials), "AWS_DEFAULT_REGION": "us-east-1"}
    with serve(api) as url:
        assert "4 passed" in run_integration_tests(project, url, **signing)
    assert api.refused == 0

    api = FakeApi(auth="iam", credentials=Credentials(KEY_ID, "another-secret"))
    with serve(api) as url:
        assert "failed" in run_integration_tests(project, url, **signing)
    assert api.refused > 0


def test_integration_tests_send_the_token_to_a_jwt_api(bake: Bake):
    project = bake(named("api-jwt-snapstart-secretsmanager"))
    api = FakeApi(auth="jwt", token=TOKEN)
    with serve(api) as url:
        assert "4 passed" in run_integration_tests(project, url, STACK_API_TOKEN=TOKEN)
        assert "4 skipped" in run_integration_tests(project, url, STACK_API_TOKEN="")
    assert api.refused == 0
