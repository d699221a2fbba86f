"""The ``log`` notifier: one line per event through :mod:`logging`.

Only hostnames, counts and error categories/messages (already scrubbed by the engine) are
logged; never configuration text or diffs, so a log file can't leak what redaction missed.
"""

from __future__ import annotations

import logging
from typing import Any, ClassVar

from netraven_core.hookspecs import hookimpl
from netraven_core.models import Event, EventType


class LogNotifier:
    """Logs a one-line summary of every event.

    :param logger: logger name (default ``netraven.events``).
    :param level: level name for successful events (failures log at WARNING or above).
    """

    name: ClassVar[str] = "log"

    def __init__(self, logger: str = "netraven.events", level: str = "INFO", **_ignored: Any):
        self.log = logging.getLogger(logger)
        self.level = logging.getLevelName(str(level).upper())
        if not isinstance(self.level, int):
            raise ValueError(f"unknown log level {level!r}")

    def notify(self, event: Event) -> None:
        level, line = self.describe(event)
        self.log.log(level, "%s", line)

    def describe(self, event: Event) -> tuple[int, str]:
        r = event.result
        if event.type is EventType.DEVICE_BACKED_UP and r is not None:
            change = f"changed +{r.lines_added}/-{r.lines_removed}" if r.changed else "unchanged"
            return self.level, (f"backed up {event.hostname}: {change} in {r.duration:.2f}s "
                                f"(credential {r.credential}, {r.attempts} attempt(s))")
        if event.type is EventType.CONFIG_CHANGED and r is not None:
            return self.level, (f"configuration of {event.hostname} changed: "
                                f"+{r.lines_added}/-{r.lines_removed}")
        if event.type is EventType.DEVICE_FAILED and r is not None:
            category = r.error_category.value if r.error_category else "unknown"
            return max(self.level, logging.WARNING), (
                f"backup of {event.hostname} failed [{category}] after {r.attempts} attempt(s): {r.error}")
        if event.type is EventType.RUN_FINISHED and event.summary is not None:
            s = event.summary
            level = logging.WARNING if s.failed else self.level
            return max(self.level, level), (
                f"run {s.run_id} finished: {s.ok}/{s.total} ok, {s.failed} failed, "
                f"{s.changed} changed in {s.duration:.1f}s")
        return self.level, f"{event.type.value} {event.hostname or ''}".strip()


@hookimpl
def netraven_notifier_types() -> list[type]:
    return [LogNotifier]
