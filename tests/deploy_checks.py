"""What a first deploy, a second stack and the first failure would reveal, read off a template.

Each check takes CloudFormation as CloudFormation receives it (the SAM-transformed
template, as a dict) and returns a list of problems, one sentence each; an
empty list passes. The checks know nothing about this template's answers or
resource names: they read resource types and properties, so a new trigger or
resource is checked without being listed here.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

# The property that holds a resource's physical name, where CloudFormation lets the
# template set one. A set name must be unique in its scope (account and region for
# most), so two stacks that set the same one cannot both deploy.
NAME_PROPERTIES = {
    "AWS::CloudWatch::Alarm": "AlarmName",
    "AWS::DynamoDB::Table": "TableName",
    "AWS::Events::EventBus": "Name",
    "AWS::Events::Rule": "Name",
    "AWS::IAM::ManagedPolicy": "ManagedPolicyName",
    "AWS::IAM::Role": "RoleName",
    "AWS::KMS::Alias": "AliasName",
    "AWS::Kinesis::Stream": "Name",
    "AWS::Lambda::Function": "FunctionName",
    "AWS::Logs::LogGroup": "LogGroupName",
    "AWS::S3::Bucket": "BucketName",
    "AWS::Scheduler::Schedule": "Name",
    "AWS::Scheduler::ScheduleGroup": "Name",
    "AWS::SecretsManager::Secret": "Name",
    "AWS::SNS::Topic": "TopicName",
    "AWS::SQS::Queue": "QueueName",
    "AWS::SSM::Parameter": "Name",
    "AWS::StepFunctions::StateMachine": "StateMachineName",
}
PSEUDO_PARAMETERS = {
    "AWS::AccountId": "123456789012",
    "AWS::Partition": "aws",
    "AWS::Region": "us-east-1",
    "AWS::URLSuffix": "amazonaws.com",
}
# Logs Lambda writes itself at each level: WARN and above drop START and REPORT.
SYSTEM_LOG_LEVELS_WITH_REPORTS = {None, "DEBUG", "INFO"}
# Lambda's guidance: a queue's visibility timeout at least six times the function timeout.
VISIBILITY_TIMEOUT_FACTOR = 6
STREAM_SERVICES = ("kinesis", "dynamodb")


@dataclass(frozen=True)
class Stack:
    """One deployment of a template: its name, parameter values and creation."""

    name: str
    template: Mapping[str, Any]
    overrides: Mapping[str, str] = field(default_factory=dict)
    creation: str = "first"

    @property
    def stack_id(self) -> str:
        unique = uuid.uuid5(uuid.NAMESPACE_URL, f"{self.name}/{self.creation}")
        return f"arn:aws:cloudformation:us-east-1:123456789012:stack/{self.name}/{unique}"

    def value_of(self, name: str) -> Any:
        """The value of a parameter or pseudo parameter; None for a resource (generated)."""
        if name == "AWS::StackName":
            return self.name
        if name == "AWS::StackId":
            return self.stack_id
        if name in PSEUDO_PARAMETERS:
            return PSEUDO_PARAMETERS[name]
        parameters = self.template.get("Parameters", {})
        if name in parameters:
            return self.overrides.get(name, parameters[name].get("Default"))
        return None

    def evaluate(self, value: Any) -> Any:
        """A property value with its intrinsic functions resolved; None where it cannot be.

        Refs and attributes of resources resolve to markers unique to this stack,
        because CloudFormation generates those names.
        """
        if not isinstance(value, dict) or len(value) != 1:
            return value
        ((function, argument),) = value.items()
        if function == "Ref":
            resolved = self.value_of(argument)
            return resolved if resolved is not None else f"<{self.stack_id}/{argument}>"
        if function == "Fn::GetAtt":
            logical_id, attribute = argument if isinstance(argument, list) else argument.split(".")
            return f"<{self.stack_id}/{logical_id}.{attribute}>"
        if function == "Fn::Sub":
            return self._substitute(argument)
        if function == "Fn::Join":
            separator, parts = argument
            resolved = [self.evaluate(part) for part in parts]
            return None if None in resolved else separator.join(map(str, resolved))
        if function == "Fn::Select":
            index, items = argument
            items = self.evaluate(items)
            return None if items is None else items[int(index)]
        if function == "Fn::Split":
            separator, text = argument
            text = self.evaluate(text)
            return None if text is None else text.split(separator)
        return None

    def _substitute(self, argument: str | list[Any]) -> str | None:
        text, variables = (argument, {}) if isinstance(argument, str) else argument
        values = {name: self.evaluate(expression) for name, expression in variables.items()}

        def replace(match: re.Match[str]) -> str:
            name = match[1]
            if name in values:
                return str(values[name])
            if "." in name:
                return str(self.evaluate({"Fn::GetAtt": name.split(".", 1)}))
            return str(self.evaluate({"Ref": name}))

        if None in values.values():
            return None
        return re.sub(r"\$\{([^}!]+)\}", replace, text)


def resources(template: Mapping[str, Any], resource_type: str) -> Iterator[tuple[str, Any]]:
    """The (logical id, properties) of every resource of ``resource_type``."""
    for logical_id, resource in template.get("Resources", {}).items():
        if resource["Type"] == resource_type:
            yield logical_id, resource.get("Properties", {})


def physical_names(stack: Stack) -> dict[tuple[str, str], str]:
    """Every name the stack sets for a resource or an export: (kind, name) -> where it is set."""
    names = {}
    for logical_id, resource in stack.template.get("Resources", {}).items():
        name_property = NAME_PROPERTIES.get(resource["Type"])
        value = resource.get("Properties", {}).get(name_property) if name_property else None
        if value is not None:
            names[(resource["Type"], stack.evaluate(value))] = logical_id
    for output_id, output in stack.template.get("Outputs", {}).items():
        if "Export" in output:
            names[("Export", stack.evaluate(output["Export"]["Name"]))] = f"Outputs.{output_id}"
    return {key: where for key, where in names.items() if key[1] is not None}


def names_shared_by(first: Stack, second: Stack) -> list[str]:
    """Names both stacks set: the second to deploy in the same account and region fails."""
    theirs = physical_names(second)
    return [
        f"{kind} {name!r} ({where}) is the same in {first.name} and {second.name}"
        for (kind, name), where in physical_names(first).items()
        if (kind, name) in theirs
    ]


def retained_names_reused(stack: Stack) -> list[str]:
    """Retained resources whose set name a re-created stack would take again."""
    again = Stack(stack.name, stack.template, stack.overrides, creation="second")
    retained = {
        logical_id
        for logical_id, resource in stack.template.get("Resources", {}).items()
        if resource.get("DeletionPolicy") == "Retain"
    }
    first, second = physical_names(stack), physical_names(again)
    return [
        f"{where} is retained when the stack is deleted, and a re-created {stack.name} "
        f"would name its new {kind} {name!r} again"
        for (kind, name), where in first.items()
        if where in retained and (kind, name) in second
    ]


def parameters_without_values(
    template: Mapping[str, Any], overrides: Mapping[str, str]
) -> list[str]:
    """Parameters a deploy must fill but that have no default and no override."""
    return [
        f"parameter {name} has no default and is not set"
        for name, parameter in template.get("Parameters", {}).items()
        if "Default" not in parameter and name not in overrides
    ]


def _logical_id(reference: Any) -> str | None:
    """The resource a Ref, GetAtt or ${X.Arn} Sub points to."""
    if isinstance(reference, dict):
        if "Ref" in reference:
            return reference["Ref"]
        if "Fn::GetAtt" in reference:
            target = reference["Fn::GetAtt"]
            return target[0] if isinstance(target, list) else target.split(".")[0]
        if "Fn::Sub" in reference:
            text = reference["Fn::Sub"]
            text = text if isinstance(text, str) else text[0]
            match = re.fullmatch(r"\$\{([A-Za-z0-9]+)(?:\.[A-Za-z]+)?\}", text)
            return match[1] if match else None
    return None


def _function_of(template: Mapping[str, Any], reference: Any) -> str | None:
    """The function a target refers to, through an alias or version if need be."""
    logical_id = _logical_id(reference)
    resource = template.get("Resources", {}).get(logical_id)
    if resource is None:
        return None
    if resource["Type"] in {"AWS::Lambda::Alias", "AWS::Lambda::Version"}:
        return _function_of(template, resource["Properties"]["FunctionName"])
    return logical_id if resource["Type"] == "AWS::Lambda::Function" else None


def asynchronously_invoked_functions(template: Mapping[str, Any]) -> set[str]:
    """Functions an AWS service invokes with the Event invocation type."""
    targets = []
    for _, rule in resources(template, "AWS::Events::Rule"):
        targets += [target["Arn"] for target in rule.get("Targets", [])]
    for _, schedule in resources(template, "AWS::Scheduler::Schedule"):
        targets.append(schedule["Target"]["Arn"])
    for _, bucket in resources(template, "AWS::S3::Bucket"):
        notifications = bucket.get("NotificationConfiguration", {})
        targets += [c["Function"] for c in notifications.get("LambdaConfigurations", [])]
    for _, subscription in resources(template, "AWS::SNS::Subscription"):
        if subscription.get("Protocol") == "lambda":
            targets.append(subscription["Endpoint"])
    functions = {_function_of(template, target) for target in targets}
    # S3 notifications are wired through a Lambda permission before the bucket exists.
    for _, permission in resources(template, "AWS::Lambda::Permission"):
        if permission.get("Principal") in {"s3.amazonaws.com", "sns.amazonaws.com"}:
            functions.add(_function_of(template, permission["FunctionName"]))
    return functions - {None}


def lost_failures(template: Mapping[str, Any]) -> list[str]:
    """Asynchronous and queued paths on which a failed event would be dropped."""
    problems = []
    for logical_id, rule in resources(template, "AWS::Events::Rule"):
        for target in rule.get("Targets", []):
            if "Arn" not in target.get("DeadLetterConfig", {}):
                problems.append(
                    f"rule {logical_id} target {target.get('Id')} has no dead-letter queue"
                )
    for logical_id, schedule in resources(template, "AWS::Scheduler::Schedule"):
        if "Arn" not in schedule["Target"].get("DeadLetterConfig", {}):
            problems.append(f"schedule {logical_id} has no dead-letter queue")
    on_failure = {
        _function_of(template, config["FunctionName"])
        for _, config in resources(template, "AWS::Lambda::EventInvokeConfig")
        if config.get("DestinationConfig", {}).get("OnFailure", {}).get("Destination")
    }
    dead_letter = {
        logical_id
        for logical_id, function in resources(template, "AWS::Lambda::Function")
        if function.get("DeadLetterConfig", {}).get("TargetArn")
    }
    for function in sorted(asynchronously_invoked_functions(template) - on_failure - dead_letter):
        problems.append(
            f"function {function} is invoked asynchronously but has no OnFailure destination"
        )
    for logical_id, mapping in resources(template, "AWS::Lambda::EventSourceMapping"):
        problems += _mapping_problems(template, logical_id, mapping)
    return problems


def _mapping_problems(
    template: Mapping[str, Any], logical_id: str, mapping: Mapping[str, Any]
) -> list[str]:
    source = template["Resources"].get(_logical_id(mapping["EventSourceArn"]) or "", {})
    reports_items = "ReportBatchItemFailures" in mapping.get("FunctionResponseTypes", [])
    problems = []
    if source.get("Type") == "AWS::SQS::Queue":
        queue = source.get("Properties", {})
        if not reports_items:
            problems.append(f"{logical_id} does not report batch item failures")
        redrive = queue.get("RedrivePolicy", {})
        if not redrive.get("deadLetterTargetArn") or not redrive.get("maxReceiveCount"):
            problems.append(
                f"the queue of {logical_id} has no redrive policy to a dead-letter queue"
            )
        function = template["Resources"].get(_function_of(template, mapping["FunctionName"]) or "")
        timeout = (function or {}).get("Properties", {}).get("Timeout", 3)
        if queue.get("VisibilityTimeout", 30) < VISIBILITY_TIMEOUT_FACTOR * timeout:
            problems.append(
                f"the queue of {logical_id} has a visibility timeout of "
                f"{queue.get('VisibilityTimeout', 30)} s, under {VISIBILITY_TIMEOUT_FACTOR} times "
                f"the function's {timeout} s timeout"
            )
    elif _is_stream(template, mapping, source):
        if not reports_items:
            problems.append(f"{logical_id} does not report batch item failures")
        if not mapping.get("DestinationConfig", {}).get("OnFailure", {}).get("Destination"):
            problems.append(
                f"{logical_id} has no OnFailure destination for records that exhaust retries"
            )
        if mapping.get("BisectBatchOnFunctionError") is not True:
            problems.append(f"{logical_id} does not bisect a failing batch")
        if mapping.get("MaximumRetryAttempts", -1) == -1:
            problems.append(f"{logical_id} retries a failing record forever (MaximumRetryAttempts)")
        if mapping.get("MaximumRecordAgeInSeconds", -1) == -1:
            problems.append(
                f"{logical_id} keeps a failing record forever (MaximumRecordAgeInSeconds)"
            )
    return problems


def _is_stream(
    template: Mapping[str, Any], mapping: Mapping[str, Any], source: Mapping[str, Any]
) -> bool:
    if source.get("Type") in {"AWS::Kinesis::Stream", "AWS::DynamoDB::Table"}:
        return True
    arn = mapping.get("EventSourceArn")
    # An existing stream given as a parameter: its ARN is the parameter's default.
    parameter = template.get("Parameters", {}).get(_logical_id(arn) or "", {})
    arn = parameter.get("Default", arn)
    text = arn if isinstance(arn, str) else str(arn)
    return any(f":{service}:" in text for service in STREAM_SERVICES)


def system_logs_dropped(template: Mapping[str, Any]) -> list[str]:
    """Functions whose system log level drops Lambda's START and REPORT records."""
    return [
        f"function {logical_id} logs system records at {level}: START and REPORT are dropped"
        for logical_id, function in resources(template, "AWS::Lambda::Function")
        if (level := function.get("LoggingConfig", {}).get("SystemLogLevel"))
        not in SYSTEM_LOG_LEVELS_WITH_REPORTS
    ]


