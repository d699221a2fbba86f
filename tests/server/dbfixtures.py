"""Database fixtures: every server test runs against SQLite and PostgreSQL.

SQLite: the schema is migrated once per session into a template file that each test copies.
PostgreSQL: a uniquely named database is created per session (per xdist worker), migrated once,
and emptied between tests; it is dropped at the end.
"""

from __future__ import annotations

import shutil
import uuid
from pathlib import Path

import pytest
from sqlalchemy import text

from netraven_server.db.engine import create_db_engine
from netraven_server.db.migrate import upgrade
from netraven_server.db.models import Base
from tests.support.services import require_postgres


def _admin_conninfo(url: str) -> str:
    from sqlalchemy.engine import make_url

    u = make_url(url)
    parts = [f"host={u.host or '127.0.0.1'}", f"port={u.port or 5432}", f"user={u.username or 'postgres'}",
             "dbname=postgres"]
    if u.password:
        parts.append(f"password={u.password}")
    return " ".join(parts)


class PostgresDatabase:
    """A throw-away PostgreSQL database for one test session."""

    def __init__(self, base_url: str):
        import psycopg
        from sqlalchemy.engine import make_url

        self.name = f"nr_test_{uuid.uuid4().hex[:12]}"
        self.conninfo = _admin_conninfo(base_url)
        with psycopg.connect(self.conninfo, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{self.name}"')
        self.url = make_url(base_url).set(database=self.name).render_as_string(hide_password=False)
        upgrade(self.url)
        self.engine = create_db_engine(self.url)

    def truncate(self) -> None:
        tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
        with self.engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))

    def drop(self) -> None:
        import psycopg

        self.engine.dispose()
        with psycopg.connect(self.conninfo, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("sqlite-template") / "template.db"
    url = f"sqlite:///{path}"
    upgrade(url)  # disposes its engine: SQLite checkpoints the WAL when the last connection closes
    assert not Path(f"{path}-wal").exists()
    return path


@pytest.fixture(scope="session")
def postgres_database():
    base_url = require_postgres()
    db = PostgresDatabase(base_url)
    yield db
    db.drop()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=[pytest.mark.postgres])])
def db_url(request, tmp_path) -> str:
    """The URL of an empty, fully migrated database (SQLite file or PostgreSQL)."""
    if request.param == "sqlite":
        template = request.getfixturevalue("sqlite_template")
        target = tmp_path / "netraven.db"
        shutil.copyfile(template, target)
        return f"sqlite:///{target}"
    pg: PostgresDatabase = request.getfixturevalue("postgres_database")
    pg.truncate()
    return pg.url
