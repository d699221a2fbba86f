"""The unified log (job, connection and system events): writing and filtered reading."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import LOG_LEVELS, LogEntry
from .pagination import Page, apply_sort, paginate

SORTS = {"time": LogEntry.time, "level": LogEntry.level, "id": LogEntry.id}


def write(session: Session, message: str, *, level: str = "info", type: str = "system",
          run_id: int | None = None, device_id: int | None = None, hostname: str | None = None,
          job_id: int | None = None, details: dict[str, Any] | None = None) -> LogEntry:
    """Add a log line.  ``message`` and ``details`` must already be free of secrets."""
    entry = LogEntry(message=message, level=level, type=type, run_id=run_id, device_id=device_id,
                     hostname=hostname, job_id=job_id, details=details or {})
    session.add(entry)
    return entry


def list_logs(session: Session, *, run_id: int | None = None, device_id: int | None = None,
              job_id: int | None = None, hostname: str | None = None, level: str | None = None,
              min_level: str | None = None, type: str | None = None,
              since: datetime | None = None, until: datetime | None = None, q: str | None = None,
              sort: str | None = None, page: int = 1, size: int = 100) -> Page:
    """Filtered log lines, newest first by default.  ``min_level`` keeps that level and above."""
    stmt = select(LogEntry)
    if run_id is not None:
        stmt = stmt.where(LogEntry.run_id == run_id)
    if device_id is not None:
        stmt = stmt.where(LogEntry.device_id == device_id)
    if job_id is not None:
        stmt = stmt.where(LogEntry.job_id == job_id)
    if hostname:
        stmt = stmt.where(LogEntry.hostname == hostname)
    if level:
        stmt = stmt.where(LogEntry.level == level)
    if min_level:
        stmt = stmt.where(LogEntry.level.in_(LOG_LEVELS[LOG_LEVELS.index(min_level):]))
    if type:
        stmt = stmt.where(LogEntry.type == type)
    if since:
        stmt = stmt.where(LogEntry.time >= since)
    if until:
        stmt = stmt.where(LogEntry.time < until)
    if q:
        stmt = stmt.where(LogEntry.message.icontains(q, autoescape=True))
    return paginate(session, apply_sort(stmt, sort, SORTS, "-time", LogEntry.id.desc()), page, size)
