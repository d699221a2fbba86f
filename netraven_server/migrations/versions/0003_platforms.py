"""devices: transport (ssh/telnet) and sections (on/off)

Revision ID: platforms
Revises: integrations
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "platforms"
down_revision: str | None = "integrations"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Server defaults so existing rows keep today's behaviour: SSH, sections collected.
    with op.batch_alter_table("devices", schema=None) as batch_op:
        batch_op.add_column(sa.Column("transport", sa.String(length=16), server_default="ssh",
                                      nullable=False))
        batch_op.add_column(sa.Column("sections", sa.Boolean(), server_default=sa.true(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("devices", schema=None) as batch_op:
        batch_op.drop_column("sections")
        batch_op.drop_column("transport")
