"""System status: versions, database, counts, workers and recent run outcomes."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from netraven_core import __version__

from ..db.models import ConfigVersion, Credential, Device, Job, Run, Tag, User, Worker, utcnow

WORKER_STALE_AFTER = timedelta(seconds=90)


def _count(session: Session, model, *where) -> int:
    return session.scalar(select(func.count()).select_from(model).where(*where)) or 0


def status(session: Session, *, database_backend: str, revision: str | None, head: str | None,
           storage_backend: str) -> dict[str, Any]:
    now = utcnow()
    day_ago = now - timedelta(days=1)
    runs_24h = dict(session.execute(select(Run.status, func.count()).where(Run.created_at >= day_ago)
                                    .group_by(Run.status)).all())
    workers = session.scalars(select(Worker).order_by(Worker.kind, Worker.name)).all()
    active = Device.retired_at.is_(None)
    devices_by_status = dict(session.execute(select(Device.last_status, func.count()).where(active)
                                             .group_by(Device.last_status)).all())
    return {
        "version": __version__,
        "time": now,
        "database": {"backend": database_backend, "revision": revision, "head": head,
                     "up_to_date": revision == head},
        "storage": {"backend": storage_backend},
        "counts": {
            "devices": _count(session, Device, active),
            "devices_enabled": _count(session, Device, active, Device.enabled.is_(True)),
            "devices_retired": _count(session, Device, Device.retired_at.is_not(None)),
            "tags": _count(session, Tag),
            "credentials": _count(session, Credential),
            "jobs": _count(session, Job),
            "jobs_enabled": _count(session, Job, Job.enabled.is_(True)),
            "users": _count(session, User),
            "config_versions": _count(session, ConfigVersion),
        },
        "devices_by_status": {str(k or "never"): v for k, v in devices_by_status.items()},
        "runs_last_24h": runs_24h,
        "workers": [{"name": w.name, "kind": w.kind, "hostname": w.hostname, "pid": w.pid,
                     "started_at": w.started_at, "heartbeat_at": w.heartbeat_at,
                     "alive": now - w.heartbeat_at <= WORKER_STALE_AFTER} for w in workers],
    }
