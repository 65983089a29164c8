"""Print the CloudFormation that the SAM transform makes of a template, as JSON.

Run with the SAM CLI's interpreter (it has samtranslator):

    python sam_transform.py FILE                 # one transform, for a stack called "review"
    python sam_transform.py FILE STACKS_JSON     # one transform per stack

``STACKS_JSON`` maps stack names to their parameter overrides, e.g.
``{"orders-dev": {"Stage": "dev"}, "orders-prod": {"Stage": "prod"}}``; the output
then maps the same names to their transformed templates. The code of each
function is replaced by a placeholder S3 location, as `sam package` would; no
AWS call is made.
"""

import copy
import json
import sys

from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse

PSEUDO_PARAMETERS = {
    "AWS::AccountId": "123456789012",
    "AWS::Partition": "aws",
    "AWS::Region": "us-east-1",
}


class NoManagedPolicies:
    """The template names no managed policy by name, so there is nothing to look up."""

    def load(self) -> dict[str, str]:
        return {}


def transformed(template: dict, stack_name: str, overrides: dict[str, str]) -> dict:
    parameters = {**PSEUDO_PARAMETERS, "AWS::StackName": stack_name, **overrides}
    return transform(copy.deepcopy(template), parameters, NoManagedPolicies())


def main(path: str, stacks: str | None = None) -> None:
    with open(path, encoding="utf-8") as source:
        template = yaml_parse(source.read())
    for resource in template["Resources"].values():
        if resource["Type"] == "AWS::Serverless::Function":
            resource["Properties"]["CodeUri"] = "s3://bucket/function.zip"
    if stacks is None:
        json.dump(transformed(template, "review", {}), sys.stdout)
        return
    json.dump(
        {
            name: transformed(template, name, overrides)
            for name, overrides in json.loads(stacks).items()
        },
        sys.stdout,
    )


if __name__ == "__main__":
    main(*sys.argv[1:])
