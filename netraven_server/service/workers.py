"""Running the queue: worker heartbeats, the ``netraven worker`` consumer and the embedded one.

Every process that executes tasks (or runs the scheduler) registers a row in ``workers`` and
refreshes its heartbeat every ``NETRAVEN_HEARTBEAT`` seconds (default 5) from a daemon thread,
publishing the claims it is working on; the watchdog treats claims of a worker without a recent
heartbeat, or not listed in its latest one, as lost.  The same processes run the watchdog every
``NETRAVEN_WATCHDOG_INTERVAL`` seconds (default 5) from a second thread (the timings and what
they give are in docs/deployment.md).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from datetime import datetime, timedelta
from typing import Any

from huey.consumer import Consumer
from sqlalchemy import delete, select

from netraven_core.engine.device_run import redactor_for

from ..clock import utcnow
from ..db.models import Worker
from . import batch, tasks
from .consumer import QuietScheduler, QuietWorker
from .execution import in_flight_claims
from .faults import StateLog, _env_seconds
from .queue import huey
from .runtime import Runtime

log = logging.getLogger(__name__)


def heartbeat_interval() -> float:
    return _env_seconds("NETRAVEN_HEARTBEAT", 5)


def watchdog_interval() -> float:
    return _env_seconds("NETRAVEN_WATCHDOG_INTERVAL", 5)


def beat(rt: Runtime, kind: str, info: dict[str, Any] | None = None) -> None:
    """Insert or refresh this process's worker row, with the claims it is working on."""
    now = utcnow()
    # Read the claims after taking the time: a claim made before ``now`` is then in the list if
    # it is still being worked on (the watchdog relies on it).
    info = {**(info or {}), "claims": in_flight_claims()}
    with rt.db.session() as s:
        row = s.scalars(select(Worker).where(Worker.name == rt.worker_name)).first()
        if row is None:
            s.add(Worker(name=rt.worker_name, kind=kind, hostname=socket.gethostname(), pid=os.getpid(),
                         started_at=now, heartbeat_at=now, info=info or {}))
        else:
            row.heartbeat_at = now
            row.info = info


def forget_old_workers(rt: Runtime, older_than: timedelta = timedelta(days=1)) -> int:
    """Delete rows of workers silent for a day (restarts create new names)."""
    with rt.db.session() as s:
        return s.execute(delete(Worker).where(Worker.heartbeat_at < utcnow() - older_than)).rowcount


class Heartbeat:
    """A daemon thread refreshing the worker row until :meth:`stop`."""

    def __init__(self, rt: Runtime, kind: str, info: dict[str, Any] | None = None,
                 interval: float | None = None):
        self.rt, self.kind, self.info = rt, kind, info or {}
        self.interval = interval or heartbeat_interval()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"netraven-heartbeat-{kind}", daemon=True)
        self._watchdog = threading.Thread(target=self._watch, name=f"netraven-watchdog-{kind}", daemon=True)
        self._beat_state = StateLog(log, f"heartbeat of {rt.worker_name}")
        self._watch_state = StateLog(log, "watchdog pass")

    def start(self, *, watchdog: bool = True) -> Heartbeat:
        beat(self.rt, self.kind, self.info)  # fail fast if the database is unreachable
        self._thread.start()
        if watchdog:
            self._watchdog.start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                beat(self.rt, self.kind, self.info)
            except Exception as exc:
                self._beat_state.failed(exc, retrying=f"retrying every {self.interval:g} s")
            else:
                self._beat_state.ok()

    def _watch(self) -> None:
        from .watchdog import check

        interval = watchdog_interval()
        while not self._stop.wait(interval):
            try:
                check(self.rt)
            except Exception as exc:
                self._watch_state.failed(exc, retrying=f"retrying every {interval:g} s")
            else:
                self._watch_state.ok()

    def stop(self, *, deregister: bool = True) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        if self._watchdog.is_alive():
            self._watchdog.join(timeout=10)
        if deregister:
            try:
                with self.rt.db.session() as s:
                    s.execute(delete(Worker).where(Worker.name == self.rt.worker_name))
            except Exception:
                log.exception("could not deregister worker %s", self.rt.worker_name)


