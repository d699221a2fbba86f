"""retired devices: retired_at, hostnames unique among active devices, ids never reused

Revision ID: retirement
Revises: security

SQLite reuses the highest rowid after a delete unless the table is declared AUTOINCREMENT, which
only a table rebuild can add; ``devices`` and ``config_versions`` are rebuilt (batch "move and
copy", foreign keys off: see env.py).  PostgreSQL sequences never hand a number out twice.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import netraven_server.db.base

revision: str = "retirement"
down_revision: str | None = "security"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ACTIVE = sa.text("retired_at IS NULL")


def _recreate() -> str:
    return "always" if op.get_bind().dialect.name == "sqlite" else "auto"


def upgrade() -> None:
    with op.batch_alter_table("devices", recreate=_recreate(),
                              table_kwargs={"sqlite_autoincrement": True}) as batch_op:
        batch_op.add_column(sa.Column("retired_at", netraven_server.db.base.UTCDateTime(), nullable=True))
        batch_op.drop_constraint("uq_devices_hostname", type_="unique")
        batch_op.create_index(batch_op.f("ix_devices_retired_at"), ["retired_at"], unique=False)
        batch_op.create_index("uq_devices_hostname_active", ["hostname"], unique=True,
                              sqlite_where=ACTIVE, postgresql_where=ACTIVE)
    with op.batch_alter_table("config_versions", recreate=_recreate(),
                              table_kwargs={"sqlite_autoincrement": True}):
        pass


def downgrade() -> None:
    # Retired devices would clash with the old hostname constraint: they go (their stored texts
    # stay in the storage backend).
    op.execute("DELETE FROM devices WHERE retired_at IS NOT NULL")
    with op.batch_alter_table("devices", schema=None) as batch_op:
        batch_op.drop_index("uq_devices_hostname_active")
        batch_op.drop_index(batch_op.f("ix_devices_retired_at"))
        batch_op.create_unique_constraint(batch_op.f("uq_devices_hostname"), ["hostname"])
        batch_op.drop_column("retired_at")
