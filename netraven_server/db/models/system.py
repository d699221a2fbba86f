"""Audit events, key/value settings and worker heartbeats."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base, utcnow


class AuditEvent(Base):
    """Who changed what, when.  ``changes`` never holds secret values (only that they changed)."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    time: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None]  # no FK: the trail outlives deleted users
    actor: Mapped[str | None] = mapped_column(String(64))  # username at the time, or "system"
    action: Mapped[str] = mapped_column(String(32))  # create/update/delete/login/login_failed/...
    entity_type: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str | None] = mapped_column(String(64))
    entity_name: Mapped[str | None] = mapped_column(String(255))
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    remote_addr: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_audit_events_time", "time"),
        Index("ix_audit_events_entity", "entity_type", "entity_id"),
        Index("ix_audit_events_actor_time", "actor", "time"),
    )


class Setting(Base):
    """A runtime setting (JSON value) editable through the API."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(128), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class Worker(Base):
    """A live process (scheduler, task consumer, API server) reporting a heartbeat."""

    __tablename__ = "workers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)  # e.g. "consumer@host:pid"
    kind: Mapped[str] = mapped_column(String(32))  # scheduler/consumer/server
    hostname: Mapped[str | None] = mapped_column(String(255))
    pid: Mapped[int | None]
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    heartbeat_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    info: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
