"""The storage batcher: one save at a time, batches that grow when saves are slow."""

from __future__ import annotations

import asyncio
import threading
import time
from datetime import UTC, datetime

import pytest

from netraven_core.engine.storebatch import SAVE_TIME_FACTOR, StoreBatcher
from netraven_core.errors import StorageError
from netraven_core.models import ConfigToStore, VersionInfo

NOW = datetime(2026, 12, 7, tzinfo=UTC)


class SlowStorage:
    """Saves take ``seconds``; records every batch and the most saves seen at once."""

    name = "slow"

    def __init__(self, seconds: float, fail: bool = False):
        self.seconds = seconds
        self.fail = fail
        self.batches: list[list[str]] = []
        self.running = 0
        self.most_at_once = 0
        self._lock = threading.Lock()

    def save(self, configs, *, run_id=None, message=None):
        with self._lock:
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
        try:
            time.sleep(self.seconds)
            if self.fail:
                raise OSError("No space left on device")
            self.batches.append([c.hostname for c in configs])
            return {c.hostname: VersionInfo(c.hostname, f"v-{c.hostname}", NOW, "0" * 64, len(c.text))
                    for c in configs}
        finally:
            with self._lock:
                self.running -= 1


def config(i: int) -> ConfigToStore:
    return ConfigToStore(f"dev{i:03d}", f"hostname dev{i:03d}\n")


async def store_spread(batcher: StoreBatcher, count: int, every: float) -> list[VersionInfo]:
    tasks = []
    for i in range(count):
        tasks.append(asyncio.ensure_future(batcher.store(config(i))))
        await asyncio.sleep(every)
    results = await asyncio.gather(*tasks)
    await batcher.close()
    return results


def test_saves_never_overlap_and_what_waits_goes_in_one_batch():
    storage = SlowStorage(0.3)
    batcher = StoreBatcher(storage, run_id="r", max_delay=0.02)
    results = asyncio.run(store_spread(batcher, 40, 0.01))
    assert [r.version for r in results] == [f"v-dev{i:03d}" for i in range(40)]
    assert storage.most_at_once == 1
    assert sorted(h for b in storage.batches for h in b) == [f"dev{i:03d}" for i in range(40)]
    # A fixed 0.02 s timer would have cut ~0.4 s of arrivals into ~20 commits queued behind one
    # another; waiting for the save under way (and three times its length) makes a handful.
    assert len(storage.batches) <= 4, storage.batches


def test_the_delay_follows_the_last_save():
    storage = SlowStorage(0.2)
    batcher = StoreBatcher(storage, run_id="r", max_delay=0.05)
    assert batcher.delay == 0.05

    async def one():
        await batcher.store(config(0))
        return batcher.delay

    delay = asyncio.run(one())
    assert 0.2 <= batcher.last_save_seconds < 1.0
    assert delay == pytest.approx(SAVE_TIME_FACTOR * batcher.last_save_seconds)
    assert StoreBatcher(storage, run_id="r", max_delay=0.0).delay == 0.0  # one device: no wait


def test_batches_stay_within_max_batch_when_many_wait():
    storage = SlowStorage(0.2)
    batcher = StoreBatcher(storage, run_id="r", max_batch=4, max_delay=0.01)
    asyncio.run(store_spread(batcher, 15, 0.005))
    assert all(len(b) <= 4 for b in storage.batches), storage.batches
    assert sum(len(b) for b in storage.batches) == 15 and storage.most_at_once == 1


def test_a_failed_save_fails_its_batch_and_the_next_one_still_runs():
    storage = SlowStorage(0.05, fail=True)
    batcher = StoreBatcher(storage, run_id="r", max_delay=0.01)

    async def scenario():
        with pytest.raises(StorageError, match="No space left on device"):
            await batcher.store(config(0))
        storage.fail = False
        saved = await batcher.store(config(1))
        await batcher.close()
        return saved

    assert asyncio.run(scenario()).version == "v-dev001"
    assert storage.batches == [["dev001"]]
