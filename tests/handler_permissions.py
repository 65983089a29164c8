"""Print, as JSON, the permissions CloudFormation's handlers need for each resource type given.

Run with the SAM CLI's interpreter, which has cfn-lint and with it the CloudFormation
registry schemas (each type's create, update and delete handlers list the IAM actions
they call):

    python handler_permissions.py AWS::Lambda::Function AWS::SQS::Queue ...
"""

import json
import sys
from pathlib import Path

import cfnlint

SCHEMAS = Path(cfnlint.__file__).parent / "data" / "schemas" / "resources"
HANDLERS = ("create", "update", "delete")


def main(types: list[str]) -> None:
    wanted = set(types)
    permissions: dict[str, list[str]] = {}
    for path in SCHEMAS.glob("*.json"):
        schema = json.loads(path.read_text())
        if schema.get("typeName") in wanted:
            handlers = schema.get("handlers", {})
            permissions[schema["typeName"]] = sorted(
                {p for h in HANDLERS for p in handlers.get(h, {}).get("permissions", [])}
            )
    json.dump(permissions, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
