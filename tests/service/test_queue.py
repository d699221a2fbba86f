"""The Huey instance: SQLite in the data directory by default, Redis when configured; the queue
statistics the status page and /metrics report."""

from __future__ import annotations

import time
import uuid

import pytest

from netraven_server.config import Settings
from netraven_server.service import queue
from netraven_server.service.tasks import deliver_task, enqueue
from tests.support.services import require_redis


@pytest.fixture
def restore_queue():
    yield
    queue.reset()


def test_sqlite_queue_in_data_dir_with_depth_and_age(tmp_path, restore_queue):
    queue.configure(Settings(data_dir=tmp_path / "data"), name=f"t{uuid.uuid4().hex[:6]}")
    assert (tmp_path / "data" / "queue.db").exists()
    assert queue.describe().startswith("sqlite ")
    assert queue.queue_stats()["depth"] == 0
    enqueue(deliver_task, 12345, queued_at=time.time() - 30)
    stats = queue.queue_stats()
    assert stats["depth"] == 1 and stats["oldest_task_age_seconds"] >= 29
    queue.huey.flush()


@pytest.mark.redis
def test_redis_queue_when_configured(tmp_path, restore_queue):
    url = require_redis()
    name = f"nrtest-{uuid.uuid4().hex[:8]}"
    queue.configure(Settings(data_dir=tmp_path, redis_url=url), name=name)
    try:
        assert queue.describe() == f"redis redis://127.0.0.1:6379 queue {name!r}"
        enqueue(deliver_task, 1)
        assert queue.queue_stats()["depth"] == 1
        assert not (tmp_path / "queue.db").exists()
    finally:
        queue.huey.flush()


def test_immediate_mode_runs_inline(restore_queue):
    queue.configure(immediate=True)
    assert queue.huey.immediate and queue.describe() == "immediate (in-process)"
