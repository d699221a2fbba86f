"""The git store under faults: stale and fresh git locks, crash leftovers, lost index records,
a full and a read-only file system (a real tmpfs), and verify()."""

from __future__ import annotations

import logging
import os
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from netraven_core import run_backup
from netraven_core.errors import ErrorCategory, StorageError
from netraven_core.models import ConfigToStore
from netraven_plugins.storage._githeal import repair
from netraven_plugins.storage.git import GitStorage
from tests.support.engine_fakes import LAB, config_text, lab_inventory, make_registry
from tests.support.faults import fill, remount, small_tmpfs


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout


def age(path: Path, seconds: float = 3600) -> Path:
    past = time.time() - seconds
    os.utime(path, (past, past))
    return path


def assert_consistent(store: GitStorage) -> None:
    subprocess.run(["git", "fsck", "--connectivity-only"], cwd=store.root, check=True, capture_output=True)
    assert git(store.root, "status", "--porcelain") == ""  # the working tree matches HEAD
    assert store.verify() == []


@pytest.fixture
def store(tmp_path):
    s = GitStorage(str(tmp_path / "repo"))
    yield s
    s.close()


def save(store: GitStorage, host: str, text: str):
    return store.save([ConfigToStore(host, text)])[host]


@pytest.mark.parametrize("lock", ["index.lock", "HEAD.lock", "refs/heads/main.lock", "packed-refs.lock"])
def test_stale_lock_is_removed_and_the_save_succeeds(store, lock, caplog):
    save(store, "sw1", "hostname sw1\n")
    path = store.repo.git_dir / lock
    path.write_text("")
    age(path)
    with caplog.at_level(logging.WARNING):
        v = save(store, "sw1", "hostname sw1\nntp server 1.1.1.1\n")
    assert not path.exists()
    assert any("stale lock file" in r.message and lock in r.message for r in caplog.records)
    assert store.history("sw1")[0].version == v.version
    assert (store.root / store.path_for("sw1")).read_text() == "hostname sw1\nntp server 1.1.1.1\n"
    assert_consistent(store)


def test_fresh_index_lock_is_left_and_the_landed_commit_is_not_failed(store, caplog):
    save(store, "sw1", "hostname sw1\n")
    lock = store.repo.git_dir / "index.lock"
    lock.write_text("")  # somebody's git command is running right now
    with caplog.at_level(logging.WARNING):
        v = save(store, "sw1", "hostname sw1\nlogging host 10.0.0.1\n")
    assert lock.exists()
    assert git(store.root, "rev-parse", "HEAD").strip() == v.version  # the commit landed
    assert store.read("sw1") == "hostname sw1\nlogging host 10.0.0.1\n"
    assert any("working tree was not updated" in r.message for r in caplog.records)
    assert any("index.lock" in p for p in store.verify())  # reported while it is held
    age(lock)  # the git command died long ago: the next write heals and catches the tree up
    save(store, "sw2", "hostname sw2\n")
    assert not lock.exists()
    assert (store.root / store.path_for("sw1")).read_text() == "hostname sw1\nlogging host 10.0.0.1\n"
    assert_consistent(store)


def test_crash_and_temporary_pack_files_are_cleaned(store):
    gd = store.repo.git_dir
    (gd / "objects" / "ab").mkdir(parents=True, exist_ok=True)
    old = [gd / "fast_import_crash_4242", gd / "objects" / "pack" / "tmp_pack_XyZ",
           gd / "objects" / "pack" / "tmp_idx_XyZ", gd / "objects" / "ab" / "tmp_obj_q1"]
    for p in old:
        p.write_bytes(b"junk")
        age(p)
    fresh = gd / "objects" / "pack" / "tmp_pack_busy"
    fresh.write_bytes(b"being written")
    save(store, "sw1", "hostname sw1\n")
    assert not any(p.exists() for p in old)
    assert fresh.exists()  # younger than stale_after: possibly a git process at work
    done = repair(gd, stale_after=0)
    assert done.removed_leftovers == ["objects/pack/tmp_pack_busy"] and not fresh.exists()


def test_lost_index_record_after_the_commit_does_not_fail_the_save(store, monkeypatch, caplog):
    save(store, "sw1", "hostname sw1\n")

    def broken(*a, **k):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store.index, "record", broken)
    with caplog.at_level(logging.WARNING):
        v = save(store, "sw1", "hostname sw1\nsnmp-server location lab\n")
    monkeypatch.undo()
    assert any("not yet indexed" in r.message for r in caplog.records)
    assert store.history("sw1")[0].version == v.version  # caught up from git
    assert_consistent(store)


def test_verify_reports_a_broken_repository(store):
    v = save(store, "sw1", "hostname sw1\n")
    assert store.verify() == []
    tree = git(store.root, "rev-parse", f"{v.version}^{{tree}}").strip()
    obj = store.repo.git_dir / "objects" / tree[:2] / tree[2:]
    if not obj.exists():
        pytest.skip("objects are packed")
    obj.chmod(0o644)
    obj.unlink()
    problems = store.verify()
    assert problems and "git fsck" in problems[0]


def test_an_unusable_index_file_is_a_storage_error(tmp_path):
    GitStorage(str(tmp_path / "repo")).close()
    index = tmp_path / "repo" / ".git" / "netraven" / "index.sqlite3"
    for extra in ("-wal", "-shm"):
        Path(f"{index}{extra}").unlink(missing_ok=True)
    index.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StorageError, match="version index"):
        GitStorage(str(tmp_path / "repo"))


def test_full_store_fails_with_storage_keeps_the_last_good_and_recovers(tmp_path):
    with small_tmpfs(tmp_path / "fs", "3m") as fs:
        inv = lab_inventory(2)
        storage = GitStorage(str(fs / "configs"))
        try:
            first = run_backup(inv, storage, registry=make_registry())
            assert first.result("dev00").ok
            good = storage.latest_text("dev00")
            filler = fill(fs)
            LAB.configs["dev00"] = config_text("dev00", extra="ntp server 10.9.9.9\n" * 200)
            run = run_backup(inv, storage, registry=make_registry())
            failed = run.result("dev00")
            assert not failed.ok and failed.error_category is ErrorCategory.STORAGE
            assert storage.latest_text("dev00") == good
            filler.unlink()
            again = run_backup(inv, storage, registry=make_registry())
            assert again.result("dev00").ok and again.result("dev00").changed
            assert "ntp server 10.9.9.9" in storage.latest_text("dev00")
            repair(storage.repo.git_dir, stale_after=0)  # the failed import's leftovers
            assert not list(storage.repo.git_dir.glob("fast_import_crash_*"))
            assert_consistent(storage)
        finally:
            storage.close()


def test_read_only_store_is_refused_clearly_and_recovers(tmp_path):
    with small_tmpfs(tmp_path / "fs", "8m") as fs:
        with GitStorage(str(fs / "configs")) as storage:
            save(storage, "sw1", "hostname sw1\n")
        # (a tmpfs cannot be remounted read-only while the index is open for writing)
        remount(fs, "ro")
        with pytest.raises(StorageError, match=r"cannot lock the configuration store \(.*netraven.lock\): "
                                               "Read-only file system"):
            GitStorage(str(fs / "configs"))
        remount(fs, "rw")
        with GitStorage(str(fs / "configs")) as storage:
            assert storage.latest_text("sw1") == "hostname sw1\n"
            save(storage, "sw1", "hostname sw1\nbanner motd x\n")
            assert storage.latest_text("sw1") == "hostname sw1\nbanner motd x\n"
            assert_consistent(storage)
