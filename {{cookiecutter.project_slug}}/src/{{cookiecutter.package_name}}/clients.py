"""AWS clients, created once per execution environment and reused by every invocation.

Creating a client costs tens of milliseconds and a new TLS connection, so it is
done here at import (during the init phase) rather than inside the handler.
Explicit timeouts and the standard retry mode keep a slow dependency from
consuming the whole function timeout.
"""

import boto3
from botocore.config import Config

from .settings import settings

AWS_CLIENT_CONFIG = Config(
    connect_timeout=settings.aws_connect_timeout_seconds,
    read_timeout=settings.aws_read_timeout_seconds,
    retries={"mode": "standard", "total_max_attempts": settings.aws_max_attempts},
    tcp_keepalive=True,
)

dynamodb = boto3.client("dynamodb", config=AWS_CLIENT_CONFIG)
