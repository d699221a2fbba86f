"""Bulk device import from the core inventory formats (YAML, CSV), reporting every row.

Parsing and validation are the core's (:func:`netraven_core.inventory.parse_inventory_text`),
so a file that loads with ``netraven`` loads here with the same messages.  Credentials found in
an uploaded file are rejected rather than imported: their ``${ENV}`` references and key-file
paths would be resolved on the server, which an API caller must not be able to trigger.
"""

from __future__ import annotations

import math
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from netraven_core.errors import InventoryError
from netraven_core.inventory import parse_inventory_text

from ..db.models import Device
from . import addressguard, audit, catalogue
from .context import Actor
from .errors import Invalid
from .tags import resolve_tags

FORMATS = ("yaml", "csv")


def import_formats() -> list[str]:
    """yaml, csv and every installed plugin inventory source that can parse uploaded text."""
    from netraven_core.protocols import TextParsingInventorySource

    extra = sorted(name for name, cls in catalogue.registry().inventory_sources.items()
                   if name not in FORMATS and isinstance(cls, type)
                   and callable(getattr(cls, "parse_text", None))
                   and issubclass(cls, TextParsingInventorySource))
    return [*FORMATS, *extra]
CREDENTIALS_REJECTED = "credentials are not imported here (use /api/credentials); row skipped"


MAX_VAR_NODES = 5000


def _vars_problem(value: Any) -> str | None:
    """Why ``vars`` cannot be stored, or ``None``.  YAML aliases can make a small file describe an
    enormous (or cyclic) structure; walk it with a node budget before anything serialises it."""
    budget = MAX_VAR_NODES
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        budget -= 1
        if budget < 0:
            return f"vars are too large (more than {MAX_VAR_NODES} values, YAML aliases included)"
        if depth > 10:
            return "vars are nested too deeply (at most 10 levels)"
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list | tuple):
            stack.extend((v, depth + 1) for v in item)
        elif isinstance(item, str) and "\x00" in item:
            return "vars must not contain NUL characters"
        elif isinstance(item, float) and not math.isfinite(item):
            return "vars must hold finite numbers"
        elif not isinstance(item, str | int | float | bool | type(None)):
            return f"vars may hold only JSON values, not {type(item).__name__}"
    return None


def _row_of(err: InventoryError) -> dict[str, Any]:
    return {"line": err.line, "field": err.field, "reason": err.message}


def import_devices(session: Session, text: str, fmt: str, *, source_name: str | None = None,
                   dry_run: bool = False, actor: Actor | None = None) -> dict[str, Any]:
    """Create or update the devices in ``text``; report created, updated, unchanged and rejected rows."""
    fmt = (fmt or "").lower().lstrip(".")
    if fmt == "yml":
        fmt = "yaml"
    if fmt not in import_formats():
        raise Invalid({"format": f"must be one of {', '.join(import_formats())}"})
    if not text or not text.strip():
        raise Invalid({"content": "the file is empty"})
    name = source_name or f"upload.{fmt}"
    try:
        inventory, errors = parse_inventory_text(text, fmt, name, catalogue.registry())
    except InventoryError as exc:
        raise Invalid({"content": str(exc)}) from None
    rejected = []
    seen_cred_rows: set[str] = set()
    for err in errors:
        field = err.field or ""
        if field.startswith("credentials["):
            row = field.split(".", 1)[0]
            if row not in seen_cred_rows:
                seen_cred_rows.add(row)
                rejected.append({"line": err.line, "field": row, "reason": CREDENTIALS_REJECTED})
            continue
        rejected.append(_row_of(err))
    for index, _cred in enumerate(inventory.credentials):
        row = f"credentials[{index}]"
        if row not in seen_cred_rows:
            rejected.append({"line": None, "field": "credentials", "reason": CREDENTIALS_REJECTED})

    wanted = {}
    for core in inventory.devices:
        problem = _vars_problem(dict(core.vars))
        if problem:
            rejected.append({"line": None, "field": f"{core.hostname}.vars", "reason": problem})
            continue
        wanted[core.hostname.lower()] = core
    existing: dict[str, Device] = {}
    keys = list(wanted)
    for start in range(0, len(keys), 500):
        chunk = keys[start:start + 500]
        for dev in session.scalars(select(Device).where(func.lower(Device.hostname).in_(chunk),
                                                        Device.retired_at.is_(None))):
            existing[dev.hostname.lower()] = dev
    all_tags = sorted({t for d in inventory.devices for t in d.tags})
    tags = {t.name: t for t in resolve_tags(session, all_tags, create=not dry_run, actor=actor)} \
        if all_tags and not dry_run else {}

    created, updated, unchanged = [], [], []
    for key, core in wanted.items():
        values = {"host": core.host, "port": core.port, "platform": core.platform, "driver": core.driver,
                  "vars": dict(core.vars), "transport": core.transport, "sections": core.sections}
        tag_names = sorted(core.tags)
        dev = existing.get(key)
        moved = dev is None or dev.host != core.host
        if moved or sorted(dev.tag_names) != tag_names:  # who may aim credentials where (addressguard)
            why = addressguard.problem(session, actor, core.host, tag_names, host_changed=moved)
            if why is not None:
                rejected.append({"line": None, "field": f"{core.hostname}.host", "reason": why})
                continue
        if dev is None:
            if not dry_run:
                dev = Device(hostname=core.hostname, **values, tags=[tags[t] for t in tag_names])
                session.add(dev)
                session.flush()
            created.append({"hostname": core.hostname, "id": dev.id if dev else None})
            continue
        changes = {k: {"from": getattr(dev, k), "to": v} for k, v in values.items() if getattr(dev, k) != v}
        if sorted(dev.tag_names) != tag_names:
            changes["tags"] = {"from": dev.tag_names, "to": tag_names}
        if not changes:
            unchanged.append({"hostname": dev.hostname, "id": dev.id})
            continue
        if not dry_run:
            for k, v in values.items():
                setattr(dev, k, v)
            dev.tags = [tags[t] for t in tag_names]
        updated.append({"hostname": dev.hostname, "id": dev.id, "changes": sorted(changes)})
    if not dry_run:
        session.flush()
        audit.record(session, actor, "import", "device", None, name,
                     {"created": len(created), "updated": len(updated), "rejected": len(rejected)})
        for row in created + updated:
            addressguard.record_admin_override(session, actor, session.get(Device, row["id"]))
    return {
        "dry_run": dry_run, "created": created, "updated": updated, "unchanged": unchanged,
        "rejected": rejected,
        "counts": {"created": len(created), "updated": len(updated), "unchanged": len(unchanged),
                   "rejected": len(rejected)},
    }
