"""git remotes: where the configuration repository is pushed, and the push state

Revision ID: git_remotes
Revises: notifier_secrets
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import netraven_server.db.base

revision: str = "git_remotes"
down_revision: str | None = "notifier_secrets"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    dt = netraven_server.db.base.UTCDateTime
    op.create_table(
        "git_remotes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("url", sa.String(length=1024), nullable=False),
        sa.Column("branch", sa.String(length=128), nullable=True),
        sa.Column("username", sa.String(length=128), nullable=True),
        sa.Column("secret", sa.Text(), nullable=True),
        sa.Column("ssh_key_path", sa.String(length=1024), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("last_attempt_at", dt(), nullable=True),
        sa.Column("last_success_at", dt(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", dt(), nullable=True),
        sa.Column("pushed_commit", sa.String(length=64), nullable=True),
        sa.Column("claimed_until", dt(), nullable=True),
        sa.Column("created_at", dt(), nullable=False),
        sa.Column("updated_at", dt(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_git_remotes")),
        sa.UniqueConstraint("name", name=op.f("uq_git_remotes_name")),
    )


def downgrade() -> None:
    op.drop_table("git_remotes")
