"""Host key stores."""

from __future__ import annotations

import json
import os
import stat
import threading

import pytest

from netraven_core.engine.hostkeys import JsonHostKeyStore, MemoryHostKeyStore

KEY1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOne"
KEY2 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAITwo"


def test_memory_store():
    store = MemoryHostKeyStore({"a": KEY1})
    assert store.get("a") == KEY1 and store.get("b") is None
    store.set("b", KEY2)
    store.forget("a")
    assert store.as_dict() == {"b": KEY2}


def test_json_store_persists_atomically_and_privately(tmp_path):
    path = tmp_path / "sub" / "known_hosts.json"
    store = JsonHostKeyStore(path)
    assert store.get("r1") is None
    store.set("r1", KEY1)
    assert json.loads(path.read_text()) == {"r1": KEY1}
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert JsonHostKeyStore(path).get("r1") == KEY1
    assert [p.name for p in path.parent.iterdir() if p.name.startswith(".known_hosts.")] == []


def test_json_store_merges_concurrent_writers(tmp_path):
    path = tmp_path / "known_hosts.json"
    a, b = JsonHostKeyStore(path), JsonHostKeyStore(path)
    a.set("r1", KEY1)
    b.set("r2", KEY2)  # b never read r1, but must not drop it
    assert json.loads(path.read_text()) == {"r1": KEY1, "r2": KEY2}
    b.forget("r1")
    assert JsonHostKeyStore(path).as_dict() == {"r2": KEY2}


def test_json_store_deferred_writes_once(tmp_path, monkeypatch):
    path = tmp_path / "known_hosts.json"
    store = JsonHostKeyStore(path)
    writes = []
    real = store._write_atomically
    monkeypatch.setattr(store, "_write_atomically", lambda data: (writes.append(dict(data)), real(data)))
    with store.deferred():
        threads = [threading.Thread(target=store.set, args=(f"r{i}", KEY1)) for i in range(20)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not path.exists()
        assert store.get("r7") == KEY1
    assert len(writes) == 1 and len(json.loads(path.read_text())) == 20


def test_json_store_rejects_a_corrupt_file(tmp_path):
    path = tmp_path / "known_hosts.json"
    path.write_text("[1, 2]")
    with pytest.raises(OSError, match="not a JSON object"):
        JsonHostKeyStore(path)
