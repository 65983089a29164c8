"""Logger, tracer and metrics shared by every module of the function.

They are created once at import. Log level comes from the function's
LoggingConfig (AWS_LAMBDA_LOG_LEVEL); service name and metrics namespace from
the environment the template sets.
"""

from aws_lambda_powertools import Logger, Metrics, Tracer

from .settings import settings

logger = Logger(service=settings.service_name)
# Patch only botocore: boto3 is the one client library this function uses, and
# patching every supported library would import them all on the cold path.
tracer = Tracer(service=settings.service_name, patch_modules=("botocore",))
metrics = Metrics(namespace=settings.metrics_namespace, service=settings.service_name)
