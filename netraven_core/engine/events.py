"""Delivering events to notifiers and to the ``netraven_event`` hook, off the event loop.

Notifiers may be slow (a webhook retrying against a dead receiver), so events are handed to a
small thread pool and the backup never waits for them until the run ends.  Every call is
guarded: a notifier that raises is logged and the run carries on.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from typing import Any

from ..models import Event

log = logging.getLogger(__name__)


class EventDispatcher:
    """Sends each event to every notifier, then to the plugin hook.

    :param notifiers: configured notifier instances (anything with ``notify(event)``).
    :param pm: the plugin manager whose ``netraven_event`` hook also sees every event (optional).
    :param threads: delivery threads; ``0`` delivers synchronously in the caller's thread.
    """

    def __init__(self, notifiers: Iterable[Any] = (), pm: Any = None, threads: int = 4):
        self.notifiers = list(notifiers)
        self.pm = pm
        self._pool = ThreadPoolExecutor(max_workers=threads, thread_name_prefix="netraven-events") \
            if threads > 0 and self._has_receivers() else None
        self._pending: set[Future[None]] = set()
        self._lock = threading.Lock()

    def _has_receivers(self) -> bool:
        if self.notifiers:
            return True
        return self.pm is not None and bool(self.pm.hook.netraven_event.get_hookimpls())

    def emit(self, *events: Event) -> None:
        """Queue ``events`` for delivery, in this order (never raises)."""
        if not events:
            return
        if self._pool is None:
            self._deliver(events)
            return
        try:
            future = self._pool.submit(self._deliver, events)
        except RuntimeError:  # pool already shut down: deliver inline rather than drop
            self._deliver(events)
            return
        with self._lock:
            self._pending.add(future)
        future.add_done_callback(self._forget)

    def _forget(self, future: Future[None]) -> None:
        with self._lock:
            self._pending.discard(future)

    def _deliver(self, events: tuple[Event, ...]) -> None:
        for event in events:
            self._deliver_one(event)

    def _deliver_one(self, event: Event) -> None:
        for notifier in self.notifiers:
            try:
                notifier.notify(event)
            except Exception:
                log.exception("notifier %s failed on %s event; continuing",
                              getattr(notifier, "name", type(notifier).__name__), event.type.value)
        if self.pm is None:
            return
        for impl in self.pm.hook.netraven_event.get_hookimpls():
            # Call implementations one by one so one broken plugin doesn't hide the others.
            try:
                impl.function(**{name: event for name in impl.argnames if name == "event"})
            except Exception:
                log.exception("plugin %s failed on %s event; continuing", impl.plugin_name,
                              event.type.value)

    def drain(self, timeout: float | None = None) -> bool:
        """Wait until queued events are delivered; returns False if some are still pending."""
        with self._lock:
            pending = set(self._pending)
        if not pending:
            return True
        _done, not_done = wait_futures(pending, timeout=timeout)
        return not not_done

    def close(self, timeout: float | None = 30.0) -> None:
        """Deliver what is queued (up to ``timeout`` seconds) and stop the threads."""
        if self._pool is None:
            return
        if not self.drain(timeout):
            log.warning("some event deliveries did not finish within %ss; leaving them running", timeout)
        self._pool.shutdown(wait=False)
