"""Notifiers (configured destinations for events) and the record of each delivery."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base, TimestampMixin, utcnow

NOTIFIER_TYPES = ("webhook", "slack", "teams", "email")
# The events a notifier can subscribe to: the one list (netraven_server.notify builds them).
CONFIG_CHANGED = "config_changed"
DEVICE_FAILED = "device_failed"
RUN_FAILED = "run_failed"
STALE_BACKUP = "stale_backup"
COMPLIANCE_FAILED = "compliance_failed"
COMPLIANCE_FIXED = "compliance_fixed"
NOTIFY_EVENTS = (CONFIG_CHANGED, DEVICE_FAILED, RUN_FAILED, STALE_BACKUP, COMPLIANCE_FAILED, COMPLIANCE_FIXED)
DELIVERY_STATUSES = ("pending", "sent", "failed")


class Notifier(TimestampMixin, Base):
    __tablename__ = "notifiers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    type: Mapped[str] = mapped_column(String(16))
    # A webhook/Slack/Teams URL carries its token (path, query, user:pass@): stored as a Fernet
    # token (url_enc) plus the masked form shown to admins (url_display: scheme://host/…).
    url_enc: Mapped[str | None] = mapped_column(Text)
    url_display: Mapped[str | None] = mapped_column(String(300))
    events: Mapped[list[str]] = mapped_column(JSON, default=list)
    enabled: Mapped[bool] = mapped_column(default=True)
    # email
    smtp_host: Mapped[str | None] = mapped_column(String(255))
    smtp_port: Mapped[int | None]
    smtp_username: Mapped[str | None] = mapped_column(String(255))
    smtp_password_enc: Mapped[str | None] = mapped_column(Text)  # Fernet token, never serialised
    smtp_starttls: Mapped[bool] = mapped_column(default=True)
    email_from: Mapped[str | None] = mapped_column(String(255))
    email_to: Mapped[list[str]] = mapped_column(JSON, default=list)
    options: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # timeout, retries, plugin options
    # Device tags this notifier is limited to (any of them); empty: every device.
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)

    def __repr__(self) -> str:
        return f"<Notifier {self.id} {self.name!r} {self.type}>"


class NotificationDelivery(Base):
    __tablename__ = "notification_deliveries"

    id: Mapped[int] = mapped_column(primary_key=True)
    notifier_id: Mapped[int] = mapped_column(ForeignKey("notifiers.id", ondelete="CASCADE"))
    event: Mapped[str] = mapped_column(String(32))
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"), index=True)
    device_id: Mapped[int | None] = mapped_column(ForeignKey("devices.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    delivered_at: Mapped[datetime | None]

    __table_args__ = (
        Index("ix_notification_deliveries_notifier_id_created_at", "notifier_id", "created_at"),
        Index("ix_notification_deliveries_status", "status"),
    )
