"""What each declared combination must generate, written down by hand.

The oracles of test_gates.py and test_combinations.py. Each entry was derived from
the combination's answers (tests/combinations.py, over the defaults in
cookiecutter.json) by reading what template.yaml, the README and the file names
promise, and what the AWS rules and checkov's checks require; never by calling
lambda_starter (``features_of``, ``skipped_checks``), which the templates call
themselves, so a wrong rule there cannot move the expectation with it.
"""

from __future__ import annotations

from dataclasses import dataclass

# Resource types, as template.yaml declares them.
FUNCTION = "AWS::Serverless::Function"
HTTP_API = "AWS::Serverless::HttpApi"
LOG_GROUP = "AWS::Logs::LogGroup"
ROLE = "AWS::IAM::Role"
QUEUE = "AWS::SQS::Queue"
QUEUE_POLICY = "AWS::SQS::QueuePolicy"
STREAM = "AWS::Kinesis::Stream"
TABLE = "AWS::DynamoDB::Table"
BUCKET = "AWS::S3::Bucket"
BUCKET_POLICY = "AWS::S3::BucketPolicy"
KEY = "AWS::KMS::Key"
KEY_ALIAS = "AWS::KMS::Alias"
TOPIC = "AWS::SNS::Topic"
SUBSCRIPTION = "AWS::SNS::Subscription"
ALARM = "AWS::CloudWatch::Alarm"

# Present in every stack: the function, its logs and role, and what deploys it gradually
# (the role CodeDeploy assumes and the alarm that rolls a bad version back).
CORE = {
    "Function": FUNCTION,
    "FunctionLogGroup": LOG_GROUP,
    "FunctionRole": ROLE,
    "CodeDeployRole": ROLE,
    "NewVersionErrorsAlarm": ALARM,
}
# alarms=yes: the topic, its e-mail subscription and the three function alarms.
FUNCTION_ALARMS = {
    "AlarmTopic": TOPIC,
    "AlarmEmailSubscription": SUBSCRIPTION,
    "FunctionErrorsAlarm": ALARM,
    "FunctionThrottlesAlarm": ALARM,
    "FunctionDurationAlarm": ALARM,
}
ENCRYPTION_KEY = {"EncryptionKey": KEY, "EncryptionKeyAlias": KEY_ALIAS}
HTTP_API_STACK = {
    "FunctionDeadLetterQueue": QUEUE,
    "HttpApi": HTTP_API,
    "HttpApiAccessLogGroup": LOG_GROUP,
}

# Function properties every stack sets; each combination lists the others it must set.
FUNCTION_PROPERTIES = frozenset(
    {"Description", "CodeUri", "Handler", "ReservedConcurrentExecutions", "LoggingConfig"}
    | {"Role", "Events", "AutoPublishAlias", "DeploymentPreference"}
)

PACKAGE_MODULES = frozenset({"__init__.py", "handler.py", "observability.py", "settings.py"})
UNIT_TESTS = frozenset(
    {"__init__.py", "conftest.py", "test_cost_tool.py", "test_dependencies.py"}
    | {"test_settings.py", "test_tune_tool.py", "test_handler.py", "test_handler_properties.py"}
    | {"test_deploy_tool.py"}
)

# The smoke test each trigger's stack is checked with after a deploy (tests/integration/).
SMOKE_TESTS = {
    "http-api": "test_deployed_api.py",
    "sqs": "test_deployed_queue.py",
    "schedule": "test_deployed_job.py",
    "eventbridge": "test_deployed_rule.py",
    "s3": "test_deployed_bucket.py",
    "kinesis": "test_deployed_stream.py",
    "dynamodb-stream": "test_deployed_table_stream.py",
}

# The triggers whose function can join each main trigger's in one project (extra_functions),
# by main trigger: every pair is declared in combinations.py and passes every gate.
EXTRA_FUNCTION_PAIRS: dict[str, tuple[str, ...]] = {
    "http-api": ("sqs", "schedule", "dynamodb-stream"),
    "sqs": ("schedule",),
}
# An extra function's memory, timeout and /tmp: its trigger's workload profile (schedule:
# data-processing in cookiecutter.json, and sqs and dynamodb-stream too), whatever the main
# function's are.
EXTRA_FUNCTION_SIZES = {
    "ChangesFunction": (1024, 300, 1024),
    "MaintenanceFunction": (1024, 300, 1024),
    "WorkerFunction": (1024, 300, 1024),
}

# checkov checks, by the resource they are skipped on.
NO_VPC = "CKV_AWS_117"  # Lambda function not in a VPC
NO_FUNCTION_DLQ = "CKV_AWS_116"  # Lambda function without a DeadLetterConfig
ENV_NOT_CMK = "CKV_AWS_173"  # Lambda environment not encrypted with a customer key
LOGS_NOT_CMK = "CKV_AWS_158"  # log group not encrypted with KMS
QUEUE_NOT_CMK = "CKV_AWS_27"  # SQS queue without a KMS key
TABLE_NOT_CMK = "CKV_AWS_119"  # DynamoDB table not encrypted with a customer key
NO_BACKUP = "CKV_AWS_28"  # DynamoDB table without point-in-time recovery
NO_ACCESS_LOGS = "CKV_AWS_18"  # S3 bucket without access logging
WRITE_ON_STAR = "CKV_AWS_111"  # IAM write actions on "*"
TOPIC_NOT_CMK = "CKV_AWS_26"  # SNS topic not encrypted
NO_RESERVED_CONCURRENCY = "CKV_AWS_115"  # Lambda function without reserved concurrency


