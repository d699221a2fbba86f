"""The database index of configuration versions; the text itself stays in the storage plugin."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base, utcnow


class ConfigVersion(Base):
    """One stored configuration version of a device.

    ``storage_ref`` is the storage backend's reference (a git commit id for the git backend), so
    history and diffs are answered from this table and one ``storage.read`` per text, never by
    walking the repository history.
    """

    __tablename__ = "config_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id", ondelete="CASCADE"))
    hostname: Mapped[str] = mapped_column(String(255))  # the name the text is filed under in storage
    storage_backend: Mapped[str] = mapped_column(String(32), default="git")
    storage_ref: Mapped[str] = mapped_column(String(128))
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    retrieved_at: Mapped[datetime] = mapped_column(default=utcnow)
    size: Mapped[int] = mapped_column(default=0)
    lines_added: Mapped[int] = mapped_column(default=0)
    lines_removed: Mapped[int] = mapped_column(default=0)
    run_id: Mapped[int | None] = mapped_column(ForeignKey("runs.id", ondelete="SET NULL"), index=True)
    # who made the change, when the trigger said (a syslog message's user, a webhook's changed_by)
    changed_by: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_config_versions_device_id_retrieved_at", "device_id", "retrieved_at"),
        Index("ix_config_versions_retrieved_at", "retrieved_at"),
        {"sqlite_autoincrement": True},  # a purged device's version ids are never handed out again
    )

    def __repr__(self) -> str:
        return f"<ConfigVersion {self.id} device={self.device_id} {self.storage_ref[:12]}>"
