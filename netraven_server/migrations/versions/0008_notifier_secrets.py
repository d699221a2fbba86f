"""notifier secrets at rest: webhook/Slack/Teams URLs encrypted, shown masked; credential scopes

The clear ``url`` column becomes ``url_enc`` (a Fernet token of the key ring) and
``url_display`` (``scheme://host/…``).  Existing rows are encrypted here, so the upgrade needs
the server's key ring (``netraven db upgrade`` and the server's start pass it); without one a
database holding notifier URLs is refused rather than left in clear text.  Credentials get
``scopes`` (CIDRs they may be sent to; empty for existing rows: unrestricted, as before).

Revision ID: notifier_secrets
Revises: compliance
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op

from netraven_core.webhook import safe_url

revision: str = "notifier_secrets"
down_revision: str | None = "compliance"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_notifiers = sa.table("notifiers", sa.column("id", sa.Integer), sa.column("url", sa.String),
                      sa.column("url_enc", sa.Text), sa.column("url_display", sa.String))


def _keyring(why: str):
    from netraven_server.security.crypto import CryptoError

    hint = ("run 'netraven db upgrade' with the server's --data-dir (its secret.key) or "
            "NETRAVEN_SECRET_KEY")
    ring = context.config.attributes.get("netraven_keyring")
    try:
        ring = ring() if callable(ring) else ring
    except CryptoError as exc:  # e.g. no key file: never make up a key the servers do not have
        raise CryptoError(f"migration notifier_secrets: {why} needs the server's key ring ({exc}); "
                          f"{hint}") from None
    if ring is None:
        raise CryptoError(f"migration notifier_secrets: {why} needs the server's key ring; {hint}")
    return ring


def upgrade() -> None:
    # Credentials bound to address ranges (issue 10: a credential is never sent elsewhere).
    with op.batch_alter_table("credentials", schema=None) as batch_op:
        batch_op.add_column(sa.Column("scopes", sa.JSON(), server_default="[]", nullable=False))
    with op.batch_alter_table("notifiers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("url_enc", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("url_display", sa.String(length=300), nullable=True))
    conn = op.get_bind()
    rows = conn.execute(sa.select(_notifiers.c.id, _notifiers.c.url)
                        .where(_notifiers.c.url.is_not(None), _notifiers.c.url != "")).all()
    if rows:
        ring = _keyring(f"encrypting {len(rows)} notifier URL(s)")
        for row_id, url in rows:
            conn.execute(_notifiers.update().where(_notifiers.c.id == row_id)
                         .values(url_enc=ring.encrypt(url), url_display=safe_url(url) + "/…"))
    with op.batch_alter_table("notifiers", schema=None) as batch_op:
        batch_op.drop_column("url")


def downgrade() -> None:
    with op.batch_alter_table("notifiers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("url", sa.String(length=1024), nullable=True))
    conn = op.get_bind()
    rows = conn.execute(sa.select(_notifiers.c.id, _notifiers.c.url_enc)
                        .where(_notifiers.c.url_enc.is_not(None))).all()
    if rows:
        ring = _keyring(f"decrypting {len(rows)} notifier URL(s)")
        for row_id, token in rows:
            conn.execute(_notifiers.update().where(_notifiers.c.id == row_id)
                         .values(url=ring.decrypt(token)))
    with op.batch_alter_table("notifiers", schema=None) as batch_op:
        batch_op.drop_column("url_display")
        batch_op.drop_column("url_enc")
    with op.batch_alter_table("credentials", schema=None) as batch_op:
        batch_op.drop_column("scopes")
