"""Pins that must move together: the Powertools package the tests run and the layer deployed."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from cfnlint.decode.cfn_yaml import load

PROJECT_DIR = Path(__file__).resolve().parents[2]
LAYER_ARN = re.compile(
    r"arn:aws:lambda:[a-z0-9-]+:017000801446:layer:"
    r"AWSLambdaPowertoolsPythonV3-python3\d+-(?:arm64|x86_64):(?P<version>\d+)"
)


def test_powertools_package_and_layer_are_one_release():
    pyproject = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text())
    release = pyproject["tool"]["powertools-layer"]
    (pin,) = [
        pin
        for pin in pyproject["dependency-groups"]["dev"]
        if pin.startswith("aws-lambda-powertools")
    ]
    assert pin.split("==")[1] == release["release"], "the pin and [tool.powertools-layer] differ"

    template = load(str(PROJECT_DIR / "template.yaml"))
    layer = LAYER_ARN.fullmatch(template["Parameters"]["PowertoolsLayerArn"]["Default"])
    assert layer, "PowertoolsLayerArn is not a Powertools for AWS Lambda (Python) v3 layer"
    assert int(layer["version"]) == release["layer-version"], (
        "template.yaml deploys another Powertools layer than the release pyproject.toml pins"
    )
