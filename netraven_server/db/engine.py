"""Engine and session setup.

SQLite (the embedded default) is opened in WAL mode with a busy timeout and foreign keys on, and
pysqlite's own transaction handling is replaced by explicit ``BEGIN`` statements: writing
sessions start with ``BEGIN IMMEDIATE`` so two threads that read then write never dead-lock into
an instant "database is locked" (the busy timeout makes them queue instead); read-only sessions
start a plain deferred ``BEGIN`` and never block each other.  PostgreSQL is used as configured.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, scoped_session, sessionmaker

SQLITE_BUSY_TIMEOUT_MS = 30_000
_BEGIN_OPTION = "netraven_sqlite_begin"


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # Take transaction control away from pysqlite (it would defer BEGIN until the first write).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
    finally:
        cursor.close()


def _sqlite_begin(conn) -> None:
    mode = conn.get_execution_options().get(_BEGIN_OPTION, "IMMEDIATE")
    conn.exec_driver_sql("BEGIN" if mode == "DEFERRED" else "BEGIN IMMEDIATE")


def create_db_engine(url: str, *, echo: bool = False, **kwargs) -> Engine:
    """Create an engine for ``url``; SQLite files get WAL, busy timeout and foreign keys."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        connect_args = kwargs.pop("connect_args", {})
        connect_args.setdefault("check_same_thread", False)
        connect_args.setdefault("timeout", SQLITE_BUSY_TIMEOUT_MS / 1000)
        engine = create_engine(url, echo=echo, connect_args=connect_args, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(url, echo=echo, **kwargs)


class Database:
    """An engine plus session factories.

    ``db.session()`` is a context manager for background code (commit on success, rollback on
    error).  ``db.scoped`` is a thread-local session registry for request handlers (the Flask app
    removes it at the end of each request).
    """

    def __init__(self, url: str, *, echo: bool = False, **engine_kwargs):
        self.url = url
        self.engine = create_db_engine(url, echo=echo, **engine_kwargs)
        self.is_sqlite = self.engine.dialect.name == "sqlite"
        self.factory = sessionmaker(bind=self.engine, expire_on_commit=False)
        self.read_factory = sessionmaker(bind=self.engine.execution_options(**{_BEGIN_OPTION: "DEFERRED"}),
                                         expire_on_commit=False)
        self.scoped = scoped_session(self.factory)

    @contextmanager
    def session(self, *, readonly: bool = False) -> Iterator[Session]:
        """A session in its own transaction: committed when the block ends, rolled back on error.

        ``readonly=True`` lets concurrent SQLite readers proceed without taking the write lock.
        """
        session = (self.read_factory if readonly else self.factory)()
        try:
            yield session
            if readonly:
                session.rollback()
            else:
                session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        self.scoped.remove()
        self.engine.dispose()
