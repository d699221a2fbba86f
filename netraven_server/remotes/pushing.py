"""When remotes are pushed and what is recorded: after each finished run, and every minute
for remotes that are behind or failing (exponential backoff from 30 s to an hour), so a remote
that comes back catches up with every commit made meanwhile.

A push runs in its own task, never inside a device's backup: a failing or slow remote neither
fails nor delays backups.  One process pushes a remote at a time (a claim on the row that
expires, so a killed worker does not keep it).
"""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select, update

from ..clock import utcnow
from ..db.models import GitRemote
from ..service.lifecycle import add_log
from .gitpush import PushAuth, PushError, local_head, push, safe_url

log = logging.getLogger(__name__)

BACKOFF_FIRST = 30.0
BACKOFF_MAX = 3600.0
CLAIM_FOR = timedelta(minutes=10)


def backoff(failures: int) -> float:
    """Seconds to wait after ``failures`` consecutive failures."""
    return min(BACKOFF_FIRST * 2 ** max(0, failures - 1), BACKOFF_MAX)


def _claim(rt: Any, remote_id: int, force: bool) -> dict[str, Any] | None:
    now = utcnow()
    with rt.db.session() as s:
        cond = [GitRemote.id == remote_id, GitRemote.enabled.is_(True),
                or_(GitRemote.claimed_until.is_(None), GitRemote.claimed_until < now)]
        if not force:
            cond.append(or_(GitRemote.next_attempt_at.is_(None), GitRemote.next_attempt_at <= now))
        won = s.execute(update(GitRemote).where(*cond).values(claimed_until=now + CLAIM_FOR)
                        .execution_options(synchronize_session=False)).rowcount
        if not won:
            return None
        r = s.get(GitRemote, remote_id)
        secret = rt.keyring.decrypt(r.secret) if r.secret else None
        is_key = secret is not None and "PRIVATE KEY" in secret
        return {"name": r.name, "url": r.url, "branch": r.branch, "pushed": r.pushed_commit,
                "failures": r.failures,
                "auth": PushAuth(username=r.username, token=None if is_key else secret,
                                 ssh_key=secret if is_key else None, ssh_key_path=r.ssh_key_path,
                                 known_hosts=Path(rt.settings.data_dir) / "remotes_known_hosts")}


def _record(rt: Any, remote_id: int, claim: dict[str, Any], commit: str | None, error: str | None) -> None:
    now = utcnow()
    with rt.db.session() as s:
        r = s.get(GitRemote, remote_id)
        if r is None:
            return
        r.last_attempt_at, r.claimed_until = now, None
        if error is None:
            r.failures, r.last_error, r.next_attempt_at = 0, None, None
            r.last_success_at = now
            if commit:
                r.pushed_commit = commit
            if commit and commit != claim["pushed"]:
                add_log(s, f"pushed the configuration repository to remote {r.name!r} ({commit[:12]})",
                        type="system", details={"remote": r.name, "commit": commit})
            return
        r.failures = (r.failures or 0) + 1
        r.last_error = error
        r.next_attempt_at = now + timedelta(seconds=backoff(r.failures))
        add_log(s, f"push to remote {r.name!r} failed ({r.failures} in a row; next try in "
                f"{backoff(r.failures):.0f}s): {error}", level="warning", type="system",
                details={"remote": r.name, "failures": r.failures})


def push_remote(rt: Any, remote_id: int, *, force: bool = False) -> str | None:
    """Push one remote if it is due (or ``force``); returns ``"ok"``, ``"failed"``, or ``None``
    when it was not due, disabled or being pushed by another process."""
    claim = _claim(rt, remote_id, force)
    if claim is None:
        return None
    repo = Path(rt.settings.configs_dir)
    try:
        commit = push(repo, claim["url"], claim["branch"], claim["auth"])
    except (PushError, OSError) as exc:
        log.warning("push to remote %s (%s) failed: %s", claim["name"], safe_url(claim["url"]), exc)
        _record(rt, remote_id, claim, None, str(exc) if isinstance(exc, PushError) else type(exc).__name__)
        return "failed"
    except Exception:
        log.exception("push to remote %s failed", claim["name"])
        _record(rt, remote_id, claim, None, "internal error; see the worker's log")
        return "failed"
    _record(rt, remote_id, claim, commit, None)
    return "ok"


def _head(rt: Any) -> str | None:
    repo = Path(rt.settings.configs_dir)
    if not (repo / ".git").exists():
        return None
    try:
        head = local_head(repo)
    except (PushError, OSError):
        return None
    return head[1] if head else None


def push_due(rt: Any, *, force: bool = False) -> dict[str, str | None]:
    """Push every enabled remote that lacks the latest commit or last failed (after its
    backoff); ``{name: outcome}`` (``"up_to_date"`` for those with nothing to send)."""
    with rt.db.session(readonly=True) as s:
        remotes = list(s.execute(select(GitRemote.id, GitRemote.name, GitRemote.pushed_commit,
                                        GitRemote.failures).where(GitRemote.enabled.is_(True))))
    if not remotes:
        return {}
    head = _head(rt)
    out: dict[str, str | None] = {}
    for rid, name, pushed, failures in remotes:
        if head is None or (pushed == head and not failures and not force):
            out[name] = "up_to_date"  # nothing to send: no write, no network
            continue
        out[name] = push_remote(rt, rid, force=force)
    return out
