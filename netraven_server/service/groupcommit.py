"""Group commit: merge the configuration saves of concurrent device tasks into one storage save.

Each device of a run is its own task, so a worker process with N threads would otherwise write
one git commit per device, each taking the repository's lock for ~0.1-0.2 s (a fast-import
process and the index update) — the lock, shared by every worker, would cap a whole
installation at a handful of devices per second.  This wrapper holds a save until every device
task running in the process has either submitted its own save or finished (or ``max_delay``
passes), then writes them all in one :meth:`save`.  A lone task is never delayed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from netraven_core.models import ConfigToStore, VersionInfo

if TYPE_CHECKING:
    from netraven_core.protocols import Storage


@dataclass
class _Pending:
    configs: list[ConfigToStore]
    run_id: str | None
    future: Future = field(default_factory=Future)
    taken: bool = False


class GroupCommitStorage:
    """A :class:`~netraven_core.protocols.Storage` proxy; everything but ``save`` passes through."""

    def __init__(self, storage: Storage, *, max_delay: float = 0.5):
        self.inner = storage
        self.name = getattr(storage, "name", "storage")
        self.max_delay = max_delay
        self._cond = threading.Condition()
        self._pending: list[_Pending] = []
        self._active = 0

    def __getattr__(self, attr: str) -> Any:
        return getattr(self.inner, attr)

    @contextmanager
    def task(self) -> Iterator[None]:
        """Mark a device task as running (it may save); saves wait for running tasks."""
        with self._cond:
            self._active += 1
        try:
            yield
        finally:
            with self._cond:
                self._active -= 1
                self._cond.notify_all()

    def save(self, configs: Sequence[ConfigToStore], *, run_id: str | None = None,
             message: str | None = None) -> dict[str, VersionInfo]:
        item = _Pending(list(configs), run_id)
        with self._cond:
            self._pending.append(item)
            self._cond.notify_all()
            deadline = time.monotonic() + self.max_delay
            while not item.taken and len(self._pending) < self._active:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._cond.wait(remaining)
            batch: list[_Pending] = []
            if not item.taken:
                batch, self._pending = self._pending, []
                for p in batch:
                    p.taken = True
        if batch:
            self._write(batch, message)
        return item.future.result()

    def _write(self, batch: list[_Pending], message: str | None) -> None:
        # A hostname may be saved only once per commit: later duplicates go in a following one.
        while batch:
            seen: set[str] = set()
            now: list[_Pending] = []
            later: list[_Pending] = []
            for p in batch:
                names = {c.hostname for c in p.configs}
                (later if names & seen else now).append(p)
                if p in now:
                    seen |= names
            run_ids = {p.run_id for p in now}
            run_id = run_ids.pop() if len(run_ids) == 1 else None
            try:
                saved = self.inner.save([c for p in now for c in p.configs], run_id=run_id,
                                        message=message if len(now) == 1 else None)
            except BaseException as exc:
                for p in now:
                    p.future.set_exception(exc)
            else:
                for p in now:
                    p.future.set_result({c.hostname: saved[c.hostname] for c in p.configs
                                         if c.hostname in saved})
            batch = later
