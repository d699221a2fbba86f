"""Devices: CRUD with the core inventory's field names and rules, filters and sorting (removal is
retirement: see :mod:`.retirement`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from netraven_core.inventory.records import DEFAULT_PORTS
from netraven_core.models import Device as CoreDevice

from ..clock import utcnow
from ..db.models import ConfigVersion, Device, Job, Tag
from ..db.models.inventory import device_tags
from . import addressguard, audit
from .context import Actor
from .errors import Conflict, NotFound
from .pagination import Page, apply_sort, paginate
from .tags import resolve_tags
from .validation import (
    Problems,
    driver_problem,
    host_problem,
    hostname_problem,
    platform_problem,
    port_problem,
    transport_problem,
)

FIELDS = ("hostname", "host", "port", "platform", "driver", "vars", "transport", "sections", "description",
          "enabled")
SORTS = {
    "hostname": Device.hostname,
    "host": Device.host,
    "platform": Device.platform,
    "port": Device.port,
    "created_at": Device.created_at,
    "updated_at": Device.updated_at,
    "last_backup_at": Device.last_backup_at,
    "last_status": Device.last_status,
    "retired_at": Device.retired_at,
    "last_changed_at": Device.last_changed_at,
    # a device sorts by its alphabetically first tag; untagged devices come first
    "tags": func.coalesce(
        select(func.min(Tag.name)).join(device_tags, device_tags.c.tag_id == Tag.id)
        .where(device_tags.c.device_id == Device.id).correlate(Device).scalar_subquery(), ""),
    "id": Device.id,
}


def list_devices(session: Session, *, hostname: str | None = None, host: str | None = None,
                 platform: str | None = None, tag: list[str] | str | None = None,
                 status: str | None = None, enabled: bool | None = None, q: str | None = None,
                 sort: str | None = None, page: int = 1, size: int = 50,
                 succeeded_before: datetime | None = None, never_backed_up: bool | None = None,
                 retired: bool = False) -> Page:
    """A page of devices: active ones, or with ``retired`` the retired ones only.

    ``hostname``/``host`` match substrings (case-insensitive), ``platform``/``status`` exactly;
    ``tag`` (one or several) keeps devices carrying every given tag; ``q`` matches hostname, host,
    platform, description or a tag name (substrings);
    ``succeeded_before`` keeps devices whose last successful backup is older (stale devices);
    ``never_backed_up`` keeps devices never (or, if false, ever) backed up.
    """
    stmt = select(Device).where(Device.retired_at.is_not(None) if retired else Device.retired_at.is_(None))
    if hostname:
        stmt = stmt.where(Device.hostname.icontains(hostname, autoescape=True))
    if host:
        stmt = stmt.where(Device.host.icontains(host, autoescape=True))
    if platform:
        stmt = stmt.where(Device.platform == platform)
    for name in [tag] if isinstance(tag, str) else (tag or []):
        stmt = stmt.where(Device.tags.any(Tag.name == name.strip().lower()))
    if status:
        stmt = stmt.where(Device.last_status == status)
    if enabled is not None:
        stmt = stmt.where(Device.enabled.is_(enabled))
    if succeeded_before is not None:
        stmt = stmt.where(Device.last_success_at < succeeded_before.replace(tzinfo=None))
    if never_backed_up is not None:
        stmt = stmt.where(Device.last_backup_at.is_(None) if never_backed_up
                          else Device.last_backup_at.is_not(None))
    if q:  # what an operator types into one filter box: any of these may match
        stmt = stmt.where(or_(Device.hostname.icontains(q, autoescape=True),
                              Device.host.icontains(q, autoescape=True),
                              Device.platform.icontains(q, autoescape=True),
                              Device.description.icontains(q, autoescape=True),
                              Device.tags.any(Tag.name.icontains(q.strip().lower(), autoescape=True))))
    return paginate(session, apply_sort(stmt, sort, SORTS, "hostname", Device.id, unique=("hostname", "id")),
                    page, size)


def get_device(session: Session, device_id: int) -> Device:
    device = session.get(Device, device_id)
    if device is None:
        raise NotFound(f"device {device_id} not found")
    return device


def get_active_device(session: Session, device_id: int) -> Device:
    """A device that is not retired (a retired device is read-only: 409 with what to do)."""
    device = get_device(session, device_id)
    if device.retired_at is not None:
        raise Conflict(f"device {device.hostname!r} is retired; restore it to change or back it up")
    return device


def get_by_hostname(session: Session, hostname: str) -> Device | None:
    """The active device of that name (a retired one may share it)."""
    return session.scalar(select(Device).where(Device.hostname == hostname, Device.retired_at.is_(None)))


def address_clashes(session: Session, device: Device) -> list[str]:
    """Hostnames of the other devices at the same address and port (allowed, but usually a
    copy-paste slip: two entries back up one box)."""
    return list(session.scalars(select(Device.hostname).where(
        func.lower(Device.host) == (device.host or "").lower(), Device.port == device.port,
        Device.id != device.id, Device.retired_at.is_(None)).order_by(Device.hostname).limit(5)))


def shared_addresses(session: Session, page: list[Device]) -> dict[int, list[str]]:
    """For a page of devices, those sharing their address and port with another device (one query)."""
    hosts = {d.host for d in page if d.host}
    if not hosts:
        return {}
    rows = session.execute(select(Device.id, Device.hostname, Device.host, Device.port)
                           .where(Device.host.in_(hosts), Device.retired_at.is_(None))).all()
    out: dict[int, list[str]] = {}
    for d in page:
        others = [r.hostname for r in rows if r.host == d.host and r.port == d.port and r.id != d.id]
        if others:
            out[d.id] = sorted(others)[:5]
    return out


def address_warning(session: Session, device: Device) -> str | None:
    clashes = address_clashes(session, device)
    if not clashes:
        return None
    return f"address {device.host}:{device.port} is also used by {', '.join(clashes)}"


def validate(data: dict[str, Any], problems: Problems, current: Device | None = None) -> None:
    """Check the fields present in ``data`` (all rules of the core inventory format); ``current``
    is the device being changed, whose platform and transport must still fit together."""
    if "hostname" in data and (msg := hostname_problem(data["hostname"])):
        problems.add("hostname", msg)
    if "host" in data and data["host"] is not None and (msg := host_problem(data["host"])):
        problems.add("host", msg)
    if "port" in data and data["port"] is not None and (msg := port_problem(data["port"])):
        problems.add("port", msg)
    if "platform" in data and (msg := platform_problem(data["platform"])):
        problems.add("platform", msg)
    if data.get("driver") is not None and (msg := driver_problem(data["driver"])):
        problems.add("driver", msg)
    if "transport" in data or ("platform" in data and current is not None):
        transport = data.get("transport") or (current.transport if current is not None else "ssh")
        platform = data.get("platform") or (current.platform if current is not None else None)
        if msg := transport_problem(transport, platform):
            problems.add("transport", msg)


def _default_port(data: dict[str, Any], current: Device | None) -> None:
    """A device without a port listens where its transport does (22, telnet 23), as in the core
    inventory; changing the transport of a device on the old transport's usual port moves it."""
    if "transport" not in data or data.get("port") is not None:
        return
    if current is None:
        data["port"] = DEFAULT_PORTS.get(data["transport"], 22)
    elif current.port == DEFAULT_PORTS.get(current.transport) and data["transport"] != current.transport:
        data["port"] = DEFAULT_PORTS.get(data["transport"], current.port)


