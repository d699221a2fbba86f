"""``netraven backup`` and ``netraven plugins`` from the command line (in-process)."""

from __future__ import annotations

import json
import subprocess

import pytest

from netraven_core.cli import main
from netraven_core.simulator import SimulatorThread

from ..plugins.test_webhook import Receiver


def run_cli(capsys, *args):
    capsys.readouterr()
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def backup_json(capsys, inventory, store, *extra):
    code, out, err = run_cli(capsys, "backup", "--inventory", inventory, "--storage", store,
                             "--timeout", "20", "--json", *extra)
    return code, json.loads(out), err


def test_plugins_lists_everything(capsys):
    code, out, _err = run_cli(capsys, "plugins", "--json")
    info = json.loads(out)
    assert code == 0
    assert {"ssh", "netmiko", "scrapli"} <= {d["name"] for d in info["drivers"]}
    assert {"git", "filesystem"} <= {s["name"] for s in info["storage"]}
    assert {"log", "webhook"} <= {n["name"] for n in info["notifiers"]}
    assert "cisco_ios" in {p["name"] for p in info["platforms"]}
    code, out, _err = run_cli(capsys, "plugins")
    assert code == 0 and "Drivers" in out and "webhook" in out


@pytest.mark.integration
def test_backup_json_rerun_and_known_hosts(tmp_path, capsys, host_key_path):
    store = tmp_path / "store"
    with SimulatorThread(3, ["cisco_ios", "juniper_junos", "arista_eos"], base_port=0,
                         host_key_path=host_key_path) as sim:
        sim.write_inventory(tmp_path / "inv.yaml")
        code, first, _ = backup_json(capsys, tmp_path / "inv.yaml", store)
        assert code == 0, first
        code, second, _ = backup_json(capsys, tmp_path / "inv.yaml", store)
        key = sim.host_key_line
    assert code == 0
    assert [d["hostname"] for d in first["devices"]] == ["sim-0000", "sim-0001", "sim-0002"]
    for d in first["devices"]:
        assert d["status"] == "ok" and d["changed"] is True
        assert d["error_category"] is None and d["error"] is None
    assert first["summary"]["ok"] == 3 and first["summary"]["changed"] == 3
    assert second["summary"]["changed"] == 0 and second["summary"]["unchanged"] == 3
    known = store / ".git" / "netraven" / "known_hosts.json"
    assert json.loads(known.read_text())["sim-0001"] == key
    tracked = subprocess.run(["git", "-C", str(store), "ls-files"], capture_output=True, text=True,
                             check=True).stdout
    assert "known_hosts" not in tracked


@pytest.mark.integration
def test_backup_failure_exit_1_table_and_webhook(tmp_path, capsys, host_key_path):
    store = tmp_path / "store"
    with SimulatorThread(2, ["cisco_ios"], base_port=0, host_key_path=host_key_path,
                         faults={1: "auth"}) as sim, Receiver() as rx:
        sim.write_inventory(tmp_path / "inv.yaml")
        code, result, _ = backup_json(capsys, tmp_path / "inv.yaml", store, "--notify", f"webhook:{rx.url}",
                                      "--notify", "log")
        assert code == 1
        code, out, _err = run_cli(capsys, "backup", "-i", tmp_path / "inv.yaml", "-s", store,
                                  "--retries", "0")
    assert code == 1
    failed = result["devices"][1]
    assert failed["status"] == "failed" and failed["error_category"] == "auth"
    assert result["summary"]["failed"] == 1 and result["summary"]["by_category"] == {"auth": 1}
    assert "sim-0001" in out and "failed (auth)" in out and "1 failed" in out
    events = [body["event"] for _h, body in rx.requests]
    assert events.count("device_failed") == 1 and events[-1] == "run_finished"
    assert "sim-password" not in json.dumps(result) + out + repr(rx.requests)