@dataclass(frozen=True)
class Expected:
    """What one combination generates."""

    resources: dict[str, str]
    """Every logical id in template.yaml's Resources, with its type."""
    function_properties: frozenset[str]
    """The properties of Function beyond FUNCTION_PROPERTIES."""
    environment: frozenset[str]
    """The variables of Function's own Environment."""
    memory_timeout_storage: tuple[int, int, int]
    """Globals.Function MemorySize, Timeout and EphemeralStorage.Size."""
    modules: frozenset[str]
    """The Python modules in src/<package>/ beyond PACKAGE_MODULES."""
    unit_tests: frozenset[str]
    """The files in tests/unit/ beyond UNIT_TESTS."""
    diagram: dict[str, str]
    """The README diagram's nodes: id and label."""
    checkov_skips: dict[str, tuple[str, ...]]
    """The checks checkov must report as skipped, by logical id; nothing else is skipped."""


def api_diagram(function: str) -> dict[str, str]:
    """The nodes every HTTP API stack draws, with the function's label."""
    return {
        "caller": "Client",
        "api": "HTTP API: throttled, access logs",
        "dlq": "FunctionDeadLetterQueue",
        "fn": f"Function: {function}",
        "table": "DataTable",
        "logs": "FunctionLogGroup, 30 days",
    }


ALARM_NODES = {"alarms": "Alarms", "topic": "AlarmTopic"}
# A stream trigger's failure queue, and the alarms on it and on the iterator age.
STREAM_FAILURES = {"StreamFailureQueue": QUEUE}
STREAM_ALARMS = {"StreamFailureQueueAlarm": ALARM, "IteratorAgeAlarm": ALARM}
STREAM_MODULES = frozenset({"stream_batches.py"})

# The queue worker beside an API (extra_functions=sqs): its function, role, logs and
# deployment, its source queue with its dead-letter queue, and their alarms.
WORKER = {
    "WorkerFunction": FUNCTION,
    "WorkerFunctionLogGroup": LOG_GROUP,
    "WorkerFunctionRole": ROLE,
    "WorkerCodeDeployRole": ROLE,
    "WorkerNewVersionErrorsAlarm": ALARM,
    "WorkerSourceQueue": QUEUE,
    "WorkerSourceDeadLetterQueue": QUEUE,
}
WORKER_ALARMS = {
    "WorkerFunctionErrorsAlarm": ALARM,
    "WorkerFunctionThrottlesAlarm": ALARM,
    "WorkerFunctionDurationAlarm": ALARM,
    "WorkerSourceDeadLetterQueueAlarm": ALARM,
    "WorkerSourceQueueAgeAlarm": ALARM,
}
WORKER_NODES = {
    "workerqueue": "WorkerSourceQueue",
    "workerdlq": "WorkerSourceDeadLetterQueue",
    "workerfn": "WorkerFunction: python3.13, arm64, 1024 MB",
    "workerlogs": "WorkerFunctionLogGroup, 30 days",
}
# The scheduled maintenance job beside another function (extra_functions=schedule).
MAINTENANCE = {
    "MaintenanceFunction": FUNCTION,
    "MaintenanceFunctionLogGroup": LOG_GROUP,
    "MaintenanceFunctionRole": ROLE,
    "MaintenanceCodeDeployRole": ROLE,
    "MaintenanceNewVersionErrorsAlarm": ALARM,
    "MaintenanceFailureDestinationQueue": QUEUE,
    "MaintenanceScheduleDeadLetterQueue": QUEUE,
}
MAINTENANCE_ALARMS = {
    "MaintenanceFunctionErrorsAlarm": ALARM,
    "MaintenanceFunctionThrottlesAlarm": ALARM,
    "MaintenanceFunctionDurationAlarm": ALARM,
    "MaintenanceFailureDestinationQueueAlarm": ALARM,
    "MaintenanceScheduleDeadLetterQueueAlarm": ALARM,
}
MAINTENANCE_NODES = {
    "maintenancescheduler": "EventBridge Scheduler: rate(5 minutes)",
    "maintenancesdlq": "MaintenanceScheduleDeadLetterQueue",
    "maintenancedlq": "MaintenanceFailureDestinationQueue",
    "maintenancefn": "MaintenanceFunction: python3.13, arm64, 1024 MB",
    "maintenancelogs": "MaintenanceFunctionLogGroup, 30 days",
}
# The consumer of the API's writes (extra_functions=dynamodb-stream): its function, role, logs
# and deployment, its stream failure queue and alarms; no table of its own, it reads DataTable's.
CHANGES = {
    "ChangesFunction": FUNCTION,
    "ChangesFunctionLogGroup": LOG_GROUP,
    "ChangesFunctionRole": ROLE,
    "ChangesCodeDeployRole": ROLE,
    "ChangesNewVersionErrorsAlarm": ALARM,
    "ChangesStreamFailureQueue": QUEUE,
}
CHANGES_ALARMS = {
    "ChangesFunctionErrorsAlarm": ALARM,
    "ChangesFunctionThrottlesAlarm": ALARM,
    "ChangesFunctionDurationAlarm": ALARM,
    "ChangesStreamFailureQueueAlarm": ALARM,
    "ChangesIteratorAgeAlarm": ALARM,
}
CHANGES_NODES = {
    "changesfq": "ChangesStreamFailureQueue",
    "changesfn": "ChangesFunction: python3.13, arm64, 1024 MB",
    "changeslogs": "ChangesFunctionLogGroup, 30 days",
}
# An extra function runs on demand and unreserved, so CKV_AWS_115 is skipped on it too.
EXTRA_FUNCTION_NO_KMS_SKIPS = (NO_FUNCTION_DLQ, NO_VPC, ENV_NOT_CMK, NO_RESERVED_CONCURRENCY)
EXTRA_FUNCTION_KMS_SKIPS = (NO_FUNCTION_DLQ, NO_VPC, NO_RESERVED_CONCURRENCY)
STREAM_TESTS = frozenset({"stream_mapping.py"})

