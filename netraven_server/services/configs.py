"""Configuration versions: history, text, diffs and search, answered from the database index.

The index (``config_versions``) says which storage reference holds each version, so history is
one indexed query and a text is one ``storage.read`` — never a walk of the git history.  Texts
are cached by content hash (identical texts share an entry), which also makes search across
every device's latest configuration cheap after the first pass.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from netraven_core.errors import NetRavenError
from netraven_core.models import VersionInfo

from ..db.models import ConfigVersion, Device, Tag
from . import diffing
from .errors import Invalid, NotFound, Unavailable
from .pagination import Page, apply_sort, paginate
from .patterns import compile_search

if TYPE_CHECKING:
    from netraven_core.protocols import Storage

SORTS = {"retrieved_at": ConfigVersion.retrieved_at, "size": ConfigVersion.size, "id": ConfigVersion.id}


class TextCache:
    """A thread-safe LRU of configuration texts keyed by content hash, bounded in characters."""

    def __init__(self, max_chars: int = 64 * 1024 * 1024):
        self.max_chars = max_chars
        self._data: OrderedDict[str, str] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> str | None:
        with self._lock:
            text = self._data.get(key)
            if text is not None:
                self._data.move_to_end(key)
            return text

    def put(self, key: str, text: str) -> None:
        if len(text) > self.max_chars:
            return
        with self._lock:
            if key in self._data:
                return
            self._data[key] = text
            self._size += len(text)
            while self._size > self.max_chars:
                _k, old = self._data.popitem(last=False)
                self._size -= len(old)


_cache = TextCache()


def history(session: Session, device_id: int, *, since: datetime | None = None,
            until: datetime | None = None, changed_only: bool = False, sort: str | None = None,
            page: int = 1, size: int = 50) -> Page:
    """A device's versions, newest first."""
    if session.get(Device, device_id) is None:
        raise NotFound(f"device {device_id} not found")
    stmt = select(ConfigVersion).where(ConfigVersion.device_id == device_id)
    if since:
        stmt = stmt.where(ConfigVersion.retrieved_at >= since)
    if until:
        stmt = stmt.where(ConfigVersion.retrieved_at < until)
    if changed_only:
        stmt = stmt.where((ConfigVersion.lines_added + ConfigVersion.lines_removed) > 0)
    return paginate(session, apply_sort(stmt, sort, SORTS, "-retrieved_at", ConfigVersion.id.desc()),
                    page, size)


def get_version(session: Session, version_id: int) -> ConfigVersion:
    version = session.get(ConfigVersion, version_id)
    if version is None:
        raise NotFound(f"configuration version {version_id} not found")
    return version


def read_text(storage: Storage, version: ConfigVersion, cache: TextCache = _cache) -> str:
    """The text of ``version`` from the storage plugin (cached by content hash)."""
    text = cache.get(version.content_hash)
    if text is not None:
        return text
    try:
        text = storage.read(version.hostname, version.storage_ref)
    except (NetRavenError, OSError, KeyError, ValueError) as exc:
        raise Unavailable(f"the text of version {version.id} cannot be read from storage: "
                          f"{type(exc).__name__}") from None
    cache.put(version.content_hash, text)
    return text


def diff(session: Session, storage: Storage, from_id: int, to_id: int, *, context: int | None = None
         ) -> dict[str, Any]:
    """Unified diff plus side-by-side rows between two versions (of any devices)."""
    old_v, new_v = get_version(session, from_id), get_version(session, to_id)
    old, new = read_text(storage, old_v), read_text(storage, new_v)
    label = "{0.hostname}@{0.retrieved_at:%Y-%m-%dT%H:%M:%SZ}".format
    unified, rows = diffing.compare(old, new, label(old_v), label(new_v))
    counts = diffing.stats(rows)
    if context is not None:
        rows = diffing.collapse(rows, context)
    return {"from": old_v, "to": new_v, "identical": old_v.content_hash == new_v.content_hash,
            "unified": unified, "rows": rows, **counts}


