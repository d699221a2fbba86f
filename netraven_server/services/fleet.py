"""Fleet inventory: model, serial and OS version per device, from the stored sections header.

Facts are read from each new version's text (:func:`netraven_core.configtext.facts.extract_facts`)
and a row is added only when they differ from the device's last row, so the table is both the
current inventory (the latest row per device) and its change history (a new serial on the day
of the backup that saw it: a swapped chassis).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from ..db.models import ConfigVersion, Device, DeviceFacts, Tag
from .errors import NotFound
from .pagination import Page, paginate

FACT_FIELDS = ("model", "serial", "os_version")


def latest_facts(session: Session, device_id: int) -> DeviceFacts | None:
    return session.scalars(select(DeviceFacts).where(DeviceFacts.device_id == device_id)
                           .order_by(DeviceFacts.id.desc()).limit(1)).first()


def latest_facts_of(session: Session, device_ids: list[int]) -> dict[int, DeviceFacts]:
    """The last facts row of each of ``device_ids`` that has one (one query)."""
    if not device_ids:
        return {}
    last = (select(func.max(DeviceFacts.id)).where(DeviceFacts.device_id.in_(device_ids))
            .group_by(DeviceFacts.device_id))
    return {r.device_id: r for r in session.scalars(select(DeviceFacts).where(DeviceFacts.id.in_(last)))}


_LOOK_UP = object()


def record_facts(session: Session, device_id: int, version_id: int | None, facts: dict[str, Any] | None,
                 at: Any = None, *, last: Any = _LOOK_UP, flush: bool = True) -> DeviceFacts | None:
    """Add a facts row when ``facts`` differ from the device's last one; returns the new row.

    ``last``: the device's last row (or ``None``) when the caller read it already
    (:func:`latest_facts_of` for many devices); ``flush=False`` leaves the insert to the caller's
    next flush."""
    if not facts or not any(facts.get(f) for f in FACT_FIELDS):
        return None
    if last is _LOOK_UP:
        last = latest_facts(session, device_id)
    if last is not None and all(getattr(last, f) == facts.get(f) for f in FACT_FIELDS):
        return None
    row = DeviceFacts(device_id=device_id, version_id=version_id,
                      **{f: facts.get(f) for f in FACT_FIELDS})
    if at is not None:
        row.recorded_at = at
    session.add(row)
    if flush:
        session.flush()
    return row


def _changes(previous: DeviceFacts | None, row: DeviceFacts) -> list[dict[str, Any]]:
    if previous is None:
        return []
    return [{"field": f, "from": getattr(previous, f), "to": getattr(row, f)}
            for f in FACT_FIELDS if getattr(previous, f) != getattr(row, f)]


def _inventory_stmt(q: str | None = None, platform: str | None = None, tag: str | None = None):
    latest = (select(DeviceFacts.device_id, func.max(DeviceFacts.id).label("fid"))
              .group_by(DeviceFacts.device_id).subquery())
    stmt = (select(DeviceFacts, Device).join(latest, latest.c.fid == DeviceFacts.id)
            .join(Device, Device.id == DeviceFacts.device_id).where(Device.retired_at.is_(None)))
    if q:
        like = [c.icontains(q, autoescape=True) for c in (Device.hostname, DeviceFacts.model,
                                                          DeviceFacts.serial, DeviceFacts.os_version)]
        stmt = stmt.where(or_(*like))
    if platform:
        stmt = stmt.where(Device.platform == platform)
    if tag:
        stmt = stmt.where(Device.tags.any(Tag.name == tag.lower()))
    return stmt.order_by(Device.hostname)


def _items(session: Session, rows: list[Any]) -> list[dict[str, Any]]:
    counts = dict(session.execute(select(DeviceFacts.device_id, func.count()).where(
        DeviceFacts.device_id.in_([d.id for _f, d in rows])).group_by(DeviceFacts.device_id)).all())
    return [{"device_id": d.id, "hostname": d.hostname, "platform": d.platform, "tags": d.tag_names,
             "model": f.model, "serial": f.serial, "os_version": f.os_version, "since": f.recorded_at,
             "changes": max(0, counts.get(d.id, 1) - 1)} for f, d in rows]


def inventory(session: Session, *, page: int = 1, size: int = 50, **filters: Any) -> Page:
    """The latest facts of every device that has some (filters: ``q``, a substring of hostname,
    model, serial or OS version; ``platform``; ``tag``)."""
    found = paginate(session, _inventory_stmt(**filters), page, size, scalars=False)
    found.items = _items(session, list(found.items))
    return found


def inventory_all(session: Session, **filters: Any) -> list[dict[str, Any]]:
    """Every matching device's latest facts (the CSV export)."""
    return _items(session, session.execute(_inventory_stmt(**filters)).all())


def device_history(session: Session, device_id: int) -> list[dict[str, Any]]:
    """Every facts row of a device, newest first, with what changed from the one before."""
    if session.get(Device, device_id) is None:
        raise NotFound(f"device {device_id} not found")
    rows = session.scalars(select(DeviceFacts).where(DeviceFacts.device_id == device_id)
                           .order_by(DeviceFacts.id)).all()
    refs = dict(session.execute(select(ConfigVersion.id, ConfigVersion.storage_ref).where(
        ConfigVersion.id.in_([r.version_id for r in rows if r.version_id]))).all())
    out, previous = [], None
    for row in rows:
        out.append({"model": row.model, "serial": row.serial, "os_version": row.os_version,
                    "recorded_at": row.recorded_at, "version_id": row.version_id,
                    "storage_ref": refs.get(row.version_id), "changes": _changes(previous, row)})
        previous = row
    return out[::-1]