# What a rollback alarm must watch: errors of the version being deployed, invoked through the
# alias CodeDeploy moves (Lambda's Resource and ExecutedVersion dimensions).
ROLLBACK_EVENT = "DEPLOYMENT_STOP_ON_ALARM"


def _alias_updates(template: Mapping[str, Any]) -> Iterator[tuple[str, Any, Any]]:
    """(alias logical id, alias properties, its deployment group's properties or None)."""
    every = template.get("Resources", {})
    for logical_id, alias in every.items():
        if alias["Type"] != "AWS::Lambda::Alias":
            continue
        update = alias.get("UpdatePolicy", {}).get("CodeDeployLambdaAliasUpdate", {})
        group = every.get(_logical_id(update.get("DeploymentGroupName")) or "", {})
        yield logical_id, alias["Properties"], group.get("Properties")


def deployment_configs(stack: Stack) -> dict[str, str | None]:
    """For each alias: the CodeDeploy configuration that moves it to a new version (None: none)."""
    return {
        alias: stack.evaluate(group["DeploymentConfigName"]) if group else None
        for alias, _properties, group in _alias_updates(stack.template)
    }


def _watches_new_version(alarm: Mapping[str, Any], alias: Mapping[str, Any]) -> bool:
    dimensions = {d["Name"]: d["Value"] for d in alarm.get("Dimensions", [])}
    function = _logical_id(alias["FunctionName"])
    version = _logical_id(alias["FunctionVersion"])
    return (
        alarm.get("Namespace") == "AWS/Lambda"
        and dimensions.get("FunctionName") == {"Ref": function}
        and dimensions.get("Resource") == {"Fn::Sub": f"${{{function}}}:{alias['Name']}"}
        and dimensions.get("ExecutedVersion") == {"Fn::GetAtt": [version, "Version"]}
    )


