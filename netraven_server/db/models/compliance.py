"""Compliance: the rules (as data, see :mod:`netraven_core.compliance`) and their state per device.

``ComplianceResult`` is the current state of one rule on one device (one row per pair), with the
version where the open failure began (``failing_since_version_id``) or where the last one was
fixed (``fixed_in_version_id``).  ``ComplianceEvent`` is the history: one row each time a rule
started failing or was fixed on a device, with the version, and who made the change when the
version knows (``config_versions.changed_by``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base, TimestampMixin, utcnow

COMPLIANCE_STATUSES = ("pass", "fail")
COMPLIANCE_EVENT_KINDS = ("failed", "fixed")


class ComplianceRule(TimestampMixin, Base):
    __tablename__ = "compliance_rules"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)
    title: Mapped[str] = mapped_column(String(255))
    description: Mapped[str] = mapped_column(Text, default="")
    severity: Mapped[str] = mapped_column(String(16), default="medium", index=True)
    platforms: Mapped[list[str]] = mapped_column(JSON, default=list)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    parent: Mapped[str | None] = mapped_column(String(1000))
    match: Mapped[str] = mapped_column(String(16))
    pattern: Mapped[str] = mapped_column(String(1000))
    allowed: Mapped[list[str]] = mapped_column(JSON, default=list)
    required: Mapped[bool] = mapped_column(default=True)
    remediation: Mapped[str] = mapped_column(Text, default="")
    enabled: Mapped[bool] = mapped_column(default=True)

    def as_mapping(self) -> dict[str, Any]:
        """The fields :func:`netraven_core.compliance.rule_from_mapping` takes."""
        return {"key": self.key, "title": self.title, "description": self.description or "",
                "severity": self.severity, "platforms": list(self.platforms or []),
                "tags": list(self.tags or []), "parent": self.parent, "match": self.match,
                "pattern": self.pattern, "allowed": list(self.allowed or []), "required": self.required,
                "remediation": self.remediation or "", "enabled": self.enabled}


class ComplianceResult(Base):
    __tablename__ = "compliance_results"

    id: Mapped[int] = mapped_column(primary_key=True)
    rule_id: Mapped[int] = mapped_column(ForeignKey("compliance_rules.id", ondelete="CASCADE"))
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(8), index=True)  # pass | fail
    findings: Mapped[list[str]] = mapped_column(JSON, default=list)
    version_id: Mapped[int | None] = mapped_column(ForeignKey("config_versions.id", ondelete="SET NULL"))
    failing_since_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("config_versions.id", ondelete="SET NULL"))
    fixed_in_version_id: Mapped[int | None] = mapped_column(
        ForeignKey("config_versions.id", ondelete="SET NULL"))
    changed_by: Mapped[str | None] = mapped_column(String(64))  # who made the change that broke/fixed it
    evaluated_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (UniqueConstraint("rule_id", "device_id"),)


class ComplianceEvent(Base):
    __tablename__ = "compliance_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    rule_id: Mapped[int] = mapped_column(ForeignKey("compliance_rules.id", ondelete="CASCADE"))
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(8))  # failed | fixed
    version_id: Mapped[int | None] = mapped_column(ForeignKey("config_versions.id", ondelete="SET NULL"))
    changed_by: Mapped[str | None] = mapped_column(String(64))
    findings: Mapped[list[str]] = mapped_column(JSON, default=list)
    at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_compliance_events_rule_id_at", "rule_id", "at"),
                      Index("ix_compliance_events_device_id_at", "device_id", "at"))
