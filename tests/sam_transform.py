"""Print the CloudFormation that the SAM transform makes of a template, as JSON.

Run with the SAM CLI's interpreter (it has samtranslator): ``python sam_transform.py FILE``.
The code of each function is replaced by a placeholder S3 location, as `sam
package` would; no AWS call is made.
"""

import json
import sys

from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse

PSEUDO_PARAMETERS = {
    "AWS::AccountId": "123456789012",
    "AWS::Partition": "aws",
    "AWS::Region": "us-east-1",
    "AWS::StackName": "review",
}


class NoManagedPolicies:
    """The template names no managed policy by name, so there is nothing to look up."""

    def load(self) -> dict[str, str]:
        return {}


def main(path: str) -> None:
    with open(path, encoding="utf-8") as source:
        template = yaml_parse(source.read())
    for resource in template["Resources"].values():
        if resource["Type"] == "AWS::Serverless::Function":
            resource["Properties"]["CodeUri"] = "s3://bucket/function.zip"
    json.dump(transform(template, PSEUDO_PARAMETERS, NoManagedPolicies()), sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
