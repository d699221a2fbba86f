"""Inventory: tags, devices and credentials (field names follow the core inventory format)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, ForeignKey, Index, String, Table, Text, text, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..base import Base, TimestampMixin

device_tags = Table(
    "device_tags",
    Base.metadata,
    Column("device_id", ForeignKey("devices.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)

credential_tags = Table(
    "credential_tags",
    Base.metadata,
    Column("credential_id", ForeignKey("credentials.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Tag(TimestampMixin, Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    description: Mapped[str | None] = mapped_column(String(255))

    def __repr__(self) -> str:
        return f"<Tag {self.name!r}>"


class Device(TimestampMixin, Base):
    """A device of the inventory.  Removing one retires it (``retired_at``): its history stays
    readable and it can be restored; only an admin's purge deletes the row."""

    __tablename__ = "devices"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Unique among active devices only: a retired device's name may be given to a new device.
    hostname: Mapped[str] = mapped_column(String(255))
    host: Mapped[str] = mapped_column(String(255), index=True)
    port: Mapped[int] = mapped_column(default=22)
    platform: Mapped[str] = mapped_column(String(64), index=True)
    driver: Mapped[str | None] = mapped_column(String(64))  # overrides the platform default
    vars: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # "ssh", or "telnet" for a device without SSH (chosen per device, never a fallback; telnet
    # sends the password in clear text).  The core inventory's field of the same name.
    transport: Mapped[str] = mapped_column(String(16), default="ssh", server_default="ssh")
    # False: store the configuration without the platform's hardware/software sections.
    sections: Mapped[bool] = mapped_column(default=True, server_default=true())
    description: Mapped[str | None] = mapped_column(String(255))
    enabled: Mapped[bool] = mapped_column(default=True)
    # Remembered SSH host key ("ssh-ed25519 AAAA..."), trust on first use.
    host_key: Mapped[str | None] = mapped_column(Text)
    # Denormalised outcome of the latest backup, for lists and the dashboard.
    last_status: Mapped[str | None] = mapped_column(String(16), index=True)  # success/failed
    last_error_category: Mapped[str | None] = mapped_column(String(32))
    last_backup_at: Mapped[datetime | None]
    last_success_at: Mapped[datetime | None]
    last_changed_at: Mapped[datetime | None]
    reachable: Mapped[bool | None]
    last_reachability_at: Mapped[datetime | None]
    retired_at: Mapped[datetime | None] = mapped_column(index=True)

    tags: Mapped[list[Tag]] = relationship(secondary=device_tags, lazy="selectin", order_by=Tag.name)

    __table_args__ = (
        Index("uq_devices_hostname_active", "hostname", unique=True,
              sqlite_where=text("retired_at IS NULL"), postgresql_where=text("retired_at IS NULL")),
        # AUTOINCREMENT: SQLite would otherwise hand a purged device's id to the next new device,
        # and bookmarks and audit entries would point at the wrong one.
        {"sqlite_autoincrement": True},
    )

    def __repr__(self) -> str:
        return f"<Device {self.id} {self.hostname!r}>"

    @property
    def retired(self) -> bool:
        return self.retired_at is not None

    @property
    def tag_names(self) -> list[str]:
        return [t.name for t in self.tags]


class Credential(TimestampMixin, Base):
    """A login tried on devices sharing one of its tags.  Secrets are Fernet tokens (see
    :mod:`netraven_server.security.crypto`); they are never serialised by the API."""

    __tablename__ = "credentials"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    username: Mapped[str] = mapped_column(String(128))
    password_enc: Mapped[str | None] = mapped_column(Text)
    enable_secret_enc: Mapped[str | None] = mapped_column(Text)
    private_key_enc: Mapped[str | None] = mapped_column(Text)
    private_key_passphrase_enc: Mapped[str | None] = mapped_column(Text)
    priority: Mapped[int] = mapped_column(default=100)
    description: Mapped[str | None] = mapped_column(String(255))
    # CIDRs the credential may be sent to (empty: any address); checked by the engine against
    # the device's resolved address before connecting (netraven_core.engine.scopes).
    scopes: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    success_count: Mapped[int] = mapped_column(default=0)
    failure_count: Mapped[int] = mapped_column(default=0)
    last_used_at: Mapped[datetime | None]
    last_success_at: Mapped[datetime | None]

    tags: Mapped[list[Tag]] = relationship(secondary=credential_tags, lazy="selectin", order_by=Tag.name)

    __table_args__ = (Index("ix_credentials_priority_id", "priority", "id"),)

    def __repr__(self) -> str:  # never the secrets
        return f"<Credential {self.id} {self.name!r} user={self.username!r}>"

    @property
    def tag_names(self) -> list[str]:
        return [t.name for t in self.tags]

    @property
    def success_rate(self) -> float | None:
        total = (self.success_count or 0) + (self.failure_count or 0)
        return None if total == 0 else round((self.success_count or 0) / total, 4)

    @property
    def has_password(self) -> bool:
        return bool(self.password_enc)

    @property
    def has_enable_secret(self) -> bool:
        return bool(self.enable_secret_enc)

    @property
    def has_private_key(self) -> bool:
        return bool(self.private_key_enc)
