"""The syslog receiver's part of the system status: what it last reported (it may run in
another process: ``netraven syslog``)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from ..clock import as_utc, utcnow
from ..db.models import Setting

STATUS_KEY = "syslog.receiver"
SILENT_AFTER = timedelta(seconds=60)


def syslog_status(session: Session) -> dict[str, Any] | None:
    """``None`` when no receiver ever ran; else where it listens, its counters (received,
    changes, unknown_sender, backups, merged) and ``ok`` (reported in the last minute)."""
    row = session.get(Setting, STATUS_KEY)
    if row is None or not isinstance(row.value, dict):
        return None
    value = dict(row.value)
    try:
        at = as_utc(datetime.fromisoformat(value.get("recorded_at") or ""))
    except ValueError:
        at = None
    value["ok"] = at is not None and utcnow() - at <= SILENT_AFTER
    return value
