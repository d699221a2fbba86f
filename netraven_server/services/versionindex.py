"""The database's ``config_versions`` index against the configuration store it indexes.

The store (git) is the truth for configurations; the table is an index of it, so history, diffs
and search answer without walking git.  The two drift apart when the database is lost, restored
from an older backup, or misses versions whose result could not be written (a worker killed or the
database down after the commit landed).  :func:`compare` says how far apart they are (``netraven
db check``); :func:`rebuild` adds what the index lacks (``netraven db reindex``), idempotently.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..clock import as_utc
from ..db.models import ConfigVersion, Device, ResultStatus, Run

# A version is linked to the run its commit names only when it was stored while that run was
# active (plus this margin): a restored database may reuse the id for another run.
_RUN_MARGIN = timedelta(minutes=5)


@dataclass
class IndexDiff:
    """How the index and the store differ (hostname -> version references)."""

    missing: dict[str, list[str]] = field(default_factory=dict)  # in the store, not in the index
    extra: dict[str, list[str]] = field(default_factory=dict)  # in the index, not in the store
    no_device: list[str] = field(default_factory=list)  # stored hostnames no device row carries

    @property
    def consistent(self) -> bool:
        return not (self.missing or self.extra or self.no_device)

    def problems(self) -> list[str]:
        out = []
        if self.missing:
            count = sum(len(v) for v in self.missing.values())
            out.append(f"{count} version(s) of {len(self.missing)} device(s) are in the configuration store "
                       f"but not in the database (e.g. {_sample(self.missing)}); run `netraven db reindex`")
        if self.extra:
            count = sum(len(v) for v in self.extra.values())
            out.append(f"{count} version(s) of {len(self.extra)} device(s) are in the database but not in "
                       f"the configuration store (e.g. {_sample(self.extra)}); restore the store from a "
                       "backup, their texts cannot be read")
        if self.no_device:
            out.append(f"{len(self.no_device)} hostname(s) in the configuration store have no device "
                       f"(e.g. {', '.join(self.no_device[:3])}); add or import these devices, then run "
                       "`netraven db reindex`")
        return out


@dataclass
class ReindexReport:
    added: int = 0
    devices: int = 0  # devices that got at least one version
    already: int = 0  # versions the index already had
    no_device: list[str] = field(default_factory=list)
    extra: int = 0  # versions in the index the store lacks (left alone: reported by the check)


def _sample(refs: dict[str, list[str]]) -> str:
    host = next(iter(refs))
    return f"{host} {refs[host][0][:12]}"


def _device_ids(session: Session, hostnames: Iterable[str]) -> dict[str, int]:
    """Stored hostname -> device id: the name versions are filed under, else the device's hostname
    (a device renamed after its first backup keeps its versions under the old name)."""
    wanted = set(hostnames)
    ids = dict(session.execute(select(Device.hostname, Device.id).where(Device.hostname.in_(wanted))).all())
    filed = session.execute(select(ConfigVersion.hostname, ConfigVersion.device_id).distinct()).all()
    ids.update({h: d for h, d in filed if h in wanted})
    return ids


def _indexed(session: Session, backend: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    rows = session.execute(select(ConfigVersion.hostname, ConfigVersion.storage_ref)
                           .where(ConfigVersion.storage_backend == backend))
    for hostname, ref in rows:
        out.setdefault(hostname, set()).add(ref)
    return out


def _stored(storage: Any) -> dict[str, list[Any]]:
    """Hostname -> its versions in the store, oldest first."""
    return {h: list(reversed(storage.history(h))) for h in storage.hostnames()}


def compare(session: Session, storage: Any, backend: str) -> IndexDiff:
    stored = _stored(storage)
    indexed = _indexed(session, backend)
    ids = _device_ids(session, stored)
    diff = IndexDiff()
    for hostname, versions in stored.items():
        if hostname not in ids:
            diff.no_device.append(hostname)
            continue
        known = indexed.get(hostname, set())
        missing = [v.version for v in versions if v.version not in known]
        if missing:
            diff.missing[hostname] = missing
    for hostname, refs in indexed.items():
        present = {v.version for v in stored.get(hostname, [])}
        extra = sorted(refs - present)
        if extra:
            diff.extra[hostname] = extra
    diff.no_device.sort()
    return diff


def _run_for(session: Session, run_id: str | None, at) -> int | None:
    if not run_id or not str(run_id).isdigit():
        return None
    run = session.get(Run, int(run_id))
    if run is None:
        return None
    start = as_utc(run.created_at) - _RUN_MARGIN
    end = as_utc(run.finished_at) + _RUN_MARGIN if run.finished_at else None
    return run.id if start <= as_utc(at) and (end is None or as_utc(at) <= end) else None


def _touch_device(device: Device, newest) -> None:
    """A stored version is a successful backup: the device's summary columns learn of it."""
    at = newest.timestamp
    if device.last_success_at is None or as_utc(device.last_success_at) < as_utc(at):
        device.last_success_at = at
    if device.last_backup_at is None or as_utc(device.last_backup_at) < as_utc(at):
        device.last_backup_at = at
        device.last_status = device.last_status or ResultStatus.SUCCESS
    if device.last_changed_at is None or as_utc(device.last_changed_at) < as_utc(at):
        device.last_changed_at = at


def rebuild(session: Session, storage: Any, backend: str) -> ReindexReport:
    """Add every stored version the index lacks, for hostnames a device carries."""
    stored = _stored(storage)
    indexed = _indexed(session, backend)
    ids = _device_ids(session, stored)
    report = ReindexReport()
    for hostname, versions in stored.items():
        device_id = ids.get(hostname)
        if device_id is None:
            report.no_device.append(hostname)
            continue
        known = indexed.get(hostname, set())
        new = [v for v in versions if v.version not in known]
        report.already += len(versions) - len(new)
        for info in new:
            session.add(ConfigVersion(
                device_id=device_id, hostname=hostname, storage_backend=backend, storage_ref=info.version,
                content_hash=info.content_hash, retrieved_at=info.timestamp, size=info.size,
                lines_added=info.lines_added, lines_removed=info.lines_removed,
                run_id=_run_for(session, info.run_id, info.timestamp)))
        if new:
            report.added += len(new)
            report.devices += 1
            device = session.get(Device, device_id)
            if device is not None:
                _touch_device(device, versions[-1])
        session.flush()
    for hostname, refs in indexed.items():
        present = {v.version for v in stored.get(hostname, [])}
        report.extra += len(refs - present)
    report.no_device.sort()
    return report
