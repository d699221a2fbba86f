"""Migration ``uix``: notifiers get a ``tags`` list; notifiers that existed before keep hearing
about every device (an empty list), on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from netraven_server.db import Database
from netraven_server.db.migrate import alembic_config


def test_existing_notifiers_get_no_tag_limit(db_url):
    command.downgrade(alembic_config(db_url), "uix-1")  # the schema just before
    db = Database(db_url)
    try:
        with db.engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO notifiers (name, type, url, events, enabled, smtp_starttls, email_to, options, "
                "created_at, updated_at) VALUES ('old', 'webhook', 'https://example.org/h', "
                "'[\"device_failed\"]', true, true, '[]', '{}', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"))
        command.upgrade(alembic_config(db_url), "uix")
        with db.engine.begin() as conn:
            tags = conn.execute(text("SELECT tags FROM notifiers WHERE name = 'old'")).scalar_one()
            assert tags in ([], "[]")  # JSON on PostgreSQL, text on SQLite
            # later migrations (encrypted URLs) need a key ring for a clear URL: not this test's business
            conn.execute(text("DELETE FROM notifiers"))
    finally:
        db.dispose()
    command.upgrade(alembic_config(db_url), "head")
