"""integrations: who changed a configuration version

Revision ID: integrations
Revises: 0001
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "integrations"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("config_versions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("changed_by", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("config_versions", schema=None) as batch_op:
        batch_op.drop_column("changed_by")
