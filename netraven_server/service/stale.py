"""Stale-backup check: devices with no successful backup for N hours (RANCID's OLDTIME).

N is the ``stale_backup_hours`` setting (``/api/settings``), else ``NETRAVEN_STALE_HOURS``, else
24.  A device is reported once per stale period: the check writes a ``stale backup:`` log line
and queues a ``stale_backup`` notification, and stays quiet for that device until it has had a
successful backup again.
"""

from __future__ import annotations

import logging
import os
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, or_, select

from ..clock import as_utc, utcnow
from ..db.models import Device, LogEntry, Setting
from ..notify import messages
from ..notify.dispatch import notify
from .lifecycle import add_log
from .runtime import Runtime

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

SETTING_KEY = "stale_backup_hours"
MARK = "stale backup:"


def stale_hours(session: Session) -> float:
    setting = session.get(Setting, SETTING_KEY)
    for raw in (setting.value if setting else None, os.environ.get("NETRAVEN_STALE_HOURS"), 24):
        try:
            if raw is not None and float(raw) > 0:
                return float(raw)
        except (TypeError, ValueError):
            continue
    return 24.0


def check_stale_backups(rt: Runtime, now: datetime | None = None, *, hours: float | None = None) -> list[str]:
    """Report newly stale devices; returns their hostnames."""
    now = as_utc(now) if now else utcnow()
    reported = []
    with rt.db.session() as s:
        hours = hours if hours is not None else stale_hours(s)
        cutoff = now - timedelta(hours=hours)
        candidates = s.scalars(select(Device).where(
            Device.enabled.is_(True), Device.retired_at.is_(None),
            or_(Device.last_success_at < cutoff,
                Device.last_success_at.is_(None) & (Device.created_at < cutoff)))
            .order_by(Device.hostname)).all()
        for device in candidates:
            since = device.last_success_at or device.created_at
            already = s.scalar(select(func.count()).where(
                LogEntry.device_id == device.id, LogEntry.time > since, LogEntry.message.like(f"{MARK}%")))
            if already:
                continue
            add_log(s, f"{MARK} no successful backup of {device.hostname} for more than {hours:g} hours",
                    level="warning", type="system", device_id=device.id, hostname=device.hostname)
            message = messages.stale_backup(device.hostname, hours=hours, last_success=device.last_success_at)
            notify(s, message, device_id=device.id)
            reported.append(device.hostname)
    if reported:
        log.warning("stale backups: %s", ", ".join(reported))
    return reported
