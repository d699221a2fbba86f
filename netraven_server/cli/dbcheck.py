"""``netraven db check``: is the database sound and does the configuration store agree with git?

Exits 1 with one line per problem, so it can gate a restore or run from monitoring.
"""

from __future__ import annotations

import os
import sqlite3
import sys

import click

from .options import data_dir_option, database_url_option, settings_from


def _database_problems(url: str) -> list[str]:
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


def _store_problems(settings) -> list[str]:
    from netraven_core.errors import StorageError
    from netraven_core.plugins import Registry

    try:
        storage = Registry().storage(settings.storage_backend, str(settings.configs_dir))
    except StorageError as exc:
        return [f"configuration store: {exc}"]
    try:
        verify = getattr(storage, "verify", None)
        return [f"configuration store: {p}" for p in (verify() if verify else [])]
    finally:
        close = getattr(storage, "close", None)
        if close:
            close()


@click.command("check")
@data_dir_option
@database_url_option
def db_check(data_dir, database_url) -> None:
    """Check the database (integrity, schema) and the configuration store (locks, git, index)."""
    settings = settings_from(data_dir, database_url)
    problems = _database_problems(settings.db_url) + _store_problems(settings)
    for problem in problems:
        click.echo(f"problem: {problem}", err=True)
    if problems:
        sys.exit(1)
    click.echo("database and configuration store are consistent")


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
    problems = _database_problems(url)
    empty = any("database is empty" in p for p in problems)
    stored = _stored_devices(settings)
    damaged = [p for p in problems if "damaged" in p or "cannot be read" in p]
    if damaged or (empty and stored):
        what = "; ".join(damaged or problems)
        history = f" while {settings.configs_dir} holds the history of {stored} device(s)" if stored else ""
        raise click.ClickException(
            f"refusing to start: {what}{history}.  Restore the database from a backup (see "
            "docs/deployment.md, 'Recovery'), then check it with `netraven db check`.")
