"""The port through which the service's business code hands work to the task queue.

Business code (the scheduler, the watchdog, run execution, notifications, the API's "run now")
calls :func:`task_queue` and never imports the task module; :mod:`netraven_server.service.tasks`
implements :class:`TaskQueue` with Huey tasks and is installed by the composition roots (the app
factory, ``netraven server``, ``netraven worker``, tests) with :func:`install`.  Dependencies thus
point one way: tasks -> business code -> this port.

Until a queue is installed, work is not lost: runs stay ``pending`` in the database (a process
with a queue, or the watchdog, starts them) and deliveries stay ``pending``.
"""

from __future__ import annotations

import logging
from typing import Protocol

log = logging.getLogger(__name__)


class TaskQueue(Protocol):
    """What business code may ask of the task queue (each call returns once enqueued)."""

    def start_run(self, run_id: int) -> None:
        """Fan a committed pending run out into device tasks."""

    def run_device(self, run_id: int, device_id: int) -> None:
        """Run one device of a run (the claim in the database decides who does it)."""

    def run_devices(self, run_id: int, device_ids: list[int]) -> None:
        """Run a batch of a run's devices in one task (each claimed as by :meth:`run_device`)."""

    def run_stream(self, run_id: int) -> None:
        """Back up the run's pending devices, claiming them as slots free up, until none is left."""

    def deliver(self, delivery_id: int) -> None:
        """Deliver a recorded notification."""

    def push_remotes(self) -> None:
        """Push the configuration repository to the git remotes that are due."""

    def pending_count(self) -> int:
        """Tasks waiting in the queue (the watchdog re-sends lost work only when it is empty)."""


class NoTaskQueue:
    """Stands in until a real queue is installed: the work stays pending in the database."""

    installed = False

    def start_run(self, run_id: int) -> None:
        log.info("run %s is pending: no task queue in this process", run_id)

    def run_device(self, run_id: int, device_id: int) -> None:
        log.info("device %s of run %s is pending: no task queue in this process", device_id, run_id)

    def run_devices(self, run_id: int, device_ids: list[int]) -> None:
        log.info("%d device(s) of run %s are pending: no task queue in this process", len(device_ids), run_id)

    def run_stream(self, run_id: int) -> None:
        log.info("run %s is pending: no task queue in this process", run_id)

    def deliver(self, delivery_id: int) -> None:
        log.info("notification %s is pending: no task queue in this process", delivery_id)

    def push_remotes(self) -> None:
        log.info("remotes are pushed by the next process with a task queue")

    def pending_count(self) -> int:
        return 0


_NONE = NoTaskQueue()
_queue: TaskQueue = _NONE


def install(queue: TaskQueue | None) -> TaskQueue:
    """Make ``queue`` the task queue of this process (``None``: none); returns the previous one."""
    global _queue
    previous, _queue = _queue, queue if queue is not None else _NONE
    return previous


def task_queue() -> TaskQueue:
    """The installed task queue (a :class:`NoTaskQueue` when there is none)."""
    return _queue


def has_task_queue() -> bool:
    return _queue is not _NONE
