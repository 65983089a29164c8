"""Smoke test of the deployed bucket: a CSV file uploaded under the prefix is summarised."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any

import pytest

pytestmark = pytest.mark.integration


def test_an_uploaded_file_is_summarised(
    aws: Any, stack_outputs: dict[str, str], wait_for_log: Callable[..., dict[str, Any]]
):
    s3 = aws.client("s3")
    bucket = stack_outputs["UploadsBucketName"]
    key = f"{{ cookiecutter.s3_prefix }}smoke-{uuid.uuid4()}{{ cookiecutter.s3_suffix }}"
    since = time.time()
    s3.put_object(Bucket=bucket, Key=key, Body=b"order_id,total_cents\no-1,100\no-2,250\n")
    try:
        record = wait_for_log("File summarised", since, key=key)
    finally:
        s3.delete_object(Bucket=bucket, Key=key)
    assert record["rows"] == 2
