"""Every SQLAlchemy model, importable from one place (Alembic autogenerate reads ``Base.metadata``)."""

from ..base import Base, utcnow
from .compliance import ComplianceEvent, ComplianceResult, ComplianceRule
from .configs import ConfigVersion
from .fleet import DeviceFacts
from .inventory import Credential, Device, Tag, credential_tags, device_tags
from .jobs import (
    JOB_TYPES,
    RESULT_STATUSES,
    RUN_FINAL_STATUSES,
    RUN_STATUSES,
    RUN_TRIGGERS,
    SCHEDULE_TYPES,
    Job,
    ResultStatus,
    Run,
    RunResult,
    RunStatus,
    job_devices,
    job_tags,
)
from .logs import LOG_LEVELS, LOG_TYPES, LogEntry
from .notify import DELIVERY_STATUSES, NOTIFIER_TYPES, NOTIFY_EVENTS, NotificationDelivery, Notifier
from .remotes import GitRemote
from .system import AuditEvent, Setting, Worker
from .users import ROLES, ApiToken, LoginThrottle, User, UserSession

__all__ = [
    "DELIVERY_STATUSES",
    "JOB_TYPES",
    "LOG_LEVELS",
    "LOG_TYPES",
    "NOTIFIER_TYPES",
    "NOTIFY_EVENTS",
    "RESULT_STATUSES",
    "ROLES",
    "RUN_FINAL_STATUSES",
    "RUN_STATUSES",
    "RUN_TRIGGERS",
    "SCHEDULE_TYPES",
    "ApiToken",
    "AuditEvent",
    "Base",
    "ComplianceEvent",
    "ComplianceResult",
    "ComplianceRule",
    "ConfigVersion",
    "Credential",
    "Device",
    "DeviceFacts",
    "GitRemote",
    "Job",
    "LogEntry",
    "LoginThrottle",
    "NotificationDelivery",
    "Notifier",
    "ResultStatus",
    "Run",
    "RunResult",
    "RunStatus",
    "Setting",
    "Tag",
    "User",
    "UserSession",
    "Worker",
    "credential_tags",
    "device_tags",
    "job_devices",
    "job_tags",
    "utcnow",
]
