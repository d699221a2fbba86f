"""``netraven db check``: a sound install passes; a damaged or empty database and a broken store
are reported with what is wrong and how to recover, exit status 1."""

from __future__ import annotations

import os
import time

from tests.server.test_cli import run


def test_db_check_passes_heals_and_reports(tmp_path):
    data = tmp_path / "data"
    run(["db", "upgrade"], data_dir=data)
    ok = run(["db", "check"], data_dir=data)
    assert "consistent" in ok.stdout
    locks = list(data.rglob(".git/netraven.lock"))
    assert locks, "the check opened the configuration store"
    stale = locks[0].parent / "index.lock"
    stale.write_text("")
    os.utime(stale, (time.time() - 3600,) * 2)
    healed = run(["db", "check"], data_dir=data)  # a stale lock is healed, not a problem
    assert "consistent" in healed.stdout and not stale.exists()

    db = data / "netraven.db"
    db.write_bytes(db.read_bytes()[:4096])  # truncated
    broken = run(["db", "check"], data_dir=data, check=False)
    assert broken.returncode == 1 and "problem: database" in broken.stderr
    assert "Traceback" not in broken.stderr

    db.write_bytes(b"garbage" * 1000)
    garbage = run(["db", "check"], data_dir=data, check=False)
    assert garbage.returncode == 1 and "problem: database" in garbage.stderr
    assert "Traceback" not in garbage.stderr

    db.write_bytes(b"")
    empty = run(["db", "check"], data_dir=data, check=False)
    assert empty.returncode == 1 and "database is empty" in empty.stderr


def _history(configs) -> None:
    from netraven_core.models import ConfigToStore
    from netraven_plugins.storage.git import GitStorage

    with GitStorage(str(configs)) as store:
        store.save([ConfigToStore("sw1", "hostname sw1\n"), ConfigToStore("sw2", "hostname sw2\n")])


def test_server_refuses_an_empty_or_damaged_database_next_to_history(tmp_path):
    data = tmp_path / "data"
    run(["db", "upgrade"], data_dir=data)
    _history(data / "configs")  # the default store location
    db = data / "netraven.db"
    for content in (b"", db.read_bytes()[:4096], b"garbage" * 1000):
        db.write_bytes(content)
        proc = run(["server", "--port", "1"], data_dir=data, check=False)
        assert proc.returncode == 1, proc.stdout + proc.stderr
        assert "refusing to start" in proc.stderr and "Restore the database from a backup" in proc.stderr
        assert "netraven db reindex" in proc.stderr
        assert "Traceback" not in proc.stderr
