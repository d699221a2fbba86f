"""Bursts of change messages -> one backup per device.

The first change message of a device opens a window of ``window`` seconds; messages inside it
only add their user (the last one named wins: it made the last change).  When the window
closes the device is due, so a backup starts at most ``window`` seconds after the first
message however long the burst goes on; a message after that opens a new window.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field


@dataclass
class Pending:
    device_id: int
    hostname: str
    due_at: float
    user: str | None = None
    messages: int = 1
    patterns: set[str] = field(default_factory=set)
    attempts: int = 0  # backups refused because one was already running


class Debouncer:
    def __init__(self, window: float) -> None:
        self.window = window
        self._pending: dict[int, Pending] = {}
        self._lock = threading.Lock()

    def add(self, device_id: int, hostname: str, user: str | None, pattern: str, now: float) -> Pending:
        with self._lock:
            entry = self._pending.get(device_id)
            if entry is None:
                entry = self._pending[device_id] = Pending(device_id, hostname, now + self.window)
            else:
                entry.messages += 1
            entry.user = user or entry.user
            entry.patterns.add(pattern)
            return entry

    def retry_later(self, entry: Pending, now: float, delay: float) -> None:
        """Put back a due entry whose backup could not start yet (merging anything newer)."""
        with self._lock:
            newer = self._pending.get(entry.device_id)
            if newer is not None:
                newer.user = newer.user or entry.user
                newer.messages += entry.messages
                return
            entry.attempts += 1
            entry.due_at = now + delay
            self._pending[entry.device_id] = entry

    def due(self, now: float) -> list[Pending]:
        with self._lock:
            ready = [e for e in self._pending.values() if e.due_at <= now]
            for e in ready:
                del self._pending[e.device_id]
            return ready

    def __len__(self) -> int:
        return len(self._pending)
