"""Living through outages of the database or the queue: which errors are transient, retrying
them with a capped backoff, and logging a failure once per state change instead of per attempt.

A worker polling a Redis that is down, or a heartbeat writing to a PostgreSQL that is down,
fails every second; logging each failure buried the operator's log in tracebacks.  A
:class:`StateLog` writes one line when something starts failing and one when it recovers.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

T = TypeVar("T")


def _env_seconds(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name) or default)
    except ValueError:
        return default


def retry_for() -> float:
    """How long a worker keeps retrying a database write before giving up
    (``NETRAVEN_DB_RETRY_FOR``, default 900 s; the watchdog reclaims what it gave up)."""
    return _env_seconds("NETRAVEN_DB_RETRY_FOR", 900)


def retry_cap() -> float:
    """The longest pause between two retries (``NETRAVEN_RETRY_CAP``, default 2 s): the bound on
    how long after the database returns a waiting worker notices."""
    return _env_seconds("NETRAVEN_RETRY_CAP", 2)


def is_transient(exc: BaseException) -> bool:
    """An error that says "the database or the queue is unreachable or busy", not "this is wrong"."""
    if isinstance(exc, (OperationalError, InterfaceError)):
        return True
    if isinstance(exc, DBAPIError) and exc.connection_invalidated:
        return True
    try:
        import redis
    except ImportError:  # the SQLite queue needs no redis package
        return False
    return isinstance(exc, (redis.ConnectionError, redis.TimeoutError))


def describe(exc: BaseException) -> str:
    """One line naming the error (the first line of its message; database URLs carry no password
    in these messages, but keep it short anyway)."""
    text = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:200]}" if text else type(exc).__name__


class StateLog:
    """Log ``what`` failing once, when it starts failing, and once when it works again."""

    def __init__(self, logger: logging.Logger, what: str):
        self.logger, self.what = logger, what
        self._lock = threading.Lock()
        self._failing_since: float | None = None
        self._failures = 0

    @property
    def failing(self) -> bool:
        return self._failing_since is not None

    def failed(self, exc: BaseException, *, retrying: str = "retrying") -> None:
        with self._lock:
            self._failures += 1
            if self._failing_since is not None:
                return
            self._failing_since = time.monotonic()
        self.logger.warning("%s failed (%s); %s, further failures are not logged until it recovers",
                            self.what, describe(exc), retrying)

    def ok(self) -> None:
        if self._failing_since is None:  # the common case: no lock, no log
            return
        with self._lock:
            if self._failing_since is None:
                return
            elapsed, failures = time.monotonic() - self._failing_since, self._failures
            self._failing_since, self._failures = None, 0
        self.logger.warning("%s works again after %.1f s (%d failed attempt(s))", self.what, elapsed,
                            failures)


def retry_transient(fn: Callable[[], T], state: StateLog, *, give_up_after: float | None = None,
                    stop: threading.Event | None = None) -> T:
    """Call ``fn`` until it returns, retrying transient errors with a backoff capped at
    :func:`retry_cap` for at most ``give_up_after`` seconds (then the error is raised)."""
    give_up_after = retry_for() if give_up_after is None else give_up_after
    deadline = time.monotonic() + give_up_after
    delay = 0.2
    while True:
        try:
            value = fn()
        except Exception as exc:
            if not is_transient(exc) or time.monotonic() + delay > deadline or (stop and stop.is_set()):
                raise
            state.failed(exc)
            if stop is not None:
                stop.wait(delay)
            else:
                time.sleep(delay)
            delay = min(delay * 2, retry_cap())
            continue
        state.ok()
        return value