@pytest.mark.integration
def test_changed_line_shows_in_netraven_diff(tmp_path, capsys, host_key_path):
    store = tmp_path / "store"
    configs = tmp_path / "configs"
    configs.mkdir()
    with SimulatorThread(2, ["cisco_ios"], base_port=0, host_key_path=host_key_path,
                         config_dir=configs) as sim:
        sim.write_inventory(tmp_path / "inv.yaml")
        assert backup_json(capsys, tmp_path / "inv.yaml", store)[0] == 0
        text = sim.generated("sim-0001").text
        line = "hostname sim-0001"
        (configs / "sim-0001.cfg").write_text(text.replace(line, f"{line}\nip domain-name lab.example", 1))
        code, result, _ = backup_json(capsys, tmp_path / "inv.yaml", store)
    assert code == 0
    assert [d["hostname"] for d in result["devices"] if d["changed"]] == ["sim-0001"]
    code, out, _err = run_cli(capsys, "diff", "--storage", store, "sim-0001")
    assert code == 0 and "+ip domain-name lab.example" in out


@pytest.mark.parametrize("content, message", [
    ("devices: [\n", "inv.yaml"),
    ("devices:\n  - hostname: r1\n", "inv.yaml"),
])
def test_bad_inventory_exits_2(tmp_path, capsys, content, message):
    (tmp_path / "inv.yaml").write_text(content)
    code, out, err = run_cli(capsys, "backup", "-i", tmp_path / "inv.yaml", "-s", tmp_path / "store",
                             "--json")
    assert code == 2 and message in err and out == ""


def test_bad_arguments_exit_2(tmp_path, capsys):
    inv = tmp_path / "inv.yaml"
    inv.write_text("credentials: []\ndevices: []\n")
    assert run_cli(capsys, "backup", "-i", tmp_path / "missing.yaml", "-s", tmp_path / "s")[0] == 2
    assert run_cli(capsys, "backup", "-i", inv, "-s", tmp_path / "s", "--workers", "0")[0] == 2
    assert run_cli(capsys, "backup", "-i", inv, "-s", tmp_path / "s", "--storage-backend", "nope")[0] == 2
    assert run_cli(capsys, "backup", "-i", inv, "-s", tmp_path / "s", "--notify", "nope")[0] == 2
    assert run_cli(capsys, "backup", "-i", inv, "-s", tmp_path / "s", "--notify", "webhook:ftp://x")[0] == 2
    (tmp_path / "file").write_text("")
    assert run_cli(capsys, "backup", "-i", inv, "-s", tmp_path / "file")[0] == 2


def test_empty_inventory_succeeds(tmp_path, capsys):
    inv = tmp_path / "inv.yaml"
    inv.write_text("credentials: []\ndevices: []\n")
    code, result, _ = backup_json(capsys, inv, tmp_path / "store")
    assert code == 0 and result["devices"] == [] and result["summary"]["total"] == 0


def test_progress_bar_and_summary_table_render():
    import io

    from rich.console import Console

    from netraven_core.cli.backup import TABLE_ROWS, _progress_reporter, print_summary
    from netraven_core.engine import summarize
    from netraven_core.errors import ErrorCategory
    from netraven_core.models import BackupRun, DeviceResult, DeviceStatus

    results = [DeviceResult(f"r{i}", DeviceStatus.OK, changed=True, lines_added=2, diff="-a\n+b")
               for i in range(TABLE_ROWS + 5)]
    results.append(DeviceResult("bad", DeviceStatus.FAILED, error_category=ErrorCategory.TIMEOUT,
                                error="no answer [bold]within[/bold] 5s"))
    run = BackupRun(summary=summarize("run-x", results, 1.5), results=results)
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, width=120)
    progress, update = _progress_reporter(console, len(results))
    progress.start()
    for done, r in enumerate(results, 1):
        update(r, done, len(results))
    progress.stop()
    print_summary(run, Console(file=out, width=120))
    text = out.getvalue()
    assert "failed (timeout)" in text and "[bold]within[/bold]" in text  # error text is not markup
    assert "... and 5 more changed" in text
    assert f"{len(results)} device(s): {TABLE_ROWS + 5} ok ({TABLE_ROWS + 5} changed" in text
