"""Huey's worker and scheduler loops, logging queue outages once per state change.

Huey's own loops log a full traceback on every failed poll: with Redis down, 16 worker threads
polling every second wrote ~14,400 traceback lines in 20 s.  These subclasses log one line when
the queue becomes unreachable and one when it is back (:class:`~.faults.StateLog`), and keep
polling at the consumer's maximum delay meanwhile; task execution is Huey's, unchanged.
"""

from __future__ import annotations

import logging

from huey.consumer import Scheduler, Worker

from .faults import StateLog

log = logging.getLogger(__name__)

# Shared by the threads of a process: one line per outage, not one per thread.
_reading = StateLog(log, "reading tasks from the queue")
_scheduling = StateLog(log, "moving scheduled tasks to the queue")


class QuietWorker(Worker):
    def loop(self, now=None):
        try:
            task = self.huey.dequeue()
        except Exception as exc:
            _reading.failed(exc, retrying=f"polling again every {self.max_delay:g} s")
            self.delay = self.max_delay
            self.sleep()
            return
        _reading.ok()
        if task is None:
            if not self.huey.storage.blocking:
                self.sleep()
            return
        self.delay = self.default_delay
        self.task_count += 1
        try:
            self.huey.execute(task, now)
        except Exception:
            self._logger.exception("Unhandled error during execution of task %s.", task.id)
        if self.max_tasks and self.task_count >= self.max_tasks:
            from huey.consumer import WorkerRecycle

            raise WorkerRecycle()


class QuietScheduler(Scheduler):
    def loop(self, now=None):
        # Huey's scheduler logs each failed read or enqueue; probe the queue first and skip the
        # pass (quietly, after the first line) while it is unreachable.
        try:
            self.huey.scheduled_count()  # one cheap read of the schedule
        except Exception as exc:
            _scheduling.failed(exc, retrying=f"retrying every {self.interval:g} s")
            self.stop_flag.wait(self.interval)
            return
        _scheduling.ok()
        super().loop(now)
