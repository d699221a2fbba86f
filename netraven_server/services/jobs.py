"""Jobs: what to run (backup, reachability), on which devices (tags or hostnames) and when."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import timetable
from ..db.models import JOB_TYPES, SCHEDULE_TYPES, Device, Job, Run, Tag, utcnow
from ..service import lifecycle, scheduler
from . import audit, catalogue
from .context import Actor
from .errors import Conflict, Forbidden, Invalid, NotFound
from .pagination import Page, apply_sort, paginate
from .tags import resolve_tags
from .validation import Problems

PLAIN = ("name", "description", "job_type", "schedule_type", "interval_seconds", "cron", "run_at",
         "enabled", "options")
SCHEDULE_FIELDS = ("schedule_type", "interval_seconds", "cron", "run_at", "enabled")
SORTS = {"name": Job.name, "job_type": Job.job_type, "schedule_type": Job.schedule_type,
         "next_run_at": Job.next_run_at, "created_at": Job.created_at, "id": Job.id}
log = logging.getLogger(__name__)
OPTION_RULES = {"timeout": (1, 3600), "retries": (0, 10), "workers": (1, 1000)}
# The options the built-in job types read; other keys are a typo or an attack, refused.
KNOWN_OPTIONS = {"backup": {"timeout", "retries", "workers", "timezone", "start_at", "host_key_mode",
                            "sections"},
                 "reachability": {"timeout", "retries", "workers", "timezone", "start_at", "icmp"}}
HOST_KEY_MODES = ("tofu", "strict", "off")
WEAK_HOST_KEY_MODES = frozenset({"off"})  # accepts any host key: admins only, audited
WEAK_HOST_KEY_WARNING = ("host_key_mode 'off': host keys are not checked, so a device or anyone on the "
                         "path can present any key and receive the credentials; use it only on a lab "
                         "network and switch back to 'tofu' or 'strict'")


def warnings_of(job: Job) -> list[str]:
    """What the API tells whoever reads or saves a job about its settings (audited and logged
    separately)."""
    mode = (job.options or {}).get("host_key_mode") if isinstance(job, Job) else None
    return [WEAK_HOST_KEY_WARNING] if mode in WEAK_HOST_KEY_MODES else []


def _check_sync_options(options: dict[str, Any], problems: Problems, actor: Actor | None) -> None:
    from ..jobtypes.inventory_sync import check_options

    for field, message in check_options(catalogue.registry(), options):
        problems.add(field, message)
    if options.get("location") and actor is not None and actor.role != "admin":
        # The server reads that path or address with its own rights.
        raise Forbidden("only an admin may set an inventory location",
                        {"options": ["location is admin-only"]})


def _check_options(merged: dict[str, Any], problems: Problems, actor: Actor | None) -> None:
    options = merged.get("options") or {}
    if merged.get("job_type") == "inventory_sync":
        _check_sync_options(options, problems, actor)
        return
    known = KNOWN_OPTIONS.get(merged.get("job_type") or "")
    if known is not None:
        for key in sorted(set(options) - known):
            problems.add("options", f"unknown option {key!r} (known: {', '.join(sorted(known))})")
    mode = options.get("host_key_mode")
    if mode is not None and mode not in HOST_KEY_MODES:
        problems.add("options", f"host_key_mode must be one of {', '.join(HOST_KEY_MODES)}")
    elif mode in WEAK_HOST_KEY_MODES and actor is not None and actor.role != "admin":
        raise Forbidden(f"only an admin may set host_key_mode {mode!r} (it accepts any host key)",
                        {"options": [f"host_key_mode {mode!r} is admin-only"]})


def job_types() -> list[str]:
    from ..jobtypes import job_types as specs

    return sorted(set(JOB_TYPES) | set(specs(catalogue.registry())))


def describe_job_types() -> list[dict[str, Any]]:
    """Every job type with its options (from its ``options_schema``) for the API and the UI."""
    from ..jobtypes import builtin_job_types
    from ..jobtypes import job_types as specs
    from ..notify.plugin_types import describe_schema

    builtin = {t["name"]: t for t in builtin_job_types()}
    raw = catalogue.registry().job_types  # as contributed, before the run functions are wrapped
    out = []
    for name, spec in sorted(specs(catalogue.registry()).items()):
        original = raw.get(name, spec)
        mine = builtin.get(name, {})
        is_builtin = any(original.get(k) is not None and original.get(k) is mine.get(k)
                         for k in ("run_device", "run_job"))
        out.append({"name": name, "source": "builtin" if is_builtin else "plugin",
                    "description": spec.get("description") or "",
                    "scope": "job" if callable(spec.get("run_job")) else "device",
                    "options": describe_schema(spec.get("options_schema"))})
    return out


def list_jobs(session: Session, *, name: str | None = None, job_type: str | None = None,
              schedule_type: str | None = None, enabled: bool | None = None, tag: str | None = None,
              device: str | None = None, sort: str | None = None, page: int = 1, size: int = 50) -> Page:
    stmt = select(Job)
    if name:
        stmt = stmt.where(Job.name.icontains(name, autoescape=True))
    if job_type:
        stmt = stmt.where(Job.job_type == job_type)
    if schedule_type:
        stmt = stmt.where(Job.schedule_type == schedule_type)
    if enabled is not None:
        stmt = stmt.where(Job.enabled.is_(enabled))
    if tag:
        stmt = stmt.where(Job.tags.any(Tag.name == tag.strip().lower()))
    if device:
        stmt = stmt.where(Job.devices.any(Device.hostname == device))
    return paginate(session, apply_sort(stmt, sort, SORTS, "name", Job.id, unique=("id", "name")), page, size)


def get_job(session: Session, job_id: int) -> Job:
    job = session.get(Job, job_id)
    if job is None:
        raise NotFound(f"job {job_id} not found")
    return job


def refresh_next_run(job: Job, now: datetime | None = None) -> None:
    """Recompute ``next_run_at`` after a schedule change (``None`` for manual/disabled jobs).

    The scheduler's own computation (with ``options.start_at`` and ``options.timezone``), so the
    API shows the slot the scheduler will actually start.
    """
    scheduler.refresh_next_run(job, now)


def _validate(merged: dict[str, Any], problems: Problems, actor: Actor | None = None) -> None:
    _check_options(merged, problems, actor)
    if merged.get("job_type") not in job_types():
        problems.add("job_type", f"must be one of {', '.join(job_types())}")
    kind = merged.get("schedule_type")
    if kind not in SCHEDULE_TYPES:
        problems.add("schedule_type", f"must be one of {', '.join(SCHEDULE_TYPES)}")
        return
    field_of = {"interval": "interval_seconds", "cron": "cron", "onetime": "run_at"}
    try:
        timetable.validate(timetable.Schedule(kind=kind, interval=merged.get("interval_seconds"),
                                                cron=merged.get("cron"), run_at=merged.get("run_at")))
    except ValueError as exc:
        problems.add(field_of.get(kind, "schedule_type"), str(exc))
    options = merged.get("options") or {}
    try:  # the scheduler reads these two (see scheduler.schedule_of)
        if options.get("timezone") is not None:
            timetable.validate(timetable.Schedule(kind="manual", timezone=str(options["timezone"])))
        if options.get("start_at") is not None:
            datetime.fromisoformat(str(options["start_at"]))
    except ValueError as exc:
        problems.add("options", str(exc))
    if "sections" in options and not isinstance(options["sections"], bool):
        problems.add("options", "sections must be true or false (false: store no hardware/software sections)")
    for key, value in options.items():
        if key in OPTION_RULES:
            lo, hi = OPTION_RULES[key]
            if isinstance(value, bool) or not isinstance(value, int | float) or not lo <= value <= hi:
                problems.add("options", f"{key} must be a number between {lo} and {hi}")
    from ..jobtypes import is_job_level

    if not merged.get("tags") and not merged.get("devices") and not is_job_level(merged.get("job_type")):
        problems.add("tags", "a job targets tags or devices: give at least one of them")


def _resolve_devices(session: Session, hostnames: list[str]) -> list[Device]:
    if not hostnames:
        return []
    found = {d.hostname: d for d in session.scalars(select(Device).where(Device.hostname.in_(hostnames),
                                                                          Device.retired_at.is_(None)))}
    missing = [h for h in hostnames if h not in found]
    if missing:
        raise Invalid({"devices": f"unknown device(s): {', '.join(missing[:20])}"})
    return [found[h] for h in dict.fromkeys(hostnames)]


def _unique(session: Session, name: str, exclude_id: int | None) -> None:
    clash = session.scalar(select(Job).where(Job.name == name))
    if clash is not None and clash.id != exclude_id:
        raise Conflict(f"a job named {name!r} already exists", {"name": ["already exists"]})


def create_job(session: Session, data: dict[str, Any], actor: Actor | None = None) -> Job:
    merged = {"job_type": "backup", "schedule_type": "manual", "enabled": True, **data}
    problems = Problems()
    if not merged.get("name"):
        problems.add("name", "required field is missing")
    _validate(merged, problems, actor)
    problems.raise_if_any()
    _unique(session, merged["name"], None)
    job = Job(**{k: merged[k] for k in PLAIN if merged.get(k) is not None})
    job.tags = resolve_tags(session, merged.get("tags") or [], create=False)
    job.devices = _resolve_devices(session, merged.get("devices") or [])
    job.created_by = actor.username if actor else None
    job.created_at = utcnow()
    refresh_next_run(job)
    session.add(job)
    session.flush()
    audit.record(session, actor, "create", "job", job.id, job.name,
                 {k: getattr(job, k) for k in PLAIN}
                 | {"tags": job.tag_names, "devices": job.device_hostnames})
    _audit_weak_mode(session, job, actor)
    return job


def update_job(session: Session, job_id: int, data: dict[str, Any], actor: Actor | None = None) -> Job:
    job = get_job(session, job_id)
    current = {k: getattr(job, k) for k in PLAIN} | {"tags": job.tag_names, "devices": job.device_hostnames}
    merged = current | {k: v for k, v in data.items()}
    problems = Problems()
    if "name" in data and not data["name"]:
        problems.add("name", "must not be empty")
    _validate(merged, problems, actor)
    problems.raise_if_any()
    if data.get("name") and data["name"] != job.name:
        _unique(session, data["name"], job.id)
    changes: dict[str, Any] = {}
    for key in PLAIN:
        if key in data and data[key] != current[key]:
            changes[key] = {"from": current[key], "to": data[key]}
            setattr(job, key, data[key])
    if "tags" in data:
        job.tags = resolve_tags(session, data["tags"] or [], create=False)
    if "devices" in data:
        job.devices = _resolve_devices(session, data["devices"] or [])
    for key, now_value in (("tags", job.tag_names), ("devices", job.device_hostnames)):
        if key in data and now_value != current[key]:
            changes[key] = {"from": current[key], "to": now_value}
    if any(k in changes for k in SCHEDULE_FIELDS):
        refresh_next_run(job)
    session.flush()
    if changes:
        audit.record(session, actor, "update", "job", job.id, job.name, changes)
    _audit_weak_mode(session, job, actor)
    return job


def _audit_weak_mode(session: Session, job: Job, actor: Actor | None) -> None:
    mode = (job.options or {}).get("host_key_mode")
    if mode in WEAK_HOST_KEY_MODES:
        log.warning("job %r uses host_key_mode %r: host keys are not checked", job.name, mode)
        audit.record(session, actor, "weaken_host_keys", "job", job.id, job.name, {"host_key_mode": mode})


def delete_job(session: Session, job_id: int, actor: Actor | None = None) -> None:
    job = get_job(session, job_id)
    audit.record(session, actor, "delete", "job", job.id, job.name)
    session.delete(job)
    session.flush()


def start_run(session: Session, job: Job, actor: Actor | None = None, *, trigger: str = "manual") -> Run:
    """Create a pending run of ``job`` over its current targets (the caller commits, then calls
    :func:`netraven_server.services.runs.dispatch`).  Refused while the job has a run going."""

    active = lifecycle.active_run(session, job.id)
    if active is not None:
        raise Conflict(f"job {job.name!r} is already running (run {active.id})")
    devices = lifecycle.job_targets(session, job)
    run = lifecycle.create_run(session, job=job, devices=devices, trigger=trigger,
                               requested_by=actor.username if actor else None)
    audit.record(session, actor, "run", "job", job.id, job.name, {"run_id": run.id, "devices": len(devices)})
    return run
