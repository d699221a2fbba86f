"""``netraven db reindex`` rebuilds the database's version index from the configuration store, and
``netraven db check`` compares the two and looks at the queue (stale claims, tasks for missing runs)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from netraven_core.models import ConfigToStore
from netraven_plugins.storage.git import GitStorage
from netraven_server.clock import utcnow
from netraven_server.config import Settings
from netraven_server.db import Database
from netraven_server.db.models import ConfigVersion, Device, ResultStatus, Run, RunResult, RunStatus
from tests.server.test_cli import run


def _db(data) -> Database:
    return Database(f"sqlite:///{(data / 'netraven.db').resolve()}")


def _add_devices(data, *hostnames: str) -> None:
    db = _db(data)
    with db.session() as s:
        for hostname in hostnames:
            s.add(Device(hostname=hostname, host=hostname, platform="cisco_ios"))
    db.dispose()


def _store(data, *configs: tuple[str, str]) -> None:
    with GitStorage(str(data / "configs")) as store:
        store.save([ConfigToStore(h, t) for h, t in configs], run_id="7")


def _versions(data) -> dict[str, int]:
    db = _db(data)
    with db.session(readonly=True) as s:
        by_host = select(ConfigVersion.hostname, func.count()).group_by(ConfigVersion.hostname)
        rows = dict(s.execute(by_host).all())
    db.dispose()
    return rows


def test_reindex_rebuilds_a_lost_index_idempotently_and_check_compares(tmp_path):
    data = tmp_path / "data"
    run(["db", "upgrade"], data_dir=data)
    _store(data, ("sw1", "hostname sw1\n"), ("sw2", "hostname sw2\n"))
    _store(data, ("sw1", "hostname sw1\ninterface Gi1\n"))
    _add_devices(data, "sw1", "sw2")  # a new database: the devices were imported again

    behind = run(["db", "check"], data_dir=data, check=False)
    assert behind.returncode == 1
    assert ("3 version(s) of 2 device(s) are in the configuration store but not in the database"
            in behind.stderr)
    assert "netraven db reindex" in behind.stderr and "Traceback" not in behind.stderr

    first = run(["db", "reindex"], data_dir=data)
    assert "indexed 3 new version(s) of 2 device(s); 0 already indexed" in first.stdout
    assert _versions(data) == {"sw1": 2, "sw2": 1}
    again = run(["db", "reindex"], data_dir=data)
    assert "indexed 0 new version(s) of 0 device(s); 3 already indexed" in again.stdout
    assert _versions(data) == {"sw1": 2, "sw2": 1}
    assert "consistent" in run(["db", "check"], data_dir=data).stdout

    db = _db(data)
    with db.session(readonly=True) as s:
        sw1 = s.scalars(select(Device).where(Device.hostname == "sw1")).one()
        assert sw1.last_success_at is not None and sw1.last_status == "success"
        assert s.scalars(select(ConfigVersion.run_id)).all() == [None] * 3  # run 7 is not in this database
    db.dispose()

    _store(data, ("sw3", "hostname sw3\n"), ("sw2", "hostname sw2\nvlan 10\n"))  # sw3: no device
    partial = run(["db", "reindex"], data_dir=data, check=False)
    assert partial.returncode == 2, partial.stderr
    assert "indexed 1 new version(s) of 1 device(s)" in partial.stdout
    assert "1 stored hostname(s) have no device and were not indexed: sw3" in partial.stderr
    no_device = run(["db", "check"], data_dir=data, check=False)
    assert no_device.returncode == 1 and "have no device (e.g. sw3)" in no_device.stderr
    _add_devices(data, "sw3")
    assert run(["db", "reindex"], data_dir=data).stdout.startswith("indexed 1 new version(s) of 1 device(s)")


def test_check_reports_index_rows_the_store_lacks(tmp_path):
    data = tmp_path / "data"
    run(["db", "upgrade"], data_dir=data)
    _store(data, ("sw1", "hostname sw1\n"))
    _add_devices(data, "sw1")
    run(["db", "reindex"], data_dir=data)
    db = _db(data)
    with db.session() as s:
        device = s.scalars(select(Device)).one()
        s.add(ConfigVersion(device_id=device.id, hostname="sw1", storage_ref="f" * 40, content_hash="0" * 64))
    db.dispose()
    proc = run(["db", "check"], data_dir=data, check=False)
    assert proc.returncode == 1
    assert "1 version(s) of 1 device(s) are in the database but not in the configuration store" in proc.stderr
    assert f"sw1 {'f' * 12}" in proc.stderr


def test_check_reports_stale_claims_and_tasks_for_missing_runs(tmp_path):
    data = tmp_path / "data"
    run(["db", "upgrade"], data_dir=data)
    _add_devices(data, "sw1")
    db = _db(data)
    with db.session() as s:
        device = s.scalars(select(Device)).one()
        long_ago = utcnow() - timedelta(minutes=10)
        r = Run(status=RunStatus.RUNNING, total=1, created_at=long_ago, started_at=long_ago)
        s.add(r)
        s.flush()
        s.add(RunResult(run_id=r.id, device_id=device.id, hostname="sw1", status=ResultStatus.RUNNING,
                        started_at=long_ago, details={"worker": "gone-host:123", "claim": "abc"}))
        run_id = r.id
    db.dispose()
    from netraven_server.service import queue, tasks

    queue.configure(Settings(data_dir=data))
    try:
        tasks.enqueue(tasks.start_run_task, 999)
        tasks.enqueue(tasks.run_device_task, run_id, 1)  # a run that exists: not a problem
    finally:
        queue.reset()
    proc = run(["db", "check"], data_dir=data, check=False)
    assert proc.returncode == 1, proc.stdout
    assert "queue: 1 device claim(s) belong to workers without a heartbeat" in proc.stderr
    assert f"sw1 in run {run_id}, worker gone-host:123" in proc.stderr
    assert "queue: 1 queued task(s) name run(s) the database does not have (999)" in proc.stderr
    assert "Traceback" not in proc.stderr
