"""Huey tasks.  Thin wrappers: the work lives in the service modules, so it is testable without
a queue and the same code runs in the embedded consumer, in ``netraven worker`` processes and in
immediate mode.

Periodic tasks take no arguments (Huey's rule); each consumer enqueues them, and the database
claims make running them several times harmless.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime
from typing import Any

from huey import crontab

from ..notify.dispatch import deliver_recorded
from ..remotes.pushing import push_due
from . import ports, runtime
from .batch import execute_batch
from .dispatch import dispatch_run
from .execution import execute_device
from .queue import huey
from .scheduler import tick
from .stale import check_stale_backups
from .stream import execute_stream

log = logging.getLogger(__name__)


def enqueue(task: Any, *args: Any, **kwargs: Any) -> Any:
    """Enqueue ``task`` stamped with the enqueue time (the status page reports queue age)."""
    kwargs.setdefault("queued_at", time.time())
    return task(*args, **kwargs)


@huey.task(name="netraven.start_run")
def start_run_task(run_id: int, queued_at: float | None = None) -> int:
    """Fan a run out: batches of pending devices (one task per device for job types without batches)."""
    return dispatch_run(runtime.get(), run_id)


# Huey-level retries cover an exception escaping the task (e.g. the database briefly down; the
# claim was released).  A killed worker is covered by the watchdog, which re-enqueues.
@huey.task(name="netraven.run_device", retries=2, retry_delay=5)
def run_device_task(run_id: int, device_id: int, queued_at: float | None = None) -> str | None:
    return execute_device(runtime.get(), run_id, device_id)


@huey.task(name="netraven.run_batch", retries=2, retry_delay=5)
def run_batch_task(run_id: int, device_ids: list[int], queued_at: float | None = None) -> int:
    return execute_batch(runtime.get(), run_id, device_ids)


@huey.task(name="netraven.run_stream", retries=2, retry_delay=5)
def run_stream_task(run_id: int, queued_at: float | None = None) -> int:
    return execute_stream(runtime.get(), run_id)


@huey.task(name="netraven.deliver_notification")
def deliver_task(delivery_id: int, queued_at: float | None = None) -> str | None:
    rt = runtime.get()
    return deliver_recorded(rt.db, rt.keyring, delivery_id)


@huey.task(name="netraven.tick")
def tick_task(now: str | None = None, queued_at: float | None = None) -> dict[str, Any]:
    """Evaluate due jobs at ``now`` (ISO 8601; default: the current time)."""
    return tick(runtime.get(), datetime.fromisoformat(now) if now else None)


@huey.task(name="netraven.push_remotes")
def push_remotes_task(queued_at: float | None = None) -> dict[str, Any]:
    """Push the git remotes that are due (after a run; a failure is recorded, never raised)."""
    return push_due(runtime.get())


class HueyTaskQueue:
    """The :class:`~netraven_server.service.ports.TaskQueue` of this process: Huey tasks."""

    installed = True

    def start_run(self, run_id: int) -> None:
        enqueue(start_run_task, run_id)

    def run_device(self, run_id: int, device_id: int) -> None:
        enqueue(run_device_task, run_id, device_id)

    def run_devices(self, run_id: int, device_ids: list[int]) -> None:
        enqueue(run_batch_task, run_id, list(device_ids))

    def run_stream(self, run_id: int) -> None:
        enqueue(run_stream_task, run_id)

    def deliver(self, delivery_id: int) -> None:
        enqueue(deliver_task, delivery_id)

    def push_remotes(self) -> None:
        enqueue(push_remotes_task)

    def pending_count(self) -> int:
        return huey.pending_count()


TASK_QUEUE = HueyTaskQueue()


def install() -> None:
    """Make this module the process's task queue (runs created by the API, the scheduler, the
    watchdog and notifications are then enqueued here)."""
    ports.install(TASK_QUEUE)


@huey.periodic_task(crontab(minute="*"), name="netraven.periodic.tick")
def periodic_tick() -> None:
    tick(runtime.get())


# No periodic watchdog task: every server and worker process runs the watchdog in its heartbeat
# thread every few seconds (workers.Heartbeat); a minute-level copy through the queue only added
# a second pass over the same rows, holding one of the consumer's threads.


@huey.periodic_task(crontab(minute="*"), name="netraven.periodic.push_remotes")
def periodic_push_remotes() -> None:
    """Catch up remotes that are behind or failing, after their backoff."""
    push_due(runtime.get())


@huey.periodic_task(crontab(minute="*/10"), name="netraven.periodic.stale_backups")
def periodic_stale_backups() -> None:
    check_stale_backups(runtime.get())
