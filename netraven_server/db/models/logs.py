"""Unified log: job, connection and system events, filterable by run, device, level, type, time."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base, utcnow

LOG_LEVELS = ("debug", "info", "warning", "error", "critical")
LOG_TYPES = ("job", "connection", "system")


class LogEntry(Base):
    """A log line.  Messages must already be free of secrets when they are written."""

    __tablename__ = "logs"

    id: Mapped[int] = mapped_column(primary_key=True)
    time: Mapped[datetime] = mapped_column(default=utcnow)
    level: Mapped[str] = mapped_column(String(16), default="info")
    type: Mapped[str] = mapped_column(String(16), default="system")
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"))
    device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id", ondelete="SET NULL"))
    hostname: Mapped[str | None] = mapped_column(String(255))
    job_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id", ondelete="SET NULL"))
    message: Mapped[str] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    __table_args__ = (
        Index("ix_logs_time", "time"),
        Index("ix_logs_run_id_time", "run_id", "time"),
        Index("ix_logs_device_id_time", "device_id", "time"),
        Index("ix_logs_type_time", "type", "time"),
        Index("ix_logs_level_time", "level", "time"),
        Index("ix_logs_job_id", "job_id"),
    )
