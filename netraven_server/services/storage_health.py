"""Health of the configuration store for the status API and the dashboard: read-only, not
writable, low on space, or failing devices with the ``storage`` category recently."""

from __future__ import annotations

import os
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db.models import RunResult, utcnow

# Below this much free space (or 5 % of the file system, whichever is smaller) a warning shows:
# a full store fails every changed device.  NETRAVEN_STORAGE_MIN_FREE_MB overrides it.
DEFAULT_MIN_FREE_MB = 200
RECENT = timedelta(hours=1)


def _min_free_bytes() -> int:
    try:
        return int(float(os.environ.get("NETRAVEN_STORAGE_MIN_FREE_MB", DEFAULT_MIN_FREE_MB)) * 2**20)
    except ValueError:
        return DEFAULT_MIN_FREE_MB * 2**20


def check(session: Session | None, location: Path) -> dict[str, Any]:
    """``{"ok", "warnings", "free_bytes", "read_only", "writable", "recent_failures"}``."""
    warnings: list[str] = []
    info: dict[str, Any] = {"location": str(location), "read_only": None, "writable": None,
                            "free_bytes": None, "recent_failures": 0}
    try:
        st = os.statvfs(location)
    except OSError as exc:
        warnings.append(f"the store {location} cannot be examined: {exc.strerror or exc}")
    else:
        info["read_only"] = bool(st.f_flag & os.ST_RDONLY)
        free, total = st.f_bavail * st.f_frsize, st.f_blocks * st.f_frsize
        info["free_bytes"] = free
        if info["read_only"]:
            warnings.append(f"the store {location} is on a read-only file system")
        if free < min(_min_free_bytes(), total * 0.05):
            warnings.append(f"the store {location} is low on space ({free // 2**20} MB free)")
    probe = location / f".netraven-probe-{uuid.uuid4().hex}"
    try:
        probe.write_bytes(b"ok")
        probe.unlink()
        info["writable"] = True
    except OSError as exc:
        info["writable"] = False
        if not info["read_only"]:
            warnings.append(f"the store {location} cannot be written: {exc.strerror or exc}")
    if session is not None:
        info["recent_failures"] = session.scalar(
            select(func.count()).select_from(RunResult).where(
                RunResult.error_category == "storage", RunResult.finished_at >= utcnow() - RECENT)) or 0
        if info["recent_failures"]:
            warnings.append(f"{info['recent_failures']} device backup(s) failed with a storage error "
                            "in the last hour")
    info["warnings"] = warnings
    info["ok"] = not warnings
    return info
