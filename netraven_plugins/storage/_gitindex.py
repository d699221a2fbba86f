"""The per-device version index of the git backend (a SQLite file inside ``.git``).

Listing a device's history with ``git log -- <file>`` walks every commit of the repository, which
is what makes other tools slow at tens of thousands of commits.  This index maps each hostname to
its versions (commit, blob, time, SHA-256, size, lines +/-, run id), so history is one indexed
query and a version is read straight from its blob.  It is a cache: it records which commit it
reflects (``head``) and is brought up to date from git when the branch moved without it, or
rebuilt from scratch when missing.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from netraven_core.models import VersionInfo

from ._common import VersionNotFound, relative_back

SCHEMA_VERSION = "1"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS devices (hostname TEXT PRIMARY KEY, path TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS versions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    hostname TEXT NOT NULL,
    commit_sha TEXT NOT NULL,
    blob TEXT NOT NULL,
    ts REAL NOT NULL,
    sha256 TEXT NOT NULL,
    size INTEGER NOT NULL,
    added INTEGER NOT NULL,
    removed INTEGER NOT NULL,
    run_id TEXT,
    message TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS versions_by_host ON versions (hostname, seq);
"""
_COLUMNS = "hostname, commit_sha, blob, ts, sha256, size, added, removed, run_id, message"
_SELECT = "seq, " + _COLUMNS
_HEX = re.compile(r"^[0-9a-fA-F]{4,40}$")


@dataclass(frozen=True)
class IndexedVersion:
    seq: int
    hostname: str
    commit: str
    blob: str
    ts: float
    sha256: str
    size: int
    added: int
    removed: int
    run_id: str | None
    message: str

    def info(self) -> VersionInfo:
        return VersionInfo(hostname=self.hostname, version=self.commit,
                           timestamp=datetime.fromtimestamp(self.ts, UTC), content_hash=self.sha256,
                           size=self.size, lines_added=self.added, lines_removed=self.removed,
                           run_id=self.run_id, message=self.message)


@dataclass(frozen=True)
class NewVersion:
    """A version about to be recorded (the commit is known only after writing)."""

    hostname: str
    path: str
    blob: str
    sha256: str
    size: int
    added: int
    removed: int


class VersionIndex:
    """SQLite-backed index; every method is safe to call from several threads."""

    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None, timeout=60)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        with self._lock:
            self._db.executescript(_SCHEMA)
            row = self._db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
            if row is None:
                self._db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
            elif row[0] != SCHEMA_VERSION:
                self._clear_locked()
                self._db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # ------------------------------------------------------------------ reading

    def head(self) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT value FROM meta WHERE key='head'").fetchone()
        return row[0] if row else None

    def paths(self) -> dict[str, str]:
        """hostname -> path of every device the index knows."""
        with self._lock:
            return dict(self._db.execute("SELECT hostname, path FROM devices"))

    def path_of(self, hostname: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT path FROM devices WHERE hostname=?", (hostname,)).fetchone()
        return row[0] if row else None

    def hostname_of(self, path: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT hostname FROM devices WHERE path=?", (path,)).fetchone()
        return row[0] if row else None

    def hostnames(self) -> list[str]:
        with self._lock:
            # a device is only recorded together with its first version
            rows = self._db.execute("SELECT hostname FROM devices ORDER BY hostname").fetchall()
        return [r[0] for r in rows]

    def latest(self, hostname: str) -> IndexedVersion | None:
        found = self.history(hostname, 1)
        return found[0] if found else None

    def history(self, hostname: str, limit: int | None = None) -> list[IndexedVersion]:
        sql = f"SELECT {_SELECT} FROM versions WHERE hostname=? ORDER BY seq DESC"  # noqa: S608
        params: tuple = (hostname,)
        if limit is not None:
            sql += " LIMIT ?"
            params += (max(0, int(limit)),)
        with self._lock:
            return [IndexedVersion(*row) for row in self._db.execute(sql, params)]

    def find(self, hostname: str, version: str | None) -> IndexedVersion:
        """Resolve a version reference of ``hostname``.

        ``None`` is the latest version, ``~N`` (or ``HEAD~N``) the N-th before it, anything else a
        (prefix of a) commit id at which the device changed.
        """
        spec = (version or "~0").strip()
        back = relative_back(spec)
        with self._lock:
            if back is not None:
                rows = self._db.execute(
                    f"SELECT {_SELECT} FROM versions WHERE hostname=?"  # noqa: S608
                    " ORDER BY seq DESC LIMIT 1 OFFSET ?", (hostname, back)).fetchall()
            elif _HEX.match(spec):
                rows = self._db.execute(
                    f"SELECT {_SELECT} FROM versions WHERE hostname=?"  # noqa: S608
                    " AND commit_sha >= ? AND commit_sha < ?"
                    " ORDER BY seq DESC LIMIT 2", (hostname, spec.lower(), spec.lower() + "g")).fetchall()
            else:
                rows = []
        if len(rows) > 1:
            raise VersionNotFound(f"version {spec!r} of {hostname!r} is ambiguous; give more digits")
        if not rows:
            if self.latest(hostname) is None:
                raise VersionNotFound(f"no stored configuration for {hostname!r}")
            raise VersionNotFound(f"no version {spec!r} of {hostname!r} (use a commit id from its history"
                                  " or ~N for the N-th version before the latest)")
        return IndexedVersion(*rows[0])

    def previous(self, version: IndexedVersion) -> IndexedVersion | None:
        """The version of the same device just before ``version``."""
        with self._lock:
            row = self._db.execute(f"SELECT {_SELECT} FROM versions WHERE hostname=? AND seq < ?"  # noqa: S608
                                   " ORDER BY seq DESC LIMIT 1", (version.hostname, version.seq)).fetchone()
        return IndexedVersion(*row) if row else None

    # ------------------------------------------------------------------ writing

    def record(self, commit: str, ts: float, message: str, run_id: str | None,
               versions: Iterable[NewVersion], head: str) -> None:
        """Append the versions of one commit and move ``head`` to it, atomically."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._record_locked(commit, ts, message, run_id, versions)
                self._db.execute("INSERT OR REPLACE INTO meta VALUES ('head', ?)", (head,))
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def record_many(self, commits: Iterable[tuple[str, float, str, str | None, list[NewVersion]]],
                    head: str, *, reset: bool = False) -> None:
        """Append many commits (oldest first) in one transaction; ``reset`` empties the index first."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                if reset:
                    self._clear_locked()
                for commit, ts, message, run_id, versions in commits:
                    self._record_locked(commit, ts, message, run_id, versions)
                self._db.execute("INSERT OR REPLACE INTO meta VALUES ('head', ?)", (head,))
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def _record_locked(self, commit: str, ts: float, message: str, run_id: str | None,
                       versions: Iterable[NewVersion]) -> None:
        rows = []
        for v in versions:
            self._db.execute("INSERT OR IGNORE INTO devices VALUES (?, ?)", (v.hostname, v.path))
            rows.append((v.hostname, commit, v.blob, ts, v.sha256, v.size, v.added, v.removed, run_id,
                         message))
        self._db.executemany(f"INSERT INTO versions ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?)",  # noqa: S608
                             rows)

    def _clear_locked(self) -> None:
        self._db.execute("DELETE FROM versions")
        self._db.execute("DELETE FROM devices")
        self._db.execute("DELETE FROM meta WHERE key='head'")
