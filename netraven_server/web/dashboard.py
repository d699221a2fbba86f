"""The dashboard: backup health of the fleet, recent runs and changes, service health."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from flask import render_template
from sqlalchemy import exists, func, select, text
from sqlalchemy.orm import aliased

from ..clock import as_utc, utcnow
from ..db.models import ConfigVersion, Device, Setting, Worker
from ..remotes.status import remote_status
from ..service.queue import queue_stats
from ..service.stale import stale_hours
from ..services import runs as run_service
from ..services import storage_health
from .blueprint import bp
from .common import db, state
from .history import previous_ids

WORKER_ALIVE = timedelta(seconds=90)
SCHEDULER_ALIVE = timedelta(minutes=3)


def _stale_hours(session) -> float:
    try:
        return float(stale_hours(session))
    except Exception:  # the setting is optional; the default matches the stale-backup check
        return 24.0


def stale_cutoff(session):
    """Devices without a successful backup since this time are stale."""
    return utcnow() - timedelta(hours=_stale_hours(session))


def fleet(session) -> dict[str, Any]:
    """Devices backed up OK (recently), failing, stale (no success for N hours) and never."""
    hours = _stale_hours(session)
    cutoff = stale_cutoff(session)
    enabled = Device.enabled.is_(True) & Device.retired_at.is_(None)

    def count(*where) -> int:
        return session.scalar(select(func.count()).select_from(Device).where(enabled, *where)) or 0

    failing = count(Device.last_status == "failed")
    never = count(Device.last_backup_at.is_(None))
    ok = count(Device.last_status == "success", Device.last_success_at >= cutoff.replace(tzinfo=None))
    stale = count(Device.last_status == "success", Device.last_success_at < cutoff.replace(tzinfo=None))
    total = count()
    return {"ok": ok, "failing": failing, "stale": stale, "never": never, "total": total,
            "stale_hours": hours}


def health(session) -> list[dict[str, Any]]:
    """One row per service part: name, ok (True/False/None for unknown) and a detail line."""
    rows = []
    st = state()
    try:
        session.execute(text("SELECT 1"))
        rev = st.revision()
        ok = rev["revision"] == rev["head"]
        detail = f"{st.db.engine.dialect.name} · schema {'up to date' if ok else 'needs migration'}"
        rows.append({"name": "Database", "ok": ok, "detail": detail})
    except Exception as exc:  # the page must still render when the database misbehaves
        rows.append({"name": "Database", "ok": False, "detail": type(exc).__name__})
    try:
        q = queue_stats()
        age = q.get("oldest_task_age_seconds")
        detail = f"{q['backend']} · {q['depth']} waiting" + (f", oldest {age:.0f} s" if age else "")
        rows.append({"name": "Queue", "ok": age is None or age < 300, "detail": detail})
    except Exception as exc:
        rows.append({"name": "Queue", "ok": False, "detail": f"unavailable ({type(exc).__name__})"})
    try:
        sh = storage_health.check(session, st.settings.configs_dir)
        free = "" if sh["free_bytes"] is None else f"{sh['free_bytes'] // 2**20} MB free"
        rows.append({"name": "Storage", "ok": sh["ok"], "detail": "; ".join(sh["warnings"]) or free})
    except Exception as exc:
        rows.append({"name": "Storage", "ok": False, "detail": f"unavailable ({type(exc).__name__})"})
    rows.extend(_remote_rows(session, st.settings.configs_dir))
    now = utcnow()
    workers = session.scalars(select(Worker).order_by(Worker.kind, Worker.name)).all()
    alive = [w for w in workers if now - as_utc(w.heartbeat_at) <= WORKER_ALIVE]
    rows.append({"name": "Workers", "ok": bool(alive),
                 "detail": f"{len(alive)} alive of {len(workers)} registered" if workers
                 else "none registered",
                 "workers": workers, "alive": {w.id for w in alive}})
    tick = session.get(Setting, "scheduler.last_tick")
    if tick is None or not isinstance(tick.value, dict):
        rows.append({"name": "Scheduler", "ok": None, "detail": "has not ticked yet"})
    else:
        try:
            at = as_utc(datetime.fromisoformat(tick.value.get("recorded_at") or tick.value.get("at")))
        except (TypeError, ValueError):
            at = None
        ok = at is not None and now - at <= SCHEDULER_ALIVE
        rows.append({"name": "Scheduler", "ok": ok, "at": at,
                     "detail": f"last tick by {tick.value.get('worker', '?')}"})
    return rows


def _has_earlier():
    earlier = aliased(ConfigVersion)
    return exists().where(earlier.device_id == ConfigVersion.device_id, earlier.id < ConfigVersion.id)


def real_changes(session, limit: int = 10) -> list[ConfigVersion]:
    """The latest versions that changed a configuration already stored: a device's first version
    is not a change (a new fleet would otherwise fill the list with them)."""
    return list(session.scalars(select(ConfigVersion)
                                .where((ConfigVersion.lines_added + ConfigVersion.lines_removed) > 0,
                                       _has_earlier())
                                .order_by(ConfigVersion.id.desc()).limit(limit)))


def first_versions(session, days: int = 7) -> int:
    """Devices whose first configuration was stored in the last ``days`` days (one summary line)."""
    since = (utcnow() - timedelta(days=days)).replace(tzinfo=None)
    return session.scalar(select(func.count()).select_from(ConfigVersion)
                          .where(ConfigVersion.retrieved_at >= since, ~_has_earlier())) or 0


def _remote_rows(session, configs_dir) -> list[dict[str, Any]]:
    """One row per git remote: pushed and up to date, behind, or failing with its last error."""
    try:
        remotes = remote_status(session, configs_dir)
    except Exception as exc:
        return [{"name": "Git remotes", "ok": False, "detail": f"unavailable ({type(exc).__name__})"}]
    rows = []
    for r in remotes:
        if not r["enabled"]:
            continue
        if r["failures"]:
            detail = f"{r['failures']} failed push(es): {r['last_error']}"
        elif r["last_success_at"] is None:
            detail = "not pushed yet"
        else:
            detail = "behind, push pending" if r["behind"] else "up to date"
        at = datetime.fromisoformat(r["last_success_at"]) if r["last_success_at"] else None
        rows.append({"name": f"Remote {r['name']}", "ok": None if r["status"] == "never_pushed"
                     else not r["failures"], "detail": f"{r['url']} · {detail}", "at": at})
    return rows


@bp.route("/")
def dashboard():
    session = db()
    changes = real_changes(session, 10)
    return render_template("dashboard.html", fleet=fleet(session),
                           runs=run_service.list_runs(session, size=10).items,
                           changes=changes, previous=previous_ids(session, changes),
                           first_versions=first_versions(session), health=health(session))
