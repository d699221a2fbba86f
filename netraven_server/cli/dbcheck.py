"""``netraven db check``: is the database sound and does the configuration store agree with git?

Exits 1 with one line per problem, so it can gate a restore or run from monitoring.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from .options import data_dir_option, database_url_option, settings_from


def database_problems(url: str) -> list[str]:
    from ..db import current_revision, head_revision

    problems: list[str] = []
    path = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else None
    if path and os.path.isfile(path) and os.path.getsize(path) > 0:  # missing or empty: a new install
        try:
            con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                rows = [r[0] for r in con.execute("PRAGMA integrity_check")]
            finally:
                con.close()
            if rows != ["ok"]:
                problems.append(f"database {path} is damaged: {'; '.join(rows[:5])}")
        except sqlite3.Error as exc:
            problems.append(f"database {path} cannot be read: {exc}")
            return problems
    try:
        current, head = current_revision(url), head_revision()
    except Exception as exc:  # any driver error: report it, this is a diagnosis command
        problems.append(f"database schema cannot be read: {type(exc).__name__}: {str(exc)[:200]}")
        return problems
    if current is None:
        problems.append("database is empty (no schema); run `netraven db upgrade` or restore a backup")
    elif current != head:
        problems.append(f"database schema is at {current}, not {head}; run `netraven db upgrade`")
    return problems


@contextmanager
def open_store(settings) -> Iterator[Any]:
    """The configuration store of ``settings``, closed afterwards (raises StorageError)."""
    from netraven_core.plugins import Registry

    storage = Registry().storage(settings.storage_backend, str(settings.configs_dir))
    try:
        yield storage
    finally:
        close = getattr(storage, "close", None)
        if close:
            close()


def _store_problems(settings, *, database_ok: bool) -> list[str]:
    from netraven_core.errors import StorageError

    try:
        with open_store(settings) as storage:
            verify = getattr(storage, "verify", None)
            problems = [f"configuration store: {p}" for p in (verify() if verify else [])]
            if database_ok:
                problems += _consistency_problems(settings, storage)
            return problems
    except StorageError as exc:
        return [f"configuration store: {exc}"]


def _consistency_problems(settings, storage) -> list[str]:
    """The database's version index against the store, and the task queue against the database."""
    from ..db import Database
    from ..service import queue
    from ..service.queuecheck import orphan_tasks, stale_claims
    from ..services.versionindex import compare

    db = Database(settings.db_url)
    try:
        with db.session(readonly=True) as session:
            problems = [f"version index: {p}" for p in
                        compare(session, storage, settings.storage_backend).problems()]
            problems += [f"queue: {p}" for p in stale_claims(session)]
            try:
                huey = queue.configure(settings)
                problems += [f"queue: {p}" for p in orphan_tasks(session, huey)]
            except Exception as exc:
                problems.append(f"queue {queue.describe()} cannot be read: {type(exc).__name__}: "
                                f"{str(exc)[:200]}")
            return problems
    finally:
        db.dispose()


@click.command("check")
@data_dir_option
@database_url_option
def db_check(data_dir, database_url) -> None:
    """Check the database (integrity, schema), the configuration store (locks, git), the database's
    version index against the store, and the task queue (stale claims, tasks for missing runs)."""
    settings = settings_from(data_dir, database_url)
    database = database_problems(settings.db_url)
    problems = database + _store_problems(settings, database_ok=not database)
    for problem in problems:
        click.echo(f"problem: {problem}", err=True)
    if problems:
        sys.exit(1)
    click.echo("database, version index, queue and configuration store are consistent")


def _stored_devices(settings) -> int:
    """How many device files the configuration store holds (0 for a new or missing store)."""
    root = settings.configs_dir
    if not (root / ".git").is_dir():
        return 0
    return sum(1 for _ in (root / "configs").glob("*.cfg")) if (root / "configs").is_dir() else 0


def refuse_unsafe_start(settings) -> None:
    """Stop the server from starting over an empty or damaged database while the configuration
    store holds history: a fresh empty service there would hide every device and version (and
    users would only see "wrong username or password")."""
    url = settings.db_url
    problems = database_problems(url)
    empty = any("database is empty" in p for p in problems)
    stored = _stored_devices(settings)
    damaged = [p for p in problems if "damaged" in p or "cannot be read" in p]
    if damaged or (empty and stored):
        what = "; ".join(damaged or problems)
        history = f" while {settings.configs_dir} holds the history of {stored} device(s)" if stored else ""
        raise click.ClickException(
            f"refusing to start: {what}{history}.  Restore the database from a backup (see "
            "docs/deployment.md, 'Recovery'), or move it aside, create a new one (`netraven db upgrade`), "
            "import the devices and re-index their versions from the store with `netraven db reindex`; "
            "then check it with `netraven db check`.")