# An HTTP API function is invoked synchronously and has a DeadLetterQueue: CKV_AWS_116 is
# never skipped on it. Without kms_key: every KMS check is skipped where it applies.
API_NO_KMS_SKIPS = {
    "Function": (NO_VPC, ENV_NOT_CMK),
    "FunctionLogGroup": (LOGS_NOT_CMK,),
    "FunctionDeadLetterQueue": (QUEUE_NOT_CMK,),
    "HttpApiAccessLogGroup": (LOGS_NOT_CMK,),
    "DataTable": (TABLE_NOT_CMK,),
    "AlarmTopic": (TOPIC_NOT_CMK,),
}

EXPECTED: dict[str, Expected] = {
    "api-default": Expected(
        resources=CORE
        | HTTP_API_STACK
        | {"DataTable": TABLE}
        | FUNCTION_ALARMS
        | {"FunctionDeadLetterQueueAlarm": ALARM},
        function_properties=frozenset({"DeadLetterQueue", "EventInvokeConfig", "Environment"}),
        environment=frozenset({"TABLE_NAME"}),
        memory_timeout_storage=(256, 10, 512),
        modules=frozenset({"items.py", "clients.py"}),
        unit_tests=frozenset({"test_items.py"}),
        diagram=api_diagram("python3.13, arm64, 256 MB") | ALARM_NODES,
        checkov_skips=API_NO_KMS_SKIPS,
    ),
    "api-iam-provisioned": Expected(
        resources=CORE
        | HTTP_API_STACK
        | {"DataTable": TABLE}
        | FUNCTION_ALARMS
        | {"FunctionDeadLetterQueueAlarm": ALARM},
        function_properties=frozenset(
            {"ProvisionedConcurrencyConfig"}
            | {"DeadLetterQueue", "EventInvokeConfig", "Environment"}
        ),
        environment=frozenset({"TABLE_NAME"}),
        memory_timeout_storage=(256, 10, 512),
        modules=frozenset({"items.py", "clients.py"}),
        unit_tests=frozenset({"test_items.py"}),
        diagram=api_diagram("python3.13, arm64, 256 MB, provisioned x2") | ALARM_NODES,
        checkov_skips=API_NO_KMS_SKIPS,
    ),
    # An API with a webhook secret is idempotent (one notification per request).
    "api-jwt-snapstart-secretsmanager": Expected(
        resources=CORE
        | HTTP_API_STACK
        | {"DataTable": TABLE, "IdempotencyTable": TABLE}
        | FUNCTION_ALARMS
        | {"FunctionDeadLetterQueueAlarm": ALARM},
        function_properties=frozenset(
            {"SnapStart", "DeadLetterQueue", "EventInvokeConfig"} | {"Environment"}
        ),
        environment=frozenset({"TABLE_NAME", "IDEMPOTENCY_TABLE_NAME", "SECRET_NAME"}),
        memory_timeout_storage=(256, 10, 512),
        modules=frozenset({"items.py", "clients.py", "idempotency.py", "notifications.py"}),
        unit_tests=frozenset({"test_items.py", "test_notifications.py", "test_idempotency.py"}),
        diagram=api_diagram("python3.13, arm64, 256 MB, SnapStart")
        | {
            "idem": "IdempotencyTable, TTL",
            "secret": "Secrets Manager: orders-service/webhook",
            "webhook": "Webhook",
        }
        | ALARM_NODES,
        checkov_skips=API_NO_KMS_SKIPS | {"IdempotencyTable": (TABLE_NOT_CMK, NO_BACKUP)},
    ),
    "sqs-idempotent-ssm": Expected(
        resources=CORE
        | {"SourceQueue": QUEUE, "SourceDeadLetterQueue": QUEUE}
        | {"DataTable": TABLE, "IdempotencyTable": TABLE}
        | FUNCTION_ALARMS
        | {"SourceDeadLetterQueueAlarm": ALARM, "SourceQueueAgeAlarm": ALARM},
        function_properties=frozenset({"Environment"}),
        environment=frozenset({"TABLE_NAME", "IDEMPOTENCY_TABLE_NAME", "SECRET_NAME"}),
        memory_timeout_storage=(256, 30, 512),
        modules=frozenset(
            {"orders.py", "order_processing.py", "clients.py", "idempotency.py"}
            | {"notifications.py"}
        ),
        unit_tests=frozenset({"test_orders.py", "test_notifications.py", "test_idempotency.py"}),
        diagram={
            "producer": "Producers",
            "queue": "SourceQueue",
            "dlq": "SourceDeadLetterQueue",
            "fn": "Function: python3.13, arm64, 256 MB",
            "table": "DataTable",
            "idem": "IdempotencyTable, TTL",
            "secret": "Parameter Store: orders-service/webhook",
            "webhook": "Webhook",
            "logs": "FunctionLogGroup, 30 days",
        }
        | ALARM_NODES,
        checkov_skips={
            "Function": (NO_FUNCTION_DLQ, NO_VPC, ENV_NOT_CMK),
            "FunctionLogGroup": (LOGS_NOT_CMK,),
            "SourceQueue": (QUEUE_NOT_CMK,),
            "SourceDeadLetterQueue": (QUEUE_NOT_CMK,),
            "DataTable": (TABLE_NOT_CMK,),
            "IdempotencyTable": (TABLE_NOT_CMK, NO_BACKUP),
            "AlarmTopic": (TOPIC_NOT_CMK,),
        },
    ),
    "sqs-no-store-no-alarms-data-processing": Expected(
        resources=CORE | {"SourceQueue": QUEUE, "SourceDeadLetterQueue": QUEUE},
        function_properties=frozenset(),
        environment=frozenset(),
        memory_timeout_storage=(1024, 300, 1024),
        modules=frozenset({"orders.py", "order_processing.py"}),
        unit_tests=frozenset({"test_orders.py"}),
        diagram={
            "producer": "Producers",
            "queue": "SourceQueue",
            "dlq": "SourceDeadLetterQueue",
            "fn": "Function: python3.13, arm64, 1024 MB",
            "logs": "FunctionLogGroup, 30 days",
        },
        checkov_skips={
            "Function": (NO_FUNCTION_DLQ, NO_VPC, ENV_NOT_CMK),
            "FunctionLogGroup": (LOGS_NOT_CMK,),
            "SourceQueue": (QUEUE_NOT_CMK,),
            "SourceDeadLetterQueue": (QUEUE_NOT_CMK,),
        },
    ),
    # With the customer key only the scheduler's dead-letter queue keeps SQS managed keys:
    # the scheduler's generated role cannot be granted the key.
    "schedule-idempotent-no-store-kms": Expected(
        resources=CORE
        | ENCRYPTION_KEY
        | {"FailureDestinationQueue": QUEUE, "ScheduleDeadLetterQueue": QUEUE}
        | {"IdempotencyTable": TABLE}
        | FUNCTION_ALARMS
        | {"FailureDestinationQueueAlarm": ALARM, "ScheduleDeadLetterQueueAlarm": ALARM},
        function_properties=frozenset({"EventInvokeConfig", "Environment", "KmsKeyArn"}),
        environment=frozenset({"IDEMPOTENCY_TABLE_NAME"}),
        memory_timeout_storage=(256, 30, 512),
        modules=frozenset({"jobs.py", "clients.py", "idempotency.py"}),
        unit_tests=frozenset({"test_idempotency.py"}),
        diagram={
            "scheduler": "EventBridge Scheduler: rate(5 minutes)",
            "sdlq": "ScheduleDeadLetterQueue",
            "dlq": "FailureDestinationQueue",
            "fn": "Function: python3.13, arm64, 256 MB",
            "idem": "IdempotencyTable, TTL",
            "logs": "FunctionLogGroup, 30 days",
            "key": "EncryptionKey, KMS",
        }
        | ALARM_NODES,
        checkov_skips={
            "Function": (NO_FUNCTION_DLQ, NO_VPC),
            "ScheduleDeadLetterQueue": (QUEUE_NOT_CMK,),
            "IdempotencyTable": (NO_BACKUP,),
        },
    ),
    "schedule-bare-org-defaults": Expected(
        resources=CORE
        | {"FailureDestinationQueue": QUEUE, "ScheduleDeadLetterQueue": QUEUE}
        | FUNCTION_ALARMS
        | {"FailureDestinationQueueAlarm": ALARM, "ScheduleDeadLetterQueueAlarm": ALARM},
        function_properties=frozenset({"EventInvokeConfig"}),
        environment=frozenset(),
        memory_timeout_storage=(256, 30, 512),
        modules=frozenset({"jobs.py"}),
        unit_tests=frozenset(),
        diagram={
            "scheduler": "EventBridge Scheduler: rate(5 minutes)",
            "sdlq": "ScheduleDeadLetterQueue",
            "dlq": "FailureDestinationQueue",
            "fn": "Function: python3.13, arm64, 256 MB",
            "logs": "FunctionLogGroup, 30 days",
        }
        | ALARM_NODES,
        checkov_skips={
            "Function": (NO_FUNCTION_DLQ, NO_VPC, ENV_NOT_CMK),
            "FunctionLogGroup": (LOGS_NOT_CMK,),
            "FailureDestinationQueue": (QUEUE_NOT_CMK,),
            "ScheduleDeadLetterQueue": (QUEUE_NOT_CMK,),
            "AlarmTopic": (TOPIC_NOT_CMK,),
        },
    ),
    "eventbridge-custom-bus-secretsmanager-x86": Expected(
        resources=CORE
        | {"FailureDestinationQueue": QUEUE, "RuleDeadLetterQueue": QUEUE}
        | {"RuleDeadLetterQueuePolicy": QUEUE_POLICY}
        | {"DataTable": TABLE, "IdempotencyTable": TABLE}
        | FUNCTION_ALARMS
        | {"FailureDestinationQueueAlarm": ALARM, "RuleDeadLetterQueueAlarm": ALARM},
        function_properties=frozenset({"EventInvokeConfig", "Environment"}),
        environment=frozenset({"TABLE_NAME", "IDEMPOTENCY_TABLE_NAME", "SECRET_NAME"}),
        memory_timeout_storage=(256, 30, 512),
        modules=frozenset(
            {"orders.py", "order_processing.py", "clients.py", "idempotency.py"}
            | {"notifications.py"}
        ),
        unit_tests=frozenset({"test_orders.py", "test_notifications.py", "test_idempotency.py"}),
        diagram={
            "bus": "orders-bus event bus",
            "rdlq": "RuleDeadLetterQueue",
            "dlq": "FailureDestinationQueue",
            "fn": "Function: python3.13, x86_64, 256 MB",
            "table": "DataTable",
            "idem": "IdempotencyTable, TTL",
            "secret": "Secrets Manager: orders-service/webhook",
            "webhook": "Webhook",
            "logs": "FunctionLogGroup, 30 days",
        }
        | ALARM_NODES,
        checkov_skips={
            "Function": (NO_FUNCTION_DLQ, NO_VPC, ENV_NOT_CMK),
            "FunctionLogGroup": (LOGS_NOT_CMK,),
            "FailureDestinationQueue": (QUEUE_NOT_CMK,),
            "RuleDeadLetterQueue": (QUEUE_NOT_CMK,),
            "DataTable": (TABLE_NOT_CMK,),
            "IdempotencyTable": (TABLE_NOT_CMK, NO_BACKUP),
            "AlarmTopic": (TOPIC_NOT_CMK,),
        },
    ),
    "eventbridge-default-bus-provisioned-kms": Expected(
        resources=CORE
        | ENCRYPTION_KEY
        | {"FailureDestinationQueue": QUEUE, "RuleDeadLetterQueue": QUEUE}
        | {"RuleDeadLetterQueuePolicy": QUEUE_POLICY}
        | {"DataTable": TABLE, "IdempotencyTable": TABLE}
        | FUNCTION_ALARMS
        | {"FailureDestinationQueueAlarm": ALARM, "RuleDeadLetterQueueAlarm": ALARM},
        function_properties=frozenset(
            {"ProvisionedConcurrencyConfig", "EventInvokeConfig"} | {"Environment", "KmsKeyArn"}
        ),
        environment=frozenset({"TABLE_NAME", "IDEMPOTENCY_TABLE_NAME"}),
        memory_timeout_storage=(256, 30, 512),
        modules=frozenset({"orders.py", "order_processing.py", "clients.py", "idempotency.py"}),
        unit_tests=frozenset({"test_orders.py", "test_idempotency.py"}),
        diagram={
            "bus": "Default event bus",
            "rdlq": "RuleDeadLetterQueue",
            "dlq": "FailureDestinationQueue",
            "fn": "Function: python3.13, arm64, 256 MB, provisioned x3",
            "table": "DataTable",
            "idem": "IdempotencyTable, TTL",
            "logs": "FunctionLogGroup, 30 days",
            "key": "EncryptionKey, KMS",
        }
        | ALARM_NODES,
        checkov_skips={
            "Function": (NO_FUNCTION_DLQ, NO_VPC),
            "IdempotencyTable": (NO_BACKUP,),
        },
    ),
    # In a VPC: CKV_AWS_117 holds and the network-interface actions need "*" (CKV_AWS_111).
    "s3-vpc-image-processing-kms": Expected(
        resources=CORE
        | ENCRYPTION_KEY
        | {"FailureDestinationQueue": QUEUE}
        | {"UploadsBucket": BUCKET, "UploadsBucketPolicy": BUCKET_POLICY}
        | {"DataTable": TABLE, "IdempotencyTable": TABLE}
        | FUNCTION_ALARMS
        | {"FailureDestinationQueueAlarm": ALARM},
        function_properties=frozenset(
            {"VpcConfig", "EventInvokeConfig", "Environment", "KmsKeyArn"}
        ),
        environment=frozenset({"TABLE_NAME", "IDEMPOTENCY_TABLE_NAME"}),
        memory_timeout_storage=(1024, 120, 2048),
        modules=frozenset({"uploads.py", "clients.py", "idempotency.py"}),
        unit_tests=frozenset({"test_idempotency.py"}),
        diagram={
            "uploader": "Uploads",
            "bucket": "UploadsBucket",
            "dlq": "FailureDestinationQueue",
            "fn": "Function: python3.13, arm64, 1024 MB, in VPC",
            "table": "DataTable",
            "idem": "IdempotencyTable, TTL",
            "logs": "FunctionLogGroup, 30 days",
            "key": "EncryptionKey, KMS",
        }
        | ALARM_NODES,
        checkov_skips={
            "Function": (NO_FUNCTION_DLQ,),
            "FunctionRole": (WRITE_ON_STAR,),
            "UploadsBucket": (NO_ACCESS_LOGS,),
            "IdempotencyTable": (NO_BACKUP,),
        },
    ),
    "s3-snapstart-any-key-py312": Expected(
        resources=CORE
        | {"FailureDestinationQueue": QUEUE}
        | {"UploadsBucket": BUCKET, "UploadsBucketPolicy": BUCKET_POLICY}
        | {"DataTable": TABLE}
        | FUNCTION_ALARMS
        | {"FailureDestinationQueueAlarm": ALARM},
        function_properties=frozenset({"SnapStart", "EventInvokeConfig", "Environment"}),
        environment=frozenset({"TABLE_NAME", "SECRET_NAME"}),
        memory_timeout_storage=(256, 30, 512),
        modules=frozenset({"uploads.py", "clients.py", "notifications.py"}),
        unit_tests=frozenset({"test_notifications.py"}),
        diagram={
            "uploader": "Uploads",
            "bucket": "UploadsBucket",
            "dlq": "FailureDestinationQueue",
            "fn": "Function: python3.12, arm64, 256 MB, SnapStart",
            "table": "DataTable",
            "secret": "Parameter Store: orders-service/webhook",
            "webhook": "Webhook",
            "logs": "FunctionLogGroup, 30 days",
        }
        | ALARM_NODES,
        checkov_skips={
            "Function": (NO_FUNCTION_DLQ, NO_VPC, ENV_NOT_CMK),
            "FunctionLogGroup": (LOGS_NOT_CMK,),
            "FailureDestinationQueue": (QUEUE_NOT_CMK,),
            "UploadsBucket": (NO_ACCESS_LOGS,),
            "DataTable": (TABLE_NOT_CMK,),
            "AlarmTopic": (TOPIC_NOT_CMK,),
        },
    ),
    "api-python314-ml-inference": Expected(
        resources=CORE
        | HTTP_API_STACK
        | {"DataTable": TABLE}
        | FUNCTION_ALARMS
        | {"FunctionDeadLetterQueueAlarm": ALARM},
        function_properties=frozenset({"DeadLetterQueue", "EventInvokeConfig", "Environment"}),
        environment=frozenset({"TABLE_NAME"}),
        memory_timeout_storage=(3008, 29, 512),
        modules=frozenset({"items.py", "clients.py"}),
        unit_tests=frozenset({"test_items.py"}),
        diagram=api_diagram("python3.14, arm64, 3008 MB") | ALARM_NODES,
        checkov_skips=API_NO_KMS_SKIPS,
    ),
    # The stack creates the stream, under the AWS managed Kinesis key: encrypted, which is
    # all checkov asks of a stream in CloudFormation (CKV_AWS_43); nothing of it is skipped.
    "kinesis-new-stream-ssm-ml-inference": Expected(
        resources=CORE
        | STREAM_FAILURES
        | {"SourceStream": STREAM}
        | {"DataTable": TABLE, "IdempotencyTable": TABLE}
        | FUNCTION_ALARMS
        | STREAM_ALARMS,
        function_properties=frozenset({"Environment"}),
        environment=frozenset({"TABLE_NAME", "IDEMPOTENCY_TABLE_NAME", "SECRET_NAME"}),
        memory_timeout_storage=(3008, 120, 512),
        modules=STREAM_MODULES
        | {"orders.py", "order_processing.py", "clients.py", "idempotency.py", "notifications.py"},
        unit_tests=STREAM_TESTS
        | {"test_orders.py", "test_notifications.py", "test_idempotency.py"},
        diagram={
            "producer": "Producers",
            "stream": "SourceStream, on-demand",
            "fq": "StreamFailureQueue",
            "fn": "Function: python3.13, arm64, 3008 MB",
            "table": "DataTable",
            "idem": "IdempotencyTable, TTL",
            "secret": "Parameter Store: orders-service/webhook",
            "webhook": "Webhook",
            "logs": "FunctionLogGroup, 30 days",
        }
        | ALARM_NODES,
        checkov_skips={
            "Function": (NO_FUNCTION_DLQ, NO_VPC, ENV_NOT_CMK),
            "FunctionLogGroup": (LOGS_NOT_CMK,),
            "StreamFailureQueue": (QUEUE_NOT_CMK,),
            "DataTable": (TABLE_NOT_CMK,),
            "IdempotencyTable": (TABLE_NOT_CMK, NO_BACKUP),
            "AlarmTopic": (TOPIC_NOT_CMK,),
        },
    ),
    # An existing stream: no stream resource, so nothing of it to skip; no alarms, no topic.
    "kinesis-existing-stream-kms-provisioned-no-store-no-alarms": Expected(
        resources=CORE | ENCRYPTION_KEY | STREAM_FAILURES | {"IdempotencyTable": TABLE},
        function_properties=frozenset(
            {"AutoPublishAlias", "ProvisionedConcurrencyConfig", "Environment", "KmsKeyArn"}
        ),
        environment=frozenset({"IDEMPOTENCY_TABLE_NAME"}),
        memory_timeout_storage=(256, 30, 512),
        modules=STREAM_MODULES
        | {"orders.py", "order_processing.py", "clients.py", "idempotency.py"},
        unit_tests=STREAM_TESTS | {"test_orders.py", "test_idempotency.py"},
        diagram={
            "producer": "Producers",
            "stream": "Kinesis stream orders",
            "fq": "StreamFailureQueue",
            "fn": "Function: python3.13, arm64, 256 MB, provisioned x2",
            "idem": "IdempotencyTable, TTL",
            "logs": "FunctionLogGroup, 30 days",
            "key": "EncryptionKey, KMS",
        },
        checkov_skips={
            "Function": (NO_FUNCTION_DLQ, NO_VPC),
            "IdempotencyTable": (NO_BACKUP,),
        },
    ),
    # The source table is the trigger's own, retained like the data table.
    "dynamodb-stream-secretsmanager-data-processing": Expected(
        resources=CORE
        | STREAM_FAILURES
        | {"SourceTable": TABLE, "DataTable": TABLE, "IdempotencyTable": TABLE}
        | FUNCTION_ALARMS
        | STREAM_ALARMS,
        function_properties=frozenset({"Environment"}),
        environment=frozenset({"TABLE_NAME", "IDEMPOTENCY_TABLE_NAME", "SECRET_NAME"}),
        memory_timeout_storage=(1024, 300, 1024),
        modules=STREAM_MODULES
        | {"orders.py", "order_changes.py", "change_processing.py", "clients.py"}
        | {"idempotency.py", "notifications.py"},
        unit_tests=STREAM_TESTS
        | {"test_orders.py", "test_notifications.py", "test_idempotency.py"},
        diagram={
            "writer": "Order writers",
            "source": "SourceTable, stream of new and old images",
            "fq": "StreamFailureQueue",
            "fn": "Function: python3.13, arm64, 1024 MB",
            "table": "DataTable",
            "idem": "IdempotencyTable, TTL",
            "secret": "Secrets Manager: orders-service/webhook",
            "webhook": "Webhook",
            "logs": "FunctionLogGroup, 30 days",
        }
        | ALARM_NODES,
        checkov_skips={
            "Function": (NO_FUNCTION_DLQ, NO_VPC, ENV_NOT_CMK),
            "FunctionLogGroup": (LOGS_NOT_CMK,),
            "StreamFailureQueue": (QUEUE_NOT_CMK,),
            "SourceTable": (TABLE_NOT_CMK,),
            "DataTable": (TABLE_NOT_CMK,),
            "IdempotencyTable": (TABLE_NOT_CMK, NO_BACKUP),
            "AlarmTopic": (TOPIC_NOT_CMK,),
        },
    ),
    # No data store, no idempotency: no table of its own but the source, and no AWS client.
    "dynamodb-stream-no-store-kms-snapstart-x86": Expected(
        resources=CORE
        | ENCRYPTION_KEY
        | STREAM_FAILURES
        | {"SourceTable": TABLE}
        | FUNCTION_ALARMS
        | STREAM_ALARMS,
        function_properties=frozenset({"AutoPublishAlias", "SnapStart", "KmsKeyArn"}),
        environment=frozenset(),
        memory_timeout_storage=(256, 30, 512),
        modules=STREAM_MODULES | {"orders.py", "order_changes.py", "change_processing.py"},
        unit_tests=STREAM_TESTS | {"test_orders.py"},
        diagram={
            "writer": "Order writers",
            "source": "SourceTable, stream of new and old images",
            "fq": "StreamFailureQueue",
            "fn": "Function: python3.13, x86_64, 256 MB, SnapStart",
            "logs": "FunctionLogGroup, 30 days",
            "key": "EncryptionKey, KMS",
        }
        | ALARM_NODES,
        checkov_skips={"Function": (NO_FUNCTION_DLQ, NO_VPC)},
    ),
    # The queue worker (sqs defaults: the api profile) and its maintenance job, a function of
    # its own with the data-processing profile: every resource of its own takes the prefix
    # Maintenance; the tables and the alarm topic are the stack's, declared once.
    "sqs-with-maintenance-job": Expected(
        resources=CORE
        | {"SourceQueue": QUEUE, "SourceDeadLetterQueue": QUEUE}
        | {"DataTable": TABLE, "IdempotencyTable": TABLE}
        | FUNCTION_ALARMS
        | {"SourceDeadLetterQueueAlarm": ALARM, "SourceQueueAgeAlarm": ALARM}
        | {
            "MaintenanceFunction": FUNCTION,
            "MaintenanceFunctionLogGroup": LOG_GROUP,
            "MaintenanceFunctionRole": ROLE,
            "MaintenanceCodeDeployRole": ROLE,
            "MaintenanceNewVersionErrorsAlarm": ALARM,
            "MaintenanceFailureDestinationQueue": QUEUE,
            "MaintenanceScheduleDeadLetterQueue": QUEUE,
            "MaintenanceFunctionErrorsAlarm": ALARM,
            "MaintenanceFunctionThrottlesAlarm": ALARM,
            "MaintenanceFunctionDurationAlarm": ALARM,
            "MaintenanceFailureDestinationQueueAlarm": ALARM,
            "MaintenanceScheduleDeadLetterQueueAlarm": ALARM,
        },
        function_properties=frozenset({"Environment"}),
        environment=frozenset({"TABLE_NAME", "IDEMPOTENCY_TABLE_NAME"}),
        memory_timeout_storage=(256, 30, 512),
        modules=frozenset({"orders.py", "order_processing.py", "clients.py", "idempotency.py"}),
        unit_tests=frozenset({"test_orders.py", "test_idempotency.py", "maintenance"}),
        diagram={
            "producer": "Producers",
            "queue": "SourceQueue",
            "dlq": "SourceDeadLetterQueue",
            "fn": "Function: python3.13, arm64, 256 MB",
            "table": "DataTable",
            "idem": "IdempotencyTable, TTL",
            "logs": "FunctionLogGroup, 30 days",
            "maintenancescheduler": "EventBridge Scheduler: rate(5 minutes)",
            "maintenancesdlq": "MaintenanceScheduleDeadLetterQueue",
            "maintenancedlq": "MaintenanceFailureDestinationQueue",
            "maintenancefn": "MaintenanceFunction: python3.13, arm64, 1024 MB",
            "maintenancelogs": "MaintenanceFunctionLogGroup, 30 days",
        }
        | ALARM_NODES,
        checkov_skips={
            "Function": (NO_FUNCTION_DLQ, NO_VPC, ENV_NOT_CMK),
            "FunctionLogGroup": (LOGS_NOT_CMK,),
            "SourceQueue": (QUEUE_NOT_CMK,),
            "SourceDeadLetterQueue": (QUEUE_NOT_CMK,),
            "DataTable": (TABLE_NOT_CMK,),
            "IdempotencyTable": (TABLE_NOT_CMK, NO_BACKUP),
            "AlarmTopic": (TOPIC_NOT_CMK,),
            "MaintenanceFunction": (NO_FUNCTION_DLQ, NO_VPC, ENV_NOT_CMK, NO_RESERVED_CONCURRENCY),
            "MaintenanceFunctionLogGroup": (LOGS_NOT_CMK,),
            "MaintenanceFailureDestinationQueue": (QUEUE_NOT_CMK,),
            "MaintenanceScheduleDeadLetterQueue": (QUEUE_NOT_CMK,),
        },
    ),
    # The API queues orders for its worker (POST /orders): the worker's queue URL reaches
    # every function, the API's role may only send to it. The worker idempotency makes the
    # idempotency table the stack's, though the API itself keeps none.
    "api-with-worker": Expected(
        resources=CORE
        | HTTP_API_STACK
        | {"DataTable": TABLE, "IdempotencyTable": TABLE}
        | FUNCTION_ALARMS
        | {"FunctionDeadLetterQueueAlarm": ALARM}
        | WORKER
        | WORKER_ALARMS,
        function_properties=frozenset({"DeadLetterQueue", "EventInvokeConfig", "Environment"}),
        environment=frozenset({"TABLE_NAME", "IDEMPOTENCY_TABLE_NAME", "WORKER_QUEUE_URL"}),
        memory_timeout_storage=(256, 10, 512),
        modules=frozenset({"items.py", "clients.py", "order_intake.py"}),
        unit_tests=frozenset({"test_items.py", "test_order_intake.py", "worker"}),
        diagram=api_diagram("python3.13, arm64, 256 MB")
        | {"idem": "IdempotencyTable, TTL"}
        | ALARM_NODES
        | WORKER_NODES,
        checkov_skips=API_NO_KMS_SKIPS
        | {"IdempotencyTable": (TABLE_NOT_CMK, NO_BACKUP)}
        | {
            "WorkerFunction": EXTRA_FUNCTION_NO_KMS_SKIPS,
            "WorkerFunctionLogGroup": (LOGS_NOT_CMK,),
            "WorkerSourceQueue": (QUEUE_NOT_CMK,),
            "WorkerSourceDeadLetterQueue": (QUEUE_NOT_CMK,),
        },
    ),
    "api-with-maintenance-job-ssm": Expected(
        resources=CORE
        | HTTP_API_STACK
        | {"DataTable": TABLE, "IdempotencyTable": TABLE}
        | FUNCTION_ALARMS
        | {"FunctionDeadLetterQueueAlarm": ALARM}
        | MAINTENANCE
        | MAINTENANCE_ALARMS,
        function_properties=frozenset({"DeadLetterQueue", "EventInvokeConfig", "Environment"}),
        environment=frozenset({"TABLE_NAME", "IDEMPOTENCY_TABLE_NAME", "SECRET_NAME"}),
        memory_timeout_storage=(256, 10, 512),
        modules=frozenset({"items.py", "clients.py", "idempotency.py", "notifications.py"}),
        unit_tests=frozenset(
            {"test_items.py", "test_notifications.py", "test_idempotency.py", "maintenance"}
        ),
        diagram=api_diagram("python3.13, arm64, 256 MB")
        | {
            "idem": "IdempotencyTable, TTL",
            "secret": "Parameter Store: orders-service/webhook",
            "webhook": "Webhook",
        }
        | ALARM_NODES
        | MAINTENANCE_NODES,
        checkov_skips=API_NO_KMS_SKIPS
        | {"IdempotencyTable": (TABLE_NOT_CMK, NO_BACKUP)}
        | {
            "MaintenanceFunction": EXTRA_FUNCTION_NO_KMS_SKIPS,
            "MaintenanceFunctionLogGroup": (LOGS_NOT_CMK,),
            "MaintenanceFailureDestinationQueue": (QUEUE_NOT_CMK,),
            "MaintenanceScheduleDeadLetterQueue": (QUEUE_NOT_CMK,),
        },
    ),
    # Three functions under the customer managed key: only the scheduler's dead-letter queue
    # keeps SQS managed keys.
    "api-with-worker-and-maintenance-job-kms-secretsmanager": Expected(
        resources=CORE
        | ENCRYPTION_KEY
        | HTTP_API_STACK
        | {"DataTable": TABLE, "IdempotencyTable": TABLE}
        | FUNCTION_ALARMS
        | {"FunctionDeadLetterQueueAlarm": ALARM}
        | WORKER
        | WORKER_ALARMS
        | MAINTENANCE
        | MAINTENANCE_ALARMS,
        function_properties=frozenset(
            {"DeadLetterQueue", "EventInvokeConfig", "Environment", "KmsKeyArn"}
        ),
        environment=frozenset(
            {"TABLE_NAME", "IDEMPOTENCY_TABLE_NAME", "WORKER_QUEUE_URL", "SECRET_NAME"}
        ),
        memory_timeout_storage=(256, 10, 512),
        modules=frozenset(
            {"items.py", "clients.py", "idempotency.py", "notifications.py", "order_intake.py"}
        ),
        unit_tests=frozenset(
            {"test_items.py", "test_notifications.py", "test_idempotency.py"}
            | {"test_order_intake.py", "worker", "maintenance"}
        ),
        diagram=api_diagram("python3.13, arm64, 256 MB")
        | {
            "idem": "IdempotencyTable, TTL",
            "secret": "Secrets Manager: orders-service/webhook",
            "webhook": "Webhook",
            "key": "EncryptionKey, KMS",
        }
        | ALARM_NODES
        | WORKER_NODES
        | MAINTENANCE_NODES,
        checkov_skips={
            "Function": (NO_VPC,),
            "IdempotencyTable": (NO_BACKUP,),
            "WorkerFunction": EXTRA_FUNCTION_KMS_SKIPS,
            "MaintenanceFunction": EXTRA_FUNCTION_KMS_SKIPS,
            "MaintenanceScheduleDeadLetterQueue": (QUEUE_NOT_CMK,),
        },
    ),  # The API and the consumer of its writes: DataTable gets a stream the consumer reads; the
    # webhook secret makes both idempotent, so the idempotency table is the stack's.
    "api-with-change-consumer-secretsmanager": Expected(
        resources=CORE
        | HTTP_API_STACK
        | {"DataTable": TABLE, "IdempotencyTable": TABLE}
        | FUNCTION_ALARMS
        | {"FunctionDeadLetterQueueAlarm": ALARM}
        | CHANGES
        | CHANGES_ALARMS,
        function_properties=frozenset({"DeadLetterQueue", "EventInvokeConfig", "Environment"}),
        environment=frozenset({"TABLE_NAME", "IDEMPOTENCY_TABLE_NAME", "SECRET_NAME"}),
        memory_timeout_storage=(256, 10, 512),
        modules=STREAM_MODULES | {"items.py", "clients.py", "idempotency.py", "notifications.py"},
        unit_tests=frozenset(
            {"test_items.py", "test_notifications.py", "test_idempotency.py", "changes"}
        ),
        diagram=api_diagram("python3.13, arm64, 256 MB")
        | {
            "idem": "IdempotencyTable, TTL",
            "secret": "Secrets Manager: orders-service/webhook",
            "webhook": "Webhook",
        }
        | ALARM_NODES
        | CHANGES_NODES,
        checkov_skips=API_NO_KMS_SKIPS
        | {"IdempotencyTable": (TABLE_NOT_CMK, NO_BACKUP)}
        | {
            "ChangesFunction": EXTRA_FUNCTION_NO_KMS_SKIPS,
            "ChangesFunctionLogGroup": (LOGS_NOT_CMK,),
            "ChangesStreamFailureQueue": (QUEUE_NOT_CMK,),
        },
    ),
}