def active_clash(session: Session, hostname: str, exclude_id: int | None) -> Device | None:
    """The active device already named ``hostname`` (ignoring case), other than ``exclude_id``."""
    # Hostnames are compared ignoring case, as the inventory loader does (storage files by them).
    return session.scalar(select(Device).where(func.lower(Device.hostname) == hostname.lower(),
                                               Device.retired_at.is_(None), Device.id != (exclude_id or 0)))


def _check_unique(session: Session, hostname: str, exclude_id: int | None) -> None:
    clash = active_clash(session, hostname, exclude_id)
    if clash is not None:
        raise Conflict(f"a device named {clash.hostname!r} already exists", {"hostname": ["already exists"]})


def create_device(session: Session, data: dict[str, Any], actor: Actor | None = None) -> Device:
    data = dict(data)
    if not data.get("host"):
        data["host"] = data.get("hostname")
    problems = Problems()
    for required in ("hostname", "platform"):
        if not data.get(required):
            problems.add(required, "required field is missing")
    validate({k: v for k, v in data.items() if v is not None or k == "host"}, problems)
    problems.raise_if_any()
    _default_port(data, None)
    _check_unique(session, data["hostname"], None)
    addressguard.check(session, actor, data["host"], [t.strip().lower() for t in data.get("tags") or []],
                       host_changed=True)
    tags = resolve_tags(session, data.get("tags") or [], create=True, actor=actor)
    device = Device(**{k: data[k] for k in FIELDS if data.get(k) is not None}, tags=tags)
    session.add(device)
    session.flush()
    audit.record(session, actor, "create", "device", device.id, device.hostname,
                 {k: getattr(device, k) for k in ("host", "port", "platform", "transport")}
                 | {"tags": device.tag_names})
    addressguard.record_admin_override(session, actor, device)
    return device


