"""``netraven history|show|diff`` against git and filesystem storage."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from netraven_core.cli import main
from netraven_core.models import ConfigToStore
from netraven_plugins.storage.filesystem import FilesystemStorage
from netraven_plugins.storage.git import GitStorage


@pytest.fixture(params=["git", "filesystem"])
def storage_dir(request, tmp_path):
    location = tmp_path / "store"
    cls = GitStorage if request.param == "git" else FilesystemStorage
    store = cls(str(location))
    for i, text in enumerate(["hostname sw1\nvlan 1\n", "hostname sw1\nvlan 2\n", "hostname sw1\nvlan 3\n"]):
        store.save([ConfigToStore("sw1", text)], run_id=f"run-{i}")
    return location


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_history_lists_newest_first(capsys, storage_dir):
    code, out, _ = run(capsys, "history", "--storage", str(storage_dir), "sw1")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["VERSION", "TIME", "(UTC)", "SIZE", "+/-", "RUN"]
    assert [line.split()[-1] for line in lines[1:]] == ["run-2", "run-1", "run-0"]
    assert "+1 -1" in lines[1] and "+2 -0" in lines[3]
    code, out, _ = run(capsys, "history", "-s", str(storage_dir), "sw1", "--json", "-n", "1")
    assert code == 0 and json.loads(out)["run_id"] == "run-2"


def test_show_latest_previous_and_by_id(capsys, storage_dir):
    assert run(capsys, "show", "--storage", str(storage_dir), "sw1")[1] == "hostname sw1\nvlan 3\n"
    assert run(capsys, "show", "--storage", str(storage_dir), "sw1", "~2")[1] == "hostname sw1\nvlan 1\n"
    for ref in ("HEAD~2", "head~2", "@2"):
        assert run(capsys, "show", "-s", str(storage_dir), "sw1", ref)[1] == "hostname sw1\nvlan 1\n"
    for ref in ("HEAD^", "HEAD~1"):
        assert run(capsys, "show", "-s", str(storage_dir), "sw1", ref)[1] == "hostname sw1\nvlan 2\n"
    assert run(capsys, "show", "-s", str(storage_dir), "sw1", "latest")[1] == "hostname sw1\nvlan 3\n"
    _, out, _ = run(capsys, "history", "--storage", str(storage_dir), "sw1", "--json")
    middle = json.loads(out.splitlines()[1])["version"]
    ref = middle[:14] if len(middle) == 40 else middle  # a commit id prefix for git
    assert run(capsys, "show", "--storage", str(storage_dir), "sw1", ref)[1] == "hostname sw1\nvlan 2\n"


def test_diff_defaults_and_ranges(capsys, storage_dir):
    code, out, _ = run(capsys, "diff", "--storage", str(storage_dir), "sw1")
    assert code == 0 and "-vlan 2" in out and "+vlan 3" in out and "\x1b[" not in out
    _, out, _ = run(capsys, "diff", "--storage", str(storage_dir), "sw1", "~2")
    assert "-vlan 1" in out and "+vlan 3" in out
    _, out, _ = run(capsys, "diff", "--storage", str(storage_dir), "sw1", "~0", "~2")
    assert "-vlan 3" in out and "+vlan 1" in out
    _, out, _ = run(capsys, "diff", "--storage", str(storage_dir), "sw1", "--color")
    assert "\x1b[32m+vlan 3" in out


@pytest.mark.parametrize("command", ["history", "show", "diff"])
def test_unknown_hostname_exits_2(capsys, storage_dir, command):
    code, out, err = run(capsys, command, "--storage", str(storage_dir), "sw2")
    assert code == 2 and out == ""
    assert "no stored configuration for 'sw2'" in err and "did you mean sw1" in err
    assert "Traceback" not in err


def test_unknown_version_and_bad_directory_exit_2(capsys, storage_dir, tmp_path):
    code, _, err = run(capsys, "show", "--storage", str(storage_dir), "sw1", "~7")
    assert code == 2 and "no version" in err
    code, _, err = run(capsys, "history", "--storage", str(tmp_path / "missing"), "sw1")
    assert code == 2
    (tmp_path / "plain").mkdir()
    code, _, err = run(capsys, "history", "--storage", str(tmp_path / "plain"), "sw1")
    assert code == 2 and "not a NetRaven storage directory" in err


def test_console_script_without_traceback(tmp_path):
    store = GitStorage(str(tmp_path / "s"))
    store.save([ConfigToStore("a", "x\n")])
    argv = [sys.executable, "-m", "netraven_core", "show", "--storage", str(tmp_path / "s"), "b"]
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "'b'" in proc.stderr


def test_coloured_diff_shows_control_characters(capsys, tmp_path):
    store = GitStorage(str(tmp_path / "s"))
    store.save([ConfigToStore("sw1", "banner a\n")])
    store.save([ConfigToStore("sw1", "banner \x1b]0;pwned\x07\n")])
    _, out, _ = run(capsys, "diff", "--storage", str(tmp_path / "s"), "sw1", "--color")
    assert "^[]0;pwned^G" in out and "\x07" not in out
    _, out, _ = run(capsys, "show", "--storage", str(tmp_path / "s"), "sw1")
    assert out == "banner \x1b]0;pwned\x07\n"  # piped output stays byte-exact
