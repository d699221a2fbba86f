"""SQLite as the embedded default: WAL, foreign keys, and many threads writing at once."""

from __future__ import annotations

import threading

from sqlalchemy import select, text

from netraven_server.db import Database, upgrade
from netraven_server.db.models import Tag


def test_pragmas(tmp_path):
    url = f"sqlite:///{tmp_path / 'n.db'}"
    upgrade(url)
    db = Database(url)
    try:
        with db.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    finally:
        db.dispose()


def test_threads_reading_then_writing_never_hit_database_is_locked(tmp_path):
    """Read-modify-write from many threads: BEGIN IMMEDIATE makes them queue, not fail."""
    url = f"sqlite:///{tmp_path / 'n.db'}"
    upgrade(url)
    db = Database(url)
    with db.session() as s:
        s.add(Tag(name="counter", description="0"))
    errors: list[BaseException] = []

    def worker(n: int) -> None:
        try:
            for i in range(15):
                with db.session() as s:
                    tag = s.scalars(select(Tag).where(Tag.name == "counter")).one()
                    tag.description = str(int(tag.description) + 1)
                    s.add(Tag(name=f"t{n}-{i}"))
                with db.session(readonly=True) as s:
                    s.execute(text("SELECT count(*) FROM tags")).scalar()
        except BaseException as exc:  # collected and reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    try:
        assert errors == []
        with db.session(readonly=True) as s:
            # no lost update: every increment was serialised
            assert s.scalars(select(Tag.description).where(Tag.name == "counter")).one() == str(8 * 15)
            assert s.execute(text("SELECT count(*) FROM tags")).scalar() == 1 + 8 * 15
    finally:
        db.dispose()
