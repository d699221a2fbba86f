"""Removing a device retires it; an admin may purge a retired (or active) device for good.

A retired device keeps its row, so its configuration versions stay readable (read-only) at the
same URLs and its id is never handed to another device; it leaves job runs, the default device
list, the dashboard and stale-backup checks.  Restoring brings it back unless an active device
took its hostname meanwhile.  Purging deletes the row and its index of versions; the texts stay in
the storage backend (a git repository keeps every commit), only the database stops pointing at
them.
"""

from __future__ import annotations

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..db.models import AuditEvent, ConfigVersion, Device, Job
from . import audit
from .context import Actor
from .devices import active_clash, get_device, retire_device  # noqa: F401 (one place to import from)
from .errors import Conflict, Invalid


def _version_count(session: Session, device_id: int) -> int:
    return session.scalar(select(func.count()).where(ConfigVersion.device_id == device_id)) or 0


def restore_device(session: Session, device_id: int, actor: Actor | None = None) -> Device:
    """Bring a retired device back; 409 if an active device has its hostname now."""
    device = get_device(session, device_id)
    if device.retired_at is None:
        raise Conflict(f"device {device.hostname!r} is not retired")
    clash = active_clash(session, device.hostname, device.id)
    if clash is not None:
        raise Conflict(f"cannot restore {device.hostname!r}: the active device {clash.id} is named "
                       f"{clash.hostname!r} now; rename or retire that device first",
                       {"hostname": [f"taken by active device {clash.id}"]})
    retired_at, device.retired_at = device.retired_at, None
    back_in = _rejoin_jobs(session, device)
    session.flush()
    audit.record(session, actor, "restore", "device", device.id, device.hostname,
                 {"retired_at": retired_at, "back_in_jobs": back_in})
    return device


def _rejoin_jobs(session: Session, device: Device) -> list[str]:
    """Put the device back in the jobs its retirement took it out of (those that still exist);
    the latest retire entry of the audit trail says which."""
    event = session.scalar(select(AuditEvent).where(
        AuditEvent.entity_type == "device", AuditEvent.entity_id == str(device.id),
        AuditEvent.action == "retire").order_by(AuditEvent.id.desc()).limit(1))
    names = []
    for entry in (event.changes or {}).get("removed_from_jobs", []) if event else []:
        job = session.get(Job, entry.get("id")) if isinstance(entry, dict) else None
        if job is not None and device not in job.devices:
            job.devices = [*job.devices, device]
            names.append(job.name)
    return names


def purge_device(session: Session, device_id: int, confirm: str | None, actor: Actor | None = None) -> int:
    """Delete a device and its version index for good; ``confirm`` must repeat its hostname.

    Returns how many version rows were removed.  The stored texts stay in the storage backend.
    """
    device = get_device(session, device_id)
    if (confirm or "").strip() != device.hostname:
        raise Invalid({"confirm": f"type the device's hostname ({device.hostname!r}) to confirm the purge"})
    removed = session.execute(delete(ConfigVersion).where(ConfigVersion.device_id == device.id)).rowcount
    audit.record(session, actor, "purge", "device", device.id, device.hostname,
                 {"versions_removed": removed, "was_retired": device.retired_at is not None})
    session.delete(device)
    session.flush()
    return removed
