"""Is a request allowed by a role's policies? A small IAM evaluator for the IAM tests.

It follows AWS's documented evaluation for identity policies within one account:
an explicit Deny wins, otherwise an Allow whose Action, Resource and Condition all
match is needed. Action names match case-insensitively and resources
case-sensitively, both with ``*`` and ``?`` wildcards; a condition key missing
from the request fails its operator, as in IAM. An operator it does not know
raises instead of guessing, so a test cannot pass through an unread condition.

Statements come from a template through :func:`role_statements`, with parameters,
pseudo parameters, ``Fn::Sub``, ``Fn::GetAtt`` and ``Fn::If`` resolved for one stack.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tests.deploy_checks import Stack


@dataclass(frozen=True)
class Request:
    """One API call: its action, the resource it acts on and its condition keys."""

    action: str
    resource: str
    context: Mapping[str, str] = field(default_factory=dict)


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _matches(pattern: str, value: str, *, case_sensitive: bool) -> bool:
    regex = fnmatch.translate(pattern)
    return re.match(regex, value, 0 if case_sensitive else re.IGNORECASE) is not None


def _condition_holds(operator: str, key: str, expected: Any, context: Mapping[str, str]) -> bool:
    if key not in context:
        return False
    actual = context[key]
    wanted = [str(value) for value in _as_list(expected)]
    if operator in {"StringEquals", "ArnEquals"}:
        return actual in wanted
    if operator in {"StringLike", "ArnLike"}:
        return any(_matches(value, actual, case_sensitive=True) for value in wanted)
    if operator == "Bool":
        return actual.lower() in {value.lower() for value in wanted}
    raise NotImplementedError(f"condition operator {operator} is not evaluated here")


def _statement_applies(statement: Mapping[str, Any], request: Request) -> bool:
    if "Action" in statement:
        actions = _as_list(statement["Action"])
        if not any(_matches(a, request.action, case_sensitive=False) for a in actions):
            return False
    elif any(
        _matches(a, request.action, case_sensitive=False) for a in _as_list(statement["NotAction"])
    ):
        return False
    if "Resource" in statement:
        resources = _as_list(statement["Resource"])
        if not any(_matches(r, request.resource, case_sensitive=True) for r in resources):
            return False
    elif any(
        _matches(r, request.resource, case_sensitive=True)
        for r in _as_list(statement.get("NotResource", []))
    ):
        return False  # a trust policy has neither: it is about the role itself
    return all(
        _condition_holds(operator, key, expected, request.context)
        for operator, keys in statement.get("Condition", {}).items()
        for key, expected in keys.items()
    )


def allowed(statements: list[Mapping[str, Any]], request: Request) -> bool:
    """Whether the statements allow the request: an applying Allow and no applying Deny."""
    applying = [s for s in statements if _statement_applies(s, request)]
    if any(s["Effect"] == "Deny" for s in applying):
        return False
    return any(s["Effect"] == "Allow" for s in applying)


def _condition_value(stack: Stack, condition: Any) -> bool:
    """The value of a template condition (Equals, Not, And, Or, Condition)."""
    if isinstance(condition, str):
        return _condition_value(stack, stack.template["Conditions"][condition])
    ((function, argument),) = condition.items()
    if function == "Fn::Equals":
        left, right = (stack.evaluate(item) for item in argument)
        return str(left) == str(right)
    if function == "Fn::Not":
        return not _condition_value(stack, argument[0])
    if function == "Fn::And":
        return all(_condition_value(stack, item) for item in argument)
    if function == "Fn::Or":
        return any(_condition_value(stack, item) for item in argument)
    if function == "Condition":
        return _condition_value(stack, argument)
    raise NotImplementedError(f"condition function {function}")


def resolve(stack: Stack, value: Any) -> Any:
    """A policy value with every intrinsic function resolved for this stack."""
    if isinstance(value, list):
        return [item for item in (resolve(stack, v) for v in value) if item is not _NO_VALUE]
    if isinstance(value, dict):
        if value == {"Ref": "AWS::NoValue"}:
            return _NO_VALUE
        if len(value) == 1 and "Fn::If" in value:
            name, when_true, when_false = value["Fn::If"]
            return resolve(stack, when_true if _condition_value(stack, name) else when_false)
        if len(value) == 1 and next(iter(value)).startswith(("Fn::", "Ref")):
            return stack.evaluate(value)
        return {key: resolve(stack, item) for key, item in value.items()}
    return value


_NO_VALUE = object()


def role_statements(stack: Stack, role: str) -> list[dict[str, Any]]:
    """Every statement of the role's inline policies, resolved for ``stack``."""
    properties = stack.template["Resources"][role]["Properties"]
    statements = []
    for policy in properties.get("Policies", []):
        statements += resolve(stack, policy["PolicyDocument"]["Statement"])
    return statements


def trust_statements(stack: Stack, role: str) -> list[dict[str, Any]]:
    """The role's trust policy statements, resolved for ``stack``."""
    properties = stack.template["Resources"][role]["Properties"]
    return resolve(stack, properties["AssumeRolePolicyDocument"]["Statement"])
