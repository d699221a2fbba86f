"""Group commit: concurrent device saves become one storage save; a lone save is not delayed."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

import pytest

from netraven_core.models import ConfigToStore, VersionInfo
from netraven_server.service.groupcommit import GroupCommitStorage


class RecordingStorage:
    name = "fake"

    def __init__(self, fail: bool = False):
        self.saves: list[list[str]] = []
        self.fail = fail

    def save(self, configs, *, run_id=None, message=None):
        if self.fail:
            raise OSError("disk full")
        self.saves.append([c.hostname for c in configs])
        return {c.hostname: VersionInfo(c.hostname, f"v{len(self.saves)}", datetime.now(UTC), "h", 1)
                for c in configs}

    def latest_text(self, hostname):
        return None


def _device_task(store, hostname, results, delay=0.0, barrier=None):
    with store.task():
        if barrier is not None:
            barrier.wait()  # every task is running (fetching) before the first one saves
        time.sleep(delay)
        results[hostname] = store.save([ConfigToStore(hostname, "x")], run_id="r")


def test_concurrent_saves_share_one_commit():
    inner = RecordingStorage()
    store = GroupCommitStorage(inner, max_delay=5)
    results: dict = {}
    barrier = threading.Barrier(8)
    threads = [threading.Thread(target=_device_task, args=(store, f"d{i}", results, 0.02 * i, barrier))
               for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(h for batch in inner.saves for h in batch) == [f"d{i}" for i in range(8)]
    assert len(inner.saves) == 1
    assert all(results[f"d{i}"][f"d{i}"].hostname == f"d{i}" for i in range(8))
    assert store.latest_text("d0") is None  # other methods pass through


def test_lone_save_is_not_delayed_and_duplicates_split():
    inner = RecordingStorage()
    store = GroupCommitStorage(inner, max_delay=5)
    started = time.monotonic()
    _device_task(store, "only", {})
    assert time.monotonic() - started < 1
    store._write([_p("a"), _p("a"), _p("b")], None)  # the same device twice: two commits
    assert inner.saves[1:] == [["a", "b"], ["a"]]


def _p(hostname):
    from netraven_server.service.groupcommit import _Pending

    return _Pending([ConfigToStore(hostname, "x")], None)


def test_errors_reach_every_waiting_caller():
    store = GroupCommitStorage(RecordingStorage(fail=True), max_delay=0.1)
    with pytest.raises(OSError):
        store.save([ConfigToStore("a", "x")])