class QuietConsumer(Consumer):
    """Huey's consumer whose queue-polling errors are logged once per outage."""

    worker_class = QuietWorker
    scheduler_class = QuietScheduler


class EmbeddedConsumer(QuietConsumer):
    """A Huey consumer living inside another program (``netraven server``): worker threads only,
    and no signal handlers, so the host program keeps control of SIGINT/SIGTERM."""

    def _set_signal_handlers(self) -> None:
        pass


def make_consumer(workers: int, *, periodic: bool = True, embedded: bool = False,
                  graceful_signal: str = "TERM") -> Consumer:
    """A consumer keeping ``workers`` devices in flight: devices go through the queue in batches,
    so fewer threads than devices (:func:`netraven_server.service.batch.consumer_threads`)."""
    cls = EmbeddedConsumer if embedded else QuietConsumer
    threads = batch.consumer_threads(workers)
    batch.configure(workers, threads)
    return cls(huey, workers=threads, worker_type="thread", periodic=periodic, initial_delay=0.05,
               max_delay=1.0, backoff=1.15, check_worker_health=True, health_check_interval=10,
               # SIGTERM (systemd stop) lets running devices finish; SIGINT twice interrupts.
               graceful_signal=graceful_signal)


class EmbeddedService:
    """The background half of ``netraven server``: an in-process consumer (optional), the
    heartbeat, and, when no consumer runs here, a scheduler thread that enqueues the periodic
    tasks so a server in front of separate workers still ticks."""

    def __init__(self, rt: Runtime, *, workers: int = 4, consumer: bool = True, ticker: bool = True):
        self.rt, self.workers, self.with_consumer, self.with_ticker = rt, workers, consumer, ticker
        self.consumer: Consumer | None = None
        self.heartbeat = Heartbeat(rt, "server" if not consumer else "server+consumer",
                                   {"workers": workers if consumer else 0})
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None

    def start(self) -> EmbeddedService:
        tasks.install()
        if self.with_consumer:
            warm_up(self.rt)
        self.heartbeat.start()
        if self.with_consumer:
            self.consumer = make_consumer(self.workers, periodic=True, embedded=True)
            self.consumer.start()
        elif self.with_ticker:
            self._ticker = threading.Thread(target=self._tick_loop, name="netraven-scheduler", daemon=True)
            self._ticker.start()
        return self

    def _tick_loop(self) -> None:
        last_minute = None
        while not self._stop.wait(1.0):
            now = datetime.now()
            minute = now.replace(second=0, microsecond=0)
            if minute == last_minute:
                continue
            last_minute = minute
            try:
                # Calling a task wrapper enqueues it (periodic tasks take no arguments).
                tasks.periodic_tick()
                if minute.minute % 10 == 0:
                    tasks.periodic_stale_backups()
            except Exception:
                log.exception("could not enqueue the periodic tasks")

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        if self.consumer is not None:
            self.consumer.shutdown_timeout = timeout
            self.consumer.stop(graceful=True)
        self.heartbeat.stop()


def warm_up(rt: Runtime) -> None:
    """Load the plugins and compile every platform's redaction rules before taking tasks, so the
    first devices of a run do not pay for it (and a broken plugin fails the start, not a run)."""
    redactor = redactor_for(rt.registry)
    for name in rt.registry.platforms:
        redactor.redact("hostname warm-up\n", name)


def run_worker(rt: Runtime, workers: int, *, periodic: bool = True) -> None:
    """``netraven worker``: run a consumer in the foreground until SIGINT/SIGTERM."""
    started = time.monotonic()
    warm_up(rt)
    log.info("plugins loaded and redaction rules compiled in %.2fs", time.monotonic() - started)
    consumer = make_consumer(workers, periodic=periodic)
    heartbeat = Heartbeat(rt, "worker", {"workers": workers}).start()
    log.info("worker %s: %d thread(s)", rt.worker_name, workers)
    try:
        consumer.run()
    finally:
        heartbeat.stop()
        log.info("worker %s stopped after %.0fs", rt.worker_name, time.monotonic() - started)
