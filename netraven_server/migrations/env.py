"""Alembic environment for NetRaven (used by ``netraven db upgrade`` and the server at start)."""

from __future__ import annotations

from alembic import context

from netraven_server.db.engine import create_db_engine
from netraven_server.db.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_offline() -> None:
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata,
                      literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def _check_foreign_keys(connection) -> None:
    """Fail the migration (rolled back) if a rebuilt table left a dangling reference."""
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise RuntimeError(f"the migration left rows with dangling foreign keys: {broken[:5]}")


def run_migrations_online() -> None:
    url = config.attributes.get("netraven_url") or config.get_main_option("sqlalchemy.url")
    engine = create_db_engine(url)
    try:
        with engine.connect() as connection:
            if connection.dialect.name == "sqlite":
                # A table rebuild drops the old table; with foreign keys on, that DROP would cascade
                # and delete every row pointing at it (tags, versions...).  The pragma only works
                # outside a transaction, so it goes to the driver before the migration's BEGIN.
                connection.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")
            context.configure(connection=connection, target_metadata=target_metadata,
                              render_as_batch=connection.dialect.name == "sqlite",
                              compare_type=True)
            with context.begin_transaction():
                context.run_migrations()
                if connection.dialect.name == "sqlite":
                    _check_foreign_keys(connection)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
