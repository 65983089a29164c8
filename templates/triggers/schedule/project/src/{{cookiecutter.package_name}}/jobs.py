{%- set f = features(cookiecutter) -%}
"""The scheduled job's inputs and its record of runs, free of Lambda concerns.

EventBridge Scheduler sends ``{"scheduled_time": ..., "execution_id": ...}``
(the Input in template.yaml). The scheduled time names the run: a retried
delivery of the same run carries the same time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import {% if f.table %}TYPE_CHECKING, {% endif %}Any
{%- if f.table %}

if TYPE_CHECKING:
    from botocore.client import BaseClient
{%- endif %}


class InvalidRunError(ValueError):
    """The event is not a run from the schedule."""


@dataclass(frozen=True)
class ScheduledRun:
    """One run of the schedule."""

    scheduled_time: str
    execution_id: str

    @property
    def scheduled_at(self) -> datetime:
        return datetime.fromisoformat(self.scheduled_time)


def parse_run(event: Any) -> ScheduledRun:
    """Validate the scheduler's input into a :class:`ScheduledRun`."""
    if not isinstance(event, dict):
        raise InvalidRunError("The event must be a JSON object")
    scheduled_time = event.get("scheduled_time")
    execution_id = event.get("execution_id")
    if not isinstance(execution_id, str) or not execution_id:
        raise InvalidRunError("'execution_id' must be a non-empty string")
    try:
        scheduled_at = datetime.fromisoformat(scheduled_time)
    except (TypeError, ValueError):
        raise InvalidRunError("'scheduled_time' must be an ISO 8601 timestamp") from None
    if scheduled_at.tzinfo is None:
        raise InvalidRunError("'scheduled_time' must carry a time zone, e.g. Z")
    return ScheduledRun(scheduled_time, execution_id)
{%- if f.table %}


class RunStore:
    """Record completed runs in the DynamoDB table: an audit trail of the schedule."""

    def __init__(self, client: BaseClient, table_name: str) -> None:
        self._client = client
        self._table_name = table_name

    def record(self, run: ScheduledRun, completed_at: datetime) -> None:
        self._client.put_item(
            TableName=self._table_name,
            Item={
                "id": {"S": f"run#{run.scheduled_time}"},
                "execution_id": {"S": run.execution_id},
                "completed_at": {"S": completed_at.isoformat(timespec="milliseconds")},
            },
        )
{%- endif %}
