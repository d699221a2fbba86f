"""Inventory sync: make the server's devices follow an inventory source (NetBox, a plugin's).

Devices in the source are created or updated; devices this sync brought in that are no longer
in the source are *disabled*, never deleted, so their configuration history stays.  A device is
the sync's when ``vars.inventory_sync.owner`` names it (set on every device the sync creates or
updates); devices added by hand or by another sync are never disabled by this one.  A device
the sync disabled is enabled again when it returns to the source.  Every change is returned
(for the run's summary) and recorded in the audit log.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from netraven_core.models import Inventory

from ..db.models import Device
from . import audit
from .importer import _vars_problem
from .tags import resolve_tags

MARKER = "inventory_sync"
CHANGES_KEPT = 2000  # per-device change entries kept in the run summary (the counts are complete)


def _marker(dev: Device) -> dict[str, Any]:
    value = (dev.vars or {}).get(MARKER)
    return value if isinstance(value, dict) else {}


def _existing(session: Session, hostnames: list[str]) -> dict[str, Device]:
    found: dict[str, Device] = {}
    for start in range(0, len(hostnames), 500):
        chunk = hostnames[start:start + 500]
        for dev in session.scalars(select(Device).where(func.lower(Device.hostname).in_(chunk))):
            found[dev.hostname.lower()] = dev
    return found


def apply_inventory(session: Session, inventory: Inventory, owner: str, *, disable_missing: bool = True,
                    source_label: str = "inventory", keep: set[str] | frozenset[str] = frozenset()
                    ) -> dict[str, Any]:
    """Create/update/disable devices so they follow ``inventory``; returns what changed.
    ``keep``: lowercased hostnames the source still has but could not use (never disabled)."""
    changes: list[dict[str, Any]] = []
    rejected: list[dict[str, Any]] = []
    counts = {"created": 0, "updated": 0, "unchanged": 0, "disabled": 0, "enabled": 0}
    wanted = {}
    for core in inventory.devices:
        problem = _vars_problem(dict(core.vars))
        if problem:
            rejected.append({"hostname": core.hostname, "field": "vars", "reason": problem})
            continue
        wanted[core.hostname.lower()] = core
    existing = _existing(session, list(wanted))
    all_tags = sorted({t for d in wanted.values() for t in d.tags})
    tags = {t.name: t for t in resolve_tags(session, all_tags, create=True, actor=None)} if all_tags else {}

    def note(action: str, dev: Device, fields: list[str] | None = None) -> None:
        counts[action] += 1
        if len(changes) < CHANGES_KEPT:
            changes.append({"hostname": dev.hostname, "id": dev.id, "action": action, "fields": fields or []})

    for key, core in wanted.items():
        marker = {"owner": owner}
        values = {"host": core.host, "port": core.port, "platform": core.platform, "driver": core.driver,
                  "transport": core.transport, "sections": core.sections,
                  "vars": {**dict(core.vars), MARKER: marker}}
        tag_names = sorted(core.tags)
        dev = existing.get(key)
        if dev is None:
            dev = Device(hostname=core.hostname, **values, tags=[tags[t] for t in tag_names])
            session.add(dev)
            session.flush()
            note("created", dev)
            continue
        returning = _marker(dev).get("disabled") and not dev.enabled
        fields = sorted(k for k, v in values.items() if getattr(dev, k) != v)
        if sorted(dev.tag_names) != tag_names:
            fields.append("tags")
        for k in fields:
            if k == "tags":
                dev.tags = [tags[t] for t in tag_names]
            else:
                setattr(dev, k, values[k])
        if returning:
            dev.enabled = True
            note("enabled", dev, fields)
        elif fields:
            note("updated", dev, fields)
        else:
            counts["unchanged"] += 1
    if disable_missing:
        owned = select(Device).where(Device.enabled.is_(True))
        for dev in session.scalars(owned):
            name = dev.hostname.lower()
            if name in wanted or name in keep or _marker(dev).get("owner") != owner:
                continue
            dev.enabled = False
            dev.vars = {**(dev.vars or {}), MARKER: {"owner": owner, "disabled": True}}
            note("disabled", dev, ["enabled"])
    session.flush()
    audit.record(session, None, "inventory_sync", "device", None, source_label,
                 {**counts, "rejected": len(rejected),
                  "devices": {a: sorted(c["hostname"] for c in changes if c["action"] == a)[:200]
                              for a in ("created", "updated", "disabled", "enabled")}})
    return {"counts": {**counts, "rejected": len(rejected)}, "changes": changes, "rejected": rejected}
