"""The git storage backend: versions, batching, safe paths, the index, concurrency."""

from __future__ import annotations

import multiprocessing
import subprocess
from pathlib import Path

import pytest

from netraven_core.errors import StorageError
from netraven_core.models import ConfigToStore
from netraven_plugins.storage import git as git_backend
from netraven_plugins.storage._common import VersionNotFound
from netraven_plugins.storage.git import GitStorage


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True).stdout


def commit_count(repo: Path) -> int:
    return int(git(repo, "rev-list", "--count", "HEAD"))


@pytest.fixture
def store(tmp_path):
    s = GitStorage(str(tmp_path / "repo"))
    yield s
    s.close()


def test_new_repository_layout(store):
    assert commit_count(store.root) == 1
    tracked = git(store.root, "ls-files").split()
    assert {"README.md", ".gitattributes", ".gitignore", "hostnames.json"} <= set(tracked)
    assert ".netraven/" in (store.root / ".gitignore").read_text()
    assert store.hostnames() == [] and store.history("nope") == [] and store.latest_text("nope") is None


def test_hostnames_file_is_json_with_one_path_per_line(store):
    import json

    store.save([ConfigToStore("sw\u00e9-\"2\"", "hostname a\n"), ConfigToStore("core1", "hostname b\n")])
    text = (store.root / "hostnames.json").read_text()
    by_path = json.loads(text)
    assert sorted(by_path.values()) == ["core1", "sw\u00e9-\"2\""]
    assert text == json.dumps(dict(sorted(by_path.items())), indent=1) + "\n"
    assert git_backend.hostnames_file({}) == b"{}\n"


def test_save_history_read_diff(store):
    first = store.save([ConfigToStore("sw1", "hostname sw1\ninterface a\n")], run_id="run-1")["sw1"]
    second = store.save([ConfigToStore("sw1", "hostname sw1\ninterface b\n", 1, 1)], run_id="run-2")["sw1"]
    assert first.version != second.version and len(second.version) == 40
    assert (first.lines_added, first.lines_removed) == (2, 0)
    history = store.history("sw1")
    assert [v.version for v in history] == [second.version, first.version]
    assert history[0].run_id == "run-2" and history[0].size == len("hostname sw1\ninterface b\n")
    assert history[0].lines_added == 1 and history[0].lines_removed == 1
    assert store.history("sw1", limit=1) == history[:1]
    assert store.read("sw1") == store.latest_text("sw1") == "hostname sw1\ninterface b\n"
    assert store.read("sw1", first.version) == "hostname sw1\ninterface a\n"
    assert store.read("sw1", first.version[:8]) == store.read("sw1", "~1")
    diff = store.diff("sw1")
    assert "-interface a" in diff and "+interface b" in diff and " hostname sw1" in diff
    assert store.diff("sw1", second.version, first.version).count("+interface a") == 1
    assert "+interface b" in store.diff("sw1", first.version)
    assert store.hostnames() == ["sw1"]
    message = git(store.root, "log", "-1", "--format=%B")
    assert "run-2" in message and "sw1: +1 -1" in message


def test_unchanged_config_makes_no_commit(store):
    v1 = store.save([ConfigToStore("sw1", "a\n"), ConfigToStore("sw2", "b\n")], run_id="r1")
    before = commit_count(store.root)
    again = store.save([ConfigToStore("sw1", "a\n"), ConfigToStore("sw2", "b\n")], run_id="r2")
    assert commit_count(store.root) == before
    assert again == v1  # the unchanged latest versions are returned
    mixed = store.save([ConfigToStore("sw1", "a\n"), ConfigToStore("sw2", "c\n")], run_id="r3")
    assert commit_count(store.root) == before + 1
    assert mixed["sw1"] == v1["sw1"] and mixed["sw2"].version != v1["sw2"].version
    assert store.save([]) == {}


def test_many_devices_are_one_commit(store):
    configs = [ConfigToStore(f"dev{i:03d}", f"hostname dev{i:03d}\n" + "line\n" * 50) for i in range(300)]
    result = store.save(configs, run_id="bulk")
    assert commit_count(store.root) == 2
    assert len({v.version for v in result.values()}) == 1
    assert len(store.hostnames()) == 300
    assert git(store.root, "status", "--porcelain") == ""  # the working tree follows
    assert (store.root / store.path_for("dev007")).read_text() == configs[7].text


HOSTILE = ["../../etc/passwd", "A/B", "sw1", "SW1", "sw-1", "sw_1", "sw.1", "..", ".git", "con",
           "rtr-ünïcødé", "路由器", "a\nb", "tab\there", " spaced ", "x" * 500, "-rf", "*", "$(reboot)"]


def test_hostile_hostnames_get_distinct_safe_paths(store, tmp_path):
    configs = [ConfigToStore(h, f"config of {h!r}\n") for h in HOSTILE]
    store.save(configs)
    paths = [store.path_for(h) for h in HOSTILE]
    assert len({p.lower() for p in paths}) == len(HOSTILE)  # distinct even ignoring case
    for path in paths:
        assert path.startswith("configs/") and path.count("/") == 1 and path.endswith(".cfg")
        name = path.split("/", 1)[1]
        assert not name.startswith(".") and len(name) < 100 and name.isascii()
        assert (store.root / path).resolve().parent == (store.root / "configs").resolve()
    for h in HOSTILE:
        assert store.read(h) == f"config of {h!r}\n"
    assert sorted(store.hostnames()) == sorted(HOSTILE)
    assert not (tmp_path / "etc").exists()
    with pytest.raises(StorageError):
        store.save([ConfigToStore("", "x")])