def update_device(session: Session, device_id: int, data: dict[str, Any],
                  actor: Actor | None = None) -> Device:
    device = get_active_device(session, device_id)
    problems = Problems()
    for required in ("hostname", "host", "platform", "port", "transport", "sections"):
        if required in data and data[required] in (None, ""):
            problems.add(required, "must not be empty")
    data = {k: v for k, v in data.items() if v is not None or k not in ("transport", "sections")}
    validate({k: v for k, v in data.items() if v is not None}, problems, device)
    problems.raise_if_any()
    _default_port(data, device)
    if "hostname" in data and data["hostname"] != device.hostname:
        _check_unique(session, data["hostname"], device.id)
    new_host = data.get("host") or device.host
    new_tags = [t.strip().lower() for t in data["tags"] or []] if "tags" in data else device.tag_names
    if new_host != device.host or sorted(new_tags) != sorted(device.tag_names):
        addressguard.check(session, actor, new_host, new_tags, host_changed=new_host != device.host)
    changes: dict[str, Any] = {}
    for key in FIELDS:
        if key in data and data[key] != getattr(device, key):
            changes[key] = {"from": getattr(device, key), "to": data[key]}
            setattr(device, key, data[key])
    if "tags" in data:
        tags = resolve_tags(session, data["tags"] or [], create=True, actor=actor)
        if [t.name for t in tags] != device.tag_names:
            changes["tags"] = {"from": device.tag_names, "to": [t.name for t in tags]}
            device.tags = tags
    session.flush()
    if changes:
        audit.record(session, actor, "update", "device", device.id, device.hostname, changes)
        if "host" in changes or "tags" in changes:
            addressguard.record_admin_override(session, actor, device)
    return device


def retire_device(session: Session, device_id: int, actor: Actor | None = None) -> Device:
    """Retire an active device (409 if it is retired already).

    It leaves the jobs that name it (so editing such a job never trips over a device it may not
    name, and a new device of the same name is not mistaken for it); the audit entry lists those
    jobs and restoring the device puts it back in them.
    """
    device = get_device(session, device_id)
    if device.retired_at is not None:
        raise Conflict(f"device {device.hostname!r} is retired already (since "
                       f"{device.retired_at:%Y-%m-%d %H:%M} UTC); restore or purge it")
    jobs = list(session.scalars(select(Job).where(Job.devices.any(Device.id == device.id)).order_by(Job.id)))
    for job in jobs:
        job.devices = [d for d in job.devices if d.id != device.id]
    device.retired_at = utcnow()
    session.flush()
    kept = session.scalar(select(func.count()).where(ConfigVersion.device_id == device.id))
    audit.record(session, actor, "retire", "device", device.id, device.hostname,
                 {"versions_kept": kept, "removed_from_jobs": [{"id": j.id, "name": j.name} for j in jobs]})
    return device


# Removing a device retires it; callers of the old name get the same (see :mod:`.retirement`).
delete_device = retire_device


def to_core(device: Device) -> CoreDevice:
    """The core library's view of a device (what the engine backs up)."""
    return CoreDevice(hostname=device.hostname, host=device.host, platform=device.platform, port=device.port,
                      tags=frozenset(device.tag_names), driver=device.driver, vars=dict(device.vars or {}),
                      transport=device.transport or "ssh",
                      sections=device.sections if device.sections is not None else True)
