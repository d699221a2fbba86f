"""The scheduled service's part of ``/api/system/status``: queue, scheduler and workers."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..clock import as_utc, utcnow
from ..db.models import Run, Setting, Worker
from .queue import queue_stats
from .scheduler import LAST_TICK_KEY
from .watchdog import stale_after

TICK_LATE_AFTER = timedelta(minutes=3)


def service_status(session: Session) -> dict[str, Any]:
    """``queue`` (backend, depth, oldest task age), ``scheduler`` (last tick, whether it is
    late), ``service`` (live workers, active runs)."""

    now = utcnow()
    try:
        queue = {"ok": True, **queue_stats()}
    except Exception as exc:  # Redis down: say so instead of failing the whole status
        queue = {"ok": False, "error": f"{type(exc).__name__}: queue unreachable"}
    tick = session.get(Setting, LAST_TICK_KEY)
    last = tick.value if tick is not None and isinstance(tick.value, dict) else None
    last_at = (
        as_utc(datetime.fromisoformat(last["recorded_at"])) if last and last.get("recorded_at") else None
    )
    scheduler = {
        "last_tick": last_at.isoformat() if last_at else None,
        "last_tick_age_seconds": round((now - last_at).total_seconds(), 1) if last_at else None,
        "ok": bool(last_at and now - last_at <= TICK_LATE_AFTER),
        "last_result": {k: last.get(k) for k in ("started", "skipped", "lost", "worker")} if last else None,
    }
    cutoff = now - timedelta(seconds=stale_after())
    alive = session.scalar(select(func.count()).select_from(Worker).where(Worker.heartbeat_at >= cutoff)) or 0
    active = dict(
        session.execute(
            select(Run.status, func.count())
            .where(Run.status.in_(("pending", "running")))
            .group_by(Run.status)
        ).all()
    )
    return {
        "queue": queue,
        "scheduler": scheduler,
        "service": {
            "workers_alive": alive,
            "runs_pending": active.get("pending", 0),
            "runs_running": active.get("running", 0),
        },
    }
