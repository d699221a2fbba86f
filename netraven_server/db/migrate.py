"""Alembic migrations shipped inside the package, runnable without an alembic.ini."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from .engine import create_db_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def alembic_config(url: str, keyring: Any = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    # Alembic's config uses ConfigParser interpolation: escape '%' in URLs (encoded passwords).
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    cfg.attributes["netraven_url"] = url
    # A migration that encrypts stored values (0008: notifier URLs) needs the server's key ring;
    # a callable is called only when a row actually needs it.
    cfg.attributes["netraven_keyring"] = keyring
    return cfg


def upgrade(url: str, revision: str = "head", *, keyring: Any = None) -> str | None:
    """Migrate the database at ``url`` to ``revision`` (the newest by default); returns it.

    ``keyring``: a :class:`~netraven_server.security.crypto.KeyRing` or a callable returning
    one, for migrations that encrypt existing secrets (without it they refuse such rows).
    """
    command.upgrade(alembic_config(url, keyring), revision)
    return current_revision(url)


def current_revision(url: str) -> str | None:
    engine = create_db_engine(url)
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    finally:
        engine.dispose()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