def latest_versions_stmt():
    """Each device's newest indexed version (highest id: versions are indexed as they arrive)."""
    latest = (select(func.max(ConfigVersion.id).label("id")).group_by(ConfigVersion.device_id).subquery())
    return select(ConfigVersion).join(latest, ConfigVersion.id == latest.c.id)


def search(session: Session, storage: Storage, q: str, *, regex: bool = False, case_sensitive: bool = False,
           platform: str | None = None, tag: str | None = None, hostname: str | None = None,
           max_devices: int = 50, max_lines: int = 20, after: str | None = None,
           scan_limit: int = 10_000) -> dict[str, Any]:
    """Find ``q`` in every device's latest configuration; matching lines with their numbers.

    Devices are searched in hostname order.  A request reads at most ``scan_limit`` texts (about
    0.3 ms each from git when not cached) and returns at most ``max_devices`` matching devices;
    when it stops early, ``next_after`` is the hostname to pass as ``after`` to continue.
    """
    if not q:
        raise Invalid({"q": "must not be empty"}, location="query")
    pattern = compile_search(q, regex=regex, case_sensitive=case_sensitive)  # RE2: linear time
    stmt = latest_versions_stmt().join(Device, Device.id == ConfigVersion.device_id).where(
        Device.retired_at.is_(None))  # a retired device's history is read from its own pages
    if platform:
        stmt = stmt.where(Device.platform == platform)
    if tag:
        stmt = stmt.where(Device.tags.any(Tag.name == tag.strip().lower()))
    if hostname:
        stmt = stmt.where(Device.hostname.icontains(hostname, autoescape=True))
    if after:
        stmt = stmt.where(ConfigVersion.hostname > after)
    stmt = stmt.order_by(ConfigVersion.hostname)
    results: list[dict[str, Any]] = []
    scanned, next_after, last_seen = 0, None, None
    for version in session.scalars(stmt):
        if scanned >= scan_limit:
            next_after = last_seen
            break
        scanned += 1
        last_seen = version.hostname
        try:
            text = read_text(storage, version)
        except Unavailable:
            continue
        lines = [{"line_no": n, "line": line} for n, line in enumerate(text.splitlines(), 1)
                 if pattern.search(line)]
        if not lines:
            continue
        if len(results) >= max_devices:
            next_after = results[-1]["hostname"]
            break
        shown = [dict(line, marks=match_spans(pattern, line["line"])) for line in lines[:max_lines]]
        results.append({"version": version, "device_id": version.device_id, "hostname": version.hostname,
                        "match_count": len(lines), "lines": shown})
    return {"q": q, "results": results, "devices_scanned": scanned, "truncated": next_after is not None,
            "next_after": next_after}


def match_spans(pattern, line: str) -> list[list[int]]:
    """The ``[start, end)`` character ranges ``pattern`` matches in ``line`` (empty matches left out),
    so a page can mark them without running the pattern again."""
    return [[m.start(), m.end()] for m in pattern.finditer(line) if m.end() > m.start()]


def record_versions(session: Session, infos: Mapping[str, VersionInfo], devices: Mapping[str, int], *,
                    run_id: int | None = None, backend: str = "git") -> dict[str, ConfigVersion]:
    """Index versions a storage ``save`` returned (hostname -> VersionInfo).

    :param devices: hostname -> device id, for the devices of the run.
    """
    out = {}
    for hostname, info in infos.items():
        device_id = devices.get(hostname)
        if device_id is None:
            continue
        version = ConfigVersion(device_id=device_id, hostname=hostname, storage_backend=backend,
                                storage_ref=info.version, content_hash=info.content_hash,
                                retrieved_at=info.timestamp, size=info.size, lines_added=info.lines_added,
                                lines_removed=info.lines_removed, run_id=run_id)
        session.add(version)
        out[hostname] = version
    session.flush()
    return out


def latest_version(session: Session, device_id: int) -> ConfigVersion | None:
    return session.scalar(select(ConfigVersion).where(ConfigVersion.device_id == device_id)
                          .order_by(ConfigVersion.retrieved_at.desc(), ConfigVersion.id.desc()).limit(1))
