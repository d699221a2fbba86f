"""The remotes' part of the system status and of ``/metrics``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from .gitpush import PushError, local_head
from .manage import list_remotes, public


def head_commit(configs_dir: Path) -> str | None:
    try:
        head = local_head(Path(configs_dir)) if Path(configs_dir, ".git").exists() else None
    except (PushError, OSError):
        return None
    return head[1] if head else None


def remote_status(session: Session, configs_dir: Path) -> list[dict[str, Any]]:
    """Each remote: status, last success and error, and whether it lacks the latest commit."""
    head = head_commit(configs_dir)
    out = []
    for r in list_remotes(session):
        view = public(r)
        out.append({k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in view.items()
                    if k in ("name", "url", "enabled", "status", "last_success_at", "last_attempt_at",
                             "last_error", "failures", "next_attempt_at", "pushed_commit")}
                   | {"behind": bool(head and r.enabled and r.pushed_commit != head)})
    return out
