"""``netraven check``: compliance rules on the latest stored versions, for CI gates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netraven_core.cli import main
from netraven_core.models import ConfigToStore
from netraven_core.simulator import SimulatorThread
from netraven_plugins.storage.git import GitStorage

RULES = """\
rules:
  - key: no-http
    title: The HTTP server is off
    severity: high
    match: absent
    pattern: '^ip http server$'
  - key: ssh-v2
    title: SSH version 2
    severity: low
    match: present
    pattern: '^ip ssh version 2$'
  - key: junos-only
    title: Junos has a syslog host
    platforms: [juniper_junos]
    match: present
    pattern: '^set system syslog host'
"""

HARDENING = Path(__file__).parents[2] / "docs" / "examples" / "compliance-hardening.yaml"


def run_cli(capsys, *args):
    capsys.readouterr()
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def git_store(tmp_path):
    store = GitStorage(str(tmp_path / "store"))
    store.save([ConfigToStore("sw1", "hostname sw1\nip http server\nip ssh version 2\n"),
                ConfigToStore("sw2", "hostname sw2\nip ssh version 2\n")])
    store.save([ConfigToStore("sw2", "hostname sw2\nip ssh version 2\nntp server 10.0.0.1\n")])
    store.close()
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES)
    return tmp_path / "store", rules


def test_failures_exit_1_with_json(capsys, git_store):
    store, rules = git_store
    code, out, err = run_cli(capsys, "check", "--storage", store, "--rules", rules, "--json")
    assert code == 1, err
    report = json.loads(out)
    by_host = {d["hostname"]: d for d in report["devices"]}
    assert by_host["sw1"]["failed"] == 1 and by_host["sw2"]["failed"] == 0
    failed = [r for r in by_host["sw1"]["results"] if not r["passed"]]
    assert failed == [{"rule": "no-http", "passed": False, "findings": ["present: ip http server"],
                       "severity": "high", "title": "The HTTP server is off"}]
    assert len(by_host["sw2"]["version"]) == 40  # the latest commit
    assert report["summary"]["failing_devices"] == 1
    assert report["summary"]["skipped_rules"] == ["junos-only"]  # platform-limited, no inventory


def test_table_fail_on_and_one_device(capsys, git_store):
    store, rules = git_store
    code, out, err = run_cli(capsys, "check", "-s", store, "-r", rules)
    assert code == 1 and "FAIL  sw1" in out and "[high] no-http" in out and "present: ip http server" in out
    assert "junos-only" in err
    code, out, _ = run_cli(capsys, "check", "-s", store, "-r", rules, "--device", "sw2")
    assert code == 0 and "sw1" not in out
    code, _, _ = run_cli(capsys, "check", "-s", store, "-r", rules, "--fail-on", "critical")
    assert code == 0  # the only failure is 'high'
    code, _, err = run_cli(capsys, "check", "-s", store, "-r", rules, "--device", "nope")
    assert code == 2 and "nope" in err


def test_bad_rules_file_exit_2_with_file_line_field(capsys, git_store, tmp_path):
    store, _ = git_store
    bad = tmp_path / "bad.yaml"
    bad.write_text("rules:\n  - key: a\n    title: A\n    match: present\n    pattern: '(unclosed'\n")
    code, out, err = run_cli(capsys, "check", "-s", store, "-r", bad)
    assert code == 2 and out == ""
    assert f"{bad}:5: rules[0].pattern: invalid regular expression" in err
    bad.write_text("rules:\n  - key: a\n    title: A\n    match: maybe\n    pattern: x\n")
    code, _, err = run_cli(capsys, "check", "-s", store, "-r", bad)
    assert code == 2 and f"{bad}:4: rules[0].match" in err and "Traceback" not in err
    bad.write_text("")
    assert run_cli(capsys, "check", "-s", store, "-r", bad)[0] == 2


def backup(capsys, inventory, store):
    return run_cli(capsys, "backup", "--inventory", inventory, "--storage", store, "--timeout", "20")


@pytest.mark.integration
def test_engine_store_from_simulator_with_inventory(tmp_path, capsys, host_key_path):
    store, inventory = tmp_path / "store", tmp_path / "inv.yaml"
    with SimulatorThread(3, ["cisco_ios", "juniper_junos", "arista_eos"], base_port=0,
                         host_key_path=host_key_path) as sim:
        sim.write_inventory(inventory)
        code, _, err = backup(capsys, inventory, store)
        assert code == 0, err
        ios = sim.devices[0].hostname
        base = sim.config_for(ios)
        broken = base.replace("\nend", "\nip http server\nend", 1) if "ip http server" not in base else base
        sim.set_config(ios, broken)
        code, _, err = backup(capsys, inventory, store)
        assert code == 0, err
    code, out, err = run_cli(capsys, "check", "-s", store, "-r", HARDENING, "-i", inventory, "--json")
    report = json.loads(out)
    by_host = {d["hostname"]: d for d in report["devices"]}
    assert set(by_host) == {d.hostname for d in sim.devices}
    assert by_host[ios]["platform"] == "cisco_ios" and by_host[ios]["syntax"] == "indented"
    http = next(r for r in by_host[ios]["results"] if r["rule"] == "ios-no-http-server")
    assert http["passed"] is False and "present: ip http server" in http["findings"]
    assert code == 1 and report["summary"]["skipped_rules"] == []
    junos = by_host[sim.devices[1].hostname]
    assert junos["syntax"] in ("brace", "set")
    assert all(r["rule"].startswith("junos") for r in junos["results"])
