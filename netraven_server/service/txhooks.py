"""Run something after a session's transaction commits (e.g. enqueue a task for a row that the
task will read: enqueuing before the commit lets a fast worker look for a row not yet visible)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy import event
from sqlalchemy.orm import Session

log = logging.getLogger(__name__)

_KEY = "netraven_after_commit"
_HOOKED = "netraven_after_commit_hooked"


def _run_callbacks(session: Session) -> None:
    callbacks = session.info.pop(_KEY, [])
    for callback in callbacks:
        try:
            callback()
        except Exception:
            log.exception("after-commit callback failed")


def _drop_callbacks(session: Session) -> None:
    session.info.pop(_KEY, None)


def on_commit(session: Session, callback: Callable[[], None]) -> None:
    """Call ``callback`` once the session's current transaction has committed (never on rollback)."""
    if not session.info.get(_HOOKED):
        session.info[_HOOKED] = True
        event.listen(session, "after_commit", _run_callbacks)
        event.listen(session, "after_rollback", _drop_callbacks)
    session.info.setdefault(_KEY, []).append(callback)
