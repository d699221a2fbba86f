"""Batching storage writes during a run.

Changed configurations are queued and written with one ``storage.save()`` call per batch (one
git commit for the git backend) instead of one per device.  All storage calls go through a
single worker thread: the event loop never blocks on disk, and backends need not be
thread-safe.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any, TypeVar

from ..errors import StorageError
from ..models import ConfigToStore, VersionInfo

log = logging.getLogger(__name__)

T = TypeVar("T")


# A batch waits at least this many times as long as the last save took, so that saving keeps
# the storage thread busy a quarter of the time at most: a git commit costs more as the store
# grows (fast-import rewrites the parent's tree, the working tree's index is rewritten), and
# a fixed delay would make a 10,000-device store spend most of a run committing.
SAVE_TIME_FACTOR = 3.0


class StoreBatcher:
    """Queues configurations and saves them in batches.

    A batch of at most ``max_batch`` configurations is written when that many are queued,
    ``max_delay`` seconds after its first one was queued (longer when saves are slow, see
    ``SAVE_TIME_FACTOR``), or when :meth:`flush` is called (the engine calls it once no device
    is still being fetched).  One save runs at a time: what is queued meanwhile waits for it and
    goes in the next batch, so a slow store gets fewer, larger commits instead of a backlog of
    small ones.
    """

    def __init__(self, storage: Any, *, run_id: str, max_batch: int = 500, max_delay: float = 2.0):
        self.storage = storage
        self.run_id = run_id
        self.max_batch = max_batch
        self.max_delay = max_delay
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="netraven-storage")
        self._queue: list[tuple[ConfigToStore, asyncio.Future[VersionInfo]]] = []
        self._timer: asyncio.TimerHandle | None = None
        self._saves: set[asyncio.Task[None]] = set()
        self._saving = False
        self._flush_after_save = False
        self.last_save_seconds = 0.0
        self.commits = 0

    @property
    def delay(self) -> float:
        """Seconds a batch waits after its first configuration was queued."""
        return max(self.max_delay, SAVE_TIME_FACTOR * self.last_save_seconds) if self.max_delay else 0.0

    async def call(self, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a storage call in the storage thread."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._executor, partial(func, *args, **kwargs))

    async def store(self, config: ConfigToStore,
                    on_queued: Callable[[], None] | None = None) -> VersionInfo:
        """Queue ``config``; returns its version once its batch is saved (or raises StorageError).

        ``on_queued`` is called right after queueing (it may call :meth:`flush`).
        """
        loop = asyncio.get_running_loop()
        future: asyncio.Future[VersionInfo] = loop.create_future()
        self._queue.append((config, future))
        if on_queued is not None:
            on_queued()
        if not self._queue:
            pass  # flushed by on_queued
        elif len(self._queue) >= self.max_batch:
            self.flush()
        elif self._timer is None and not self._flush_after_save:
            self._timer = loop.call_later(self.delay, self.flush)
        return await future

    def flush(self) -> None:
        """Start saving whatever is queued (once the save under way returns, if one is)."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if not self._queue:
            return
        if self._saving:
            self._flush_after_save = True
            return
        batch, self._queue = self._queue[:self.max_batch], self._queue[self.max_batch:]
        self._flush_after_save = bool(self._queue)  # the rest is as due as this batch
        self._saving = True
        task = asyncio.get_running_loop().create_task(self._save(batch))
        self._saves.add(task)
        task.add_done_callback(self._saved)

    def _saved(self, task: asyncio.Task[None]) -> None:
        self._saves.discard(task)
        self._saving = False
        if self._flush_after_save or len(self._queue) >= self.max_batch:
            self._flush_after_save = False
            self.flush()
        elif self._queue and self._timer is None:
            self._timer = asyncio.get_running_loop().call_later(self.delay, self.flush)

    async def _save(self, batch: list[tuple[ConfigToStore, asyncio.Future[VersionInfo]]]) -> None:
        configs = [config for config, _future in batch]
        message = f"netraven backup run {self.run_id}: {len(configs)} configuration(s) changed"
        started = time.monotonic()
        try:
            saved = await self.call(self.storage.save, configs, run_id=self.run_id, message=message)
        except Exception as exc:
            # The exception text of a storage backend holds paths, never device secrets (configs
            # are redacted before they get here), but keep it short.
            log.error("storage save of %d configuration(s) failed: %s", len(configs), exc)
            error = StorageError(f"storage error: {type(exc).__name__}: {str(exc)[:300]}")
            for _config, future in batch:
                if not future.done():
                    future.set_exception(error)
            return
        finally:
            self.last_save_seconds = time.monotonic() - started
        self.commits += 1
        for config, future in batch:
            if future.done():
                continue
            info = saved.get(config.hostname) if isinstance(saved, dict) else None
            if info is None:
                future.set_exception(StorageError("storage error: the backend returned no version"))
            else:
                future.set_result(info)

    async def close(self) -> None:
        """Save what is left, wait for every save, stop the storage thread."""
        self.flush()
        while self._saves or self._queue:
            await asyncio.gather(*list(self._saves), return_exceptions=True)
            self.flush()
        self._executor.shutdown(wait=True)