def test_refuses_to_take_over_a_directory_with_files(tmp_path):
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "README.md").write_text("mine")
    with pytest.raises(StorageError, match="not empty"):
        GitStorage(str(tmp_path / "project"))
    assert (tmp_path / "project" / "README.md").read_text() == "mine"
    assert not (tmp_path / "project" / ".git").exists()


def test_version_errors(store):
    store.save([ConfigToStore("sw1", "a\n")])
    with pytest.raises(VersionNotFound, match="no stored configuration"):
        store.read("ghost")
    with pytest.raises(VersionNotFound):
        store.read("sw1", "~5")
    with pytest.raises(LookupError):
        store.read("sw1", "deadbeef")
    with pytest.raises(VersionNotFound):
        store.diff("ghost")
    assert store.diff("sw1").startswith("--- /dev/null")  # a single version: everything added


def test_index_rebuilt_when_deleted_and_after_gc(tmp_path):
    repo = tmp_path / "repo"
    with GitStorage(str(repo)) as s:
        for i in range(5):
            # true line counts: the rebuilt index takes them from git's own diff
            s.save([ConfigToStore("sw1", f"v{i}\ncommon\n", *((1, 1) if i else (2, 0))),
                    ConfigToStore("sw2", f"w{i // 2}\n")], run_id=f"run{i}")
        expected = {h: s.history(h) for h in ("sw1", "sw2")}
    for f in (repo / ".git" / "netraven").iterdir():
        f.unlink()
    git(repo, "gc", "--quiet", "--prune=now")
    with GitStorage(str(repo)) as s:
        assert {h: s.history(h) for h in ("sw1", "sw2")} == expected
        assert s.read("sw1", "~2") == "v2\ncommon\n"
        s.reindex()
        assert s.history("sw1") == expected["sw1"]


def test_reads_never_walk_git_history(store, monkeypatch):
    for i in range(3):
        store.save([ConfigToStore("sw1", f"v{i}\n")])
    git(store.root, "gc", "--quiet")
    calls = []
    real_run = subprocess.run

    def spy(args, *a, **kw):
        calls.append(list(args))
        return real_run(args, *a, **kw)

    monkeypatch.setattr(subprocess, "run", spy)
    monkeypatch.setattr(git_backend.GitRepo, "log_changes", lambda *a, **k: pytest.fail("walked history"))
    assert len(store.history("sw1")) == 3
    assert store.read("sw1", "~2") == "v0\n"
    assert "+v2" in store.diff("sw1")
    assert not [c for c in calls if "log" in c or "rev-list" in c]


def test_commits_made_outside_are_picked_up(store):
    store.save([ConfigToStore("sw1", "a\n")])
    path = store.root / store.path_for("sw1")
    path.write_text("edited by hand\n")
    git(store.root, "-c", "user.name=x", "-c", "user.email=x@y", "commit", "-qam", "manual edit")
    assert store.read("sw1") == "edited by hand\n"
    assert store.history("sw1")[0].message == "manual edit"
    assert store.history("sw1")[0].lines_added == 1


def _writer(location: str, worker: int, rounds: int) -> None:
    with GitStorage(location) as s:
        for r in range(rounds):
            configs = [ConfigToStore(f"w{worker}-dev{d}", f"worker {worker} round {r} dev {d}\n")
                       for d in range(5)]
            configs.append(ConfigToStore("shared", f"worker {worker} round {r}\n"))
            s.save(configs, run_id=f"w{worker}-r{r}")


def test_two_processes_writing_at_once(tmp_path):
    location = str(tmp_path / "repo")  # created by whichever process gets there first
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(location, w, 8)) for w in (1, 2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0]
    repo = Path(location)
    git(repo, "fsck", "--strict")
    with GitStorage(location) as s:
        for w in (1, 2):
            for d in range(5):
                history = s.history(f"w{w}-dev{d}")
                assert [v.run_id for v in history] == [f"w{w}-r{r}" for r in range(7, -1, -1)]
                assert s.read(f"w{w}-dev{d}") == f"worker {w} round 7 dev {d}\n"
        assert len(s.history("shared")) == 16
        indexed = {h: s.history(h) for h in s.hostnames()}
        s.reindex()
        assert {h: s.history(h) for h in s.hostnames()} == indexed
    assert commit_count(repo) == 1 + 16


def _create_and_save(location: str, barrier, index: int) -> None:
    barrier.wait(60)
    with GitStorage(location) as s:
        s.save([ConfigToStore(f"d{index}", "x\n")])


def test_processes_creating_the_same_repository_at_once(tmp_path):
    location = str(tmp_path / "new")
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(4)
    procs = [ctx.Process(target=_create_and_save, args=(location, barrier, i)) for i in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0] * 4
    with GitStorage(location) as s:
        assert s.hostnames() == ["d0", "d1", "d2", "d3"]
    assert commit_count(Path(location)) == 5  # one initial commit, then one per process
    assert not list(Path(location).glob(".netraven-init-*"))


def test_registered_as_plugin(tmp_path):
    from netraven_core.plugins import Registry
    from netraven_core.protocols import Storage

    store = Registry().storage("git", str(tmp_path / "r"))
    assert isinstance(store, GitStorage) and isinstance(store, Storage)
