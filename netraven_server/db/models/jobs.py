"""Jobs (what to run, on what, when), runs (one execution) and per-device run results."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, Index, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..base import Base, TimestampMixin, utcnow
from .inventory import Device, Tag

JOB_TYPES = ("backup", "reachability")
SCHEDULE_TYPES = ("interval", "cron", "onetime", "manual")
class RunStatus(StrEnum):
    """A run's state: ``pending -> running -> success | partial | failed | cancelled``."""

    PENDING = "pending"
    RUNNING = "running"
    SUCCESS = "success"
    PARTIAL = "partial"
    FAILED = "failed"
    CANCELLED = "cancelled"


class ResultStatus(StrEnum):
    """One device's state within a run."""

    PENDING = "pending"
    RUNNING = "running"
    SUCCESS = "success"
    FAILED = "failed"
    SKIPPED = "skipped"
    CANCELLED = "cancelled"


RUN_STATUSES = tuple(RunStatus)
RUN_FINAL_STATUSES = ("success", "partial", "failed", "cancelled")
RUN_TRIGGERS = ("schedule", "manual", "retry", "api", "syslog")
RESULT_STATUSES = tuple(ResultStatus)

job_tags = Table(
    "job_tags",
    Base.metadata,
    Column("job_id", ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)

job_devices = Table(
    "job_devices",
    Base.metadata,
    Column("job_id", ForeignKey("jobs.id", ondelete="CASCADE"), primary_key=True),
    Column("device_id", ForeignKey("devices.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Job(TimestampMixin, Base):
    """A job targets devices by tag or by name and runs on a schedule or on demand.

    Scheduling columns (owned by the scheduler): ``next_run_at`` is the next slot due,
    ``last_slot_at`` the last slot a scheduler claimed (claiming = an atomic compare-and-set on
    this column, so two schedulers never start the same slot), ``last_run_id`` the latest run.
    """

    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    description: Mapped[str | None] = mapped_column(String(255))
    job_type: Mapped[str] = mapped_column(String(32), default="backup")
    schedule_type: Mapped[str] = mapped_column(String(16), default="manual")
    interval_seconds: Mapped[int | None]
    cron: Mapped[str | None] = mapped_column(String(128))
    run_at: Mapped[datetime | None]
    enabled: Mapped[bool] = mapped_column(default=True)
    # Per-job engine options (timeout, retries, workers...); validated by the service layer.
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    next_run_at: Mapped[datetime | None] = mapped_column(index=True)
    last_slot_at: Mapped[datetime | None]
    last_run_id: Mapped[int | None] = mapped_column(
        ForeignKey("runs.id", ondelete="SET NULL", use_alter=True), index=True)
    created_by: Mapped[str | None] = mapped_column(String(64))

    tags: Mapped[list[Tag]] = relationship(secondary=job_tags, lazy="selectin", order_by=Tag.name)
    devices: Mapped[list[Device]] = relationship(secondary=job_devices, lazy="selectin",
                                                 order_by=Device.hostname)

    __table_args__ = (Index("ix_jobs_enabled_next_run_at", "enabled", "next_run_at"),)

    def __repr__(self) -> str:
        return f"<Job {self.id} {self.name!r} {self.job_type}/{self.schedule_type}>"

    @property
    def tag_names(self) -> list[str]:
        return [t.name for t in self.tags]

    @property
    def device_hostnames(self) -> list[str]:
        return [d.hostname for d in self.devices]


class Run(Base):
    """One execution of a job (or an ad-hoc run when ``job_id`` is null)."""

    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id", ondelete="SET NULL"))
    job_name: Mapped[str | None] = mapped_column(String(128))  # kept when the job is deleted
    job_type: Mapped[str] = mapped_column(String(32), default="backup")
    status: Mapped[str] = mapped_column(String(16), default="pending")
    trigger: Mapped[str] = mapped_column(String(16), default="manual")
    slot_at: Mapped[datetime | None]  # the schedule slot this run serves
    requested_by: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    heartbeat_at: Mapped[datetime | None]
    worker: Mapped[str | None] = mapped_column(String(128))
    total: Mapped[int] = mapped_column(default=0)
    succeeded: Mapped[int] = mapped_column(default=0)
    failed: Mapped[int] = mapped_column(default=0)
    changed: Mapped[int] = mapped_column(default=0)
    unchanged: Mapped[int] = mapped_column(default=0)
    error: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # e.g. by_category counts

    results: Mapped[list[RunResult]] = relationship(back_populates="run", cascade="all, delete-orphan",
                                                    passive_deletes=True, order_by="RunResult.id")

    __table_args__ = (
        Index("ix_runs_job_id_created_at", "job_id", "created_at"),
        Index("ix_runs_status_created_at", "status", "created_at"),
        Index("ix_runs_created_at", "created_at"),
    )

    @property
    def result(self) -> dict[str, Any] | None:
        """What a job-level type reported (``inventory_sync``: counts, changes, rejected)."""
        return (self.summary or {}).get("result")

    def __repr__(self) -> str:
        return f"<Run {self.id} job={self.job_id} {self.status}>"

    @property
    def duration(self) -> float | None:
        if self.started_at and self.finished_at:
            return (self.finished_at - self.started_at).total_seconds()
        return None


class RunResult(Base):
    """The outcome of one device in one run."""

    __tablename__ = "run_results"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"))
    device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id", ondelete="SET NULL"), index=True)
    hostname: Mapped[str] = mapped_column(String(255))  # kept when the device is deleted
    status: Mapped[str] = mapped_column(String(16), default="pending")
    changed: Mapped[bool] = mapped_column(default=False)
    lines_added: Mapped[int] = mapped_column(default=0)
    lines_removed: Mapped[int] = mapped_column(default=0)
    error_category: Mapped[str | None] = mapped_column(String(32))
    error: Mapped[str | None] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(default=0)
    duration: Mapped[float | None]
    driver: Mapped[str | None] = mapped_column(String(64))
    credential_id: Mapped[int | None] = mapped_column(ForeignKey("credentials.id", ondelete="SET NULL"))
    config_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("config_versions.id", ondelete="SET NULL"))
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # e.g. reachability latency

    run: Mapped[Run] = relationship(back_populates="results")

    __table_args__ = (
        UniqueConstraint("run_id", "device_id"),
        Index("ix_run_results_run_id_status", "run_id", "status"),
    )
