"""notifiers limited to device tags

Revision ID: uix
Revises: retirement
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "uix"
down_revision: str | None = "retirement"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Existing notifiers keep hearing about every device: an empty list means "no tag limit".
    with op.batch_alter_table("notifiers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("tags", sa.JSON(), server_default=sa.text("'[]'"), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("notifiers", schema=None) as batch_op:
        batch_op.drop_column("tags")
