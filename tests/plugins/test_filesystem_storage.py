"""The filesystem storage backend."""

from __future__ import annotations

import multiprocessing

import pytest

from netraven_core.errors import StorageError
from netraven_core.models import ConfigToStore
from netraven_plugins.storage import filesystem
from netraven_plugins.storage._common import VersionNotFound
from netraven_plugins.storage.filesystem import FilesystemStorage


@pytest.fixture
def store(tmp_path):
    return FilesystemStorage(str(tmp_path / "store"))


def test_save_history_read_diff(store):
    v1 = store.save([ConfigToStore("sw1", "a\nb\n")], run_id="r1")["sw1"]
    same = store.save([ConfigToStore("sw1", "a\nb\n")], run_id="r2")["sw1"]
    assert same == v1
    v2 = store.save([ConfigToStore("sw1", "a\nc\n")], run_id="r3")["sw1"]
    history = store.history("sw1")
    assert [v.version for v in history] == [v2.version, v1.version]
    assert history[0].run_id == "r3" and (history[0].lines_added, history[0].lines_removed) == (1, 1)
    assert (v1.lines_added, v1.lines_removed) == (2, 0)
    assert store.read("sw1") == store.latest_text("sw1") == "a\nc\n"
    assert store.read("sw1", "~1") == store.read("sw1", v1.version) == "a\nb\n"
    assert store.read("sw1", v1.version[:-8]) == "a\nb\n"  # a unique prefix
    diff = store.diff("sw1")
    assert "-b" in diff and "+c" in diff
    assert (store.root / store.path_for("sw1") / "latest.cfg").read_text() == "a\nc\n"
    assert store.hostnames() == ["sw1"]
    assert store.history("ghost") == [] and store.latest_text("ghost") is None
    with pytest.raises(VersionNotFound):
        store.read("ghost")
    with pytest.raises(VersionNotFound):
        store.read("sw1", "~9")


def test_hostile_hostnames(store, tmp_path):
    names = ["../../etc/passwd", "A/B", "sw1", "SW1", "sw-1", "sw_1", "..", "rtr-ünï", "a\nb"]
    store.save([ConfigToStore(n, f"cfg {n!r}\n") for n in names])
    dirs = {store.path_for(n).lower() for n in names}
    assert len(dirs) == len(names)
    for n in names:
        assert store.read(n) == f"cfg {n!r}\n"
        assert (store.root / store.path_for(n)).resolve().parent == (store.root / "devices").resolve()
    assert sorted(store.hostnames()) == sorted(names)
    assert not (tmp_path / "etc").exists()


def test_reindex_rebuilds_metadata(store):
    for i in range(3):
        store.save([ConfigToStore("sw1", f"v{i}\n")], run_id=f"r{i}")
    before = store.history("sw1")
    index = store.root / store.path_for("sw1") / "index.jsonl"
    index.write_text(index.read_text() + '{"torn": ')
    assert store.history("sw1") == before  # a torn line is ignored
    store.reindex()
    assert [(v.version, v.content_hash, v.run_id) for v in store.history("sw1")] == \
        [(v.version, v.content_hash, v.run_id) for v in before]


def test_refuses_a_foreign_directory(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "important.txt").write_text("hi")
    with pytest.raises(StorageError):
        FilesystemStorage(str(tmp_path / "x"))


def _writer(location: str, worker: int) -> None:
    s = FilesystemStorage(location)
    for r in range(10):
        s.save([ConfigToStore("shared", f"w{worker} r{r}\n"), ConfigToStore(f"own{worker}", f"r{r}\n")])


def test_two_processes(tmp_path):
    location = str(tmp_path / "store")
    FilesystemStorage(location)
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(location, w)) for w in (1, 2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0]
    s = FilesystemStorage(location)
    assert len(s.history("own1")) == len(s.history("own2")) == 10
    assert 2 <= len(s.history("shared")) <= 20
    for v in s.history("shared"):
        assert s.read("shared", v.version)


def test_registered_as_plugin(tmp_path):
    from netraven_core.plugins import Registry
    from netraven_core.protocols import Storage

    assert FilesystemStorage in filesystem.netraven_storage_backends()
    store = Registry().storage("filesystem", str(tmp_path / "r"))
    assert isinstance(store, FilesystemStorage) and isinstance(store, Storage)