def rollback_problems(template: Mapping[str, Any]) -> list[str]:
    """Aliases a bad version could reach all traffic through, with nothing to move it back."""
    resources = template.get("Resources", {})
    problems = []
    for alias_id, alias, group in _alias_updates(template):
        if group is None:
            problems.append(f"alias {alias_id} moves to a new version with no CodeDeploy group")
            continue
        rollback = group.get("AutoRollbackConfiguration", {})
        if not rollback.get("Enabled") or ROLLBACK_EVENT not in rollback.get("Events", []):
            problems.append(f"the deployment group of {alias_id} does not roll back on alarm")
        alarms = group.get("AlarmConfiguration", {})
        watched = [
            resources.get(_logical_id(alarm["Name"]) or "", {}).get("Properties", {})
            for alarm in alarms.get("Alarms", [])
        ]
        if not alarms.get("Enabled") or not any(_watches_new_version(a, alias) for a in watched):
            problems.append(
                f"no rollback alarm of {alias_id} watches the new version's errors via the alias"
            )
    return problems


def _invocation_targets(template: Mapping[str, Any]) -> Iterator[tuple[str, Any]]:
    """(where, function reference) of everything that invokes a function."""
    for logical_id, rule in resources(template, "AWS::Events::Rule"):
        for target in rule.get("Targets", []):
            yield f"rule {logical_id}", target["Arn"]
    for logical_id, schedule in resources(template, "AWS::Scheduler::Schedule"):
        yield f"schedule {logical_id}", schedule["Target"]["Arn"]
    for logical_id, bucket in resources(template, "AWS::S3::Bucket"):
        for config in bucket.get("NotificationConfiguration", {}).get("LambdaConfigurations", []):
            yield f"bucket {logical_id}", config["Function"]
    for kind in ("AWS::Lambda::EventSourceMapping", "AWS::Lambda::Permission"):
        for logical_id, source in resources(template, kind):
            yield f"{logical_id}", source["FunctionName"]
    for logical_id, config in resources(template, "AWS::Lambda::EventInvokeConfig"):
        if config.get("Qualifier") in {None, "$LATEST"}:
            yield f"{logical_id}", config["FunctionName"]
    for logical_id, api in resources(template, "AWS::ApiGatewayV2::Api"):
        for uri in re.findall(r"functions/\$\{([A-Za-z0-9]+)(?:\.Arn)?\}/invocations", str(api)):
            yield f"api {logical_id}", {"Ref": uri}


def invoked_without_alias(template: Mapping[str, Any]) -> list[str]:
    """Event sources that invoke a function's $LATEST, which no deployment moves or rolls back."""
    types = {
        logical_id: resource["Type"]
        for logical_id, resource in template.get("Resources", {}).items()
    }
    return [
        f"{where} invokes {_logical_id(reference)} directly, not through an alias"
        for where, reference in _invocation_targets(template)
        if types.get(_logical_id(reference) or "") == "AWS::Lambda::Function"
    ]
