"""Fleet inventory: the hardware and software facts read from each stored version's sections.

One row per configuration version whose header changed the facts (model, serial, OS version), so
the latest row is the device's current state and consecutive rows are its change history (a
swapped chassis shows as a new serial on the day of the backup that saw it).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ..base import Base, utcnow


class DeviceFacts(Base):
    __tablename__ = "device_facts"

    id: Mapped[int] = mapped_column(primary_key=True)
    device_id: Mapped[int] = mapped_column(ForeignKey("devices.id", ondelete="CASCADE"))
    version_id: Mapped[int | None] = mapped_column(ForeignKey("config_versions.id", ondelete="SET NULL"))
    model: Mapped[str | None] = mapped_column(String(128), index=True)
    serial: Mapped[str | None] = mapped_column(String(128), index=True)
    os_version: Mapped[str | None] = mapped_column(String(128))
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_device_facts_device_id_id", "device_id", "id"),)
