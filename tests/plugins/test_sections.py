"""Hardware/software sections: collected by the drivers over real SSH, stored as a commented
header, volatile lines dropped, turned off per device and per run."""

from __future__ import annotations

import asyncio
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import pytest
import yaml

from netraven_core import driverkit
from netraven_core.configtext.cleaning import clean
from netraven_core.configtext.redact import Redactor
from netraven_core.configtext.sections import END_LABEL
from netraven_core.engine import run_backup
from netraven_core.errors import ErrorCategory, FetchError, InventoryError
from netraven_core.inventory import load_inventory
from netraven_core.models import ConnectionTarget, Credential, Device, Platform, Section
from netraven_core.plugins import Registry
from netraven_core.simulator import SimulatorThread, known_profiles
from netraven_plugins.drivers import netmiko_driver, scrapli_driver, ssh
from netraven_plugins.platforms import builtin_platforms

CATALOGUE: dict[str, Platform] = {p.name: p for p in builtin_platforms()}
CRED = Credential("sim", "admin", password="sim-password", enable_secret="sim-enable")


@pytest.fixture(scope="module")
def registry():
    return Registry()


def header_and_config(text: str, prefix: str = "!") -> tuple[str, str]:
    head, sep, config = text.partition(f"{prefix} {END_LABEL}\n")
    assert sep, text[:400]
    return head, config


def commits(storage_dir) -> int:
    out = subprocess.run(["git", "-C", str(storage_dir), "rev-list", "--count", "--all"],
                         capture_output=True, text=True, check=True)
    return int(out.stdout.strip())


# --------------------------------------------------------------------------- format


def test_header_format_volatile_lines_and_redaction(registry):
    platform = CATALOGUE["cisco_ios"]
    redactor = Redactor(registry.redaction_rules)
    version = ("Cisco IOS Software, Version 15.2(7)E8\r\nsw1 uptime is 3 weeks, 1 day, 2 hours, 5 minutes\r\n"
               "System returned to ROM by power-on\r\n\r\nProcessor board ID FOC1234X0AB   \r\n"
               "Configuration register is 0x2102\r\n")
    # A section whose output quotes configuration lines: the platform's rules apply there too.
    leaky = "snmp-server community Zx9SecretCommunity RO\nusername bob secret 9 $9$abcdefghijklmn$opq\n"
    platform = replace(platform, sections=(*platform.sections, Section("snmp", "show snmp community")))
    text = clean(redactor, "hostname sw1\n!\nend\n", platform, ["sim-password"],
                 (("version", version), ("snmp", leaky + "seen sim-password\n")))
    head, config = header_and_config(text)
    assert config == "hostname sw1\n!\nend\n"
    assert head.splitlines() == [
        "! -- version: show version --",
        "! Cisco IOS Software, Version 15.2(7)E8",
        "!",
        "! Processor board ID FOC1234X0AB",
        "! Configuration register is 0x2102",
        "! -- snmp: show snmp community --",
        *head.splitlines()[6:],
    ]
    assert "uptime" not in text and "returned to ROM" not in text
    assert "Zx9SecretCommunity" not in text and "$9$abcdefghijklmn$opq" not in text
    assert "sim-password" not in text
    assert head.splitlines()[6].startswith("! snmp-server community ")


def test_prefix_is_the_platforms_and_no_sections_means_no_header(registry):
    redactor = Redactor(registry.redaction_rules)
    procurve = CATALOGUE["hp_procurve"]
    text = clean(redactor, "hostname \"sw\"\n", procurve, [], (("modules", "Slot A  J9733A  SG1\n"),))
    assert text.startswith("; -- modules: show modules --\n; Slot A  J9733A  SG1\n; -- end of sections --\n")
    assert clean(redactor, "hostname \"sw\"\n", procurve, []) == "hostname \"sw\"\n"
    # A section the platform does not define (an old driver's, a stale plugin's) is not stored.
    assert clean(redactor, "x\n", procurve, [], (("bogus", "y\n"),)) == "x\n"


def test_section_result_rejections():
    platform = CATALOGUE["cisco_ios"]
    optional = Section("inventory", "show inventory")
    required = Section("inventory", "show inventory", optional=False)
    error = "          ^\n% Invalid input detected at '^' marker.\n"
    assert driverkit.section_result(platform, optional, error) is None
    assert driverkit.section_result(platform, optional, "\nNAME: x\n\n") == ("inventory", "NAME: x\n")
    assert driverkit.section_result(platform, optional, "NAME: x\n", rejected=True) is None
    with pytest.raises(FetchError) as caught:
        driverkit.section_result(platform, required, error)
    assert caught.value.category is ErrorCategory.COMMAND


def test_every_platform_with_sections_has_a_comment_prefix_and_valid_patterns():
    for platform in CATALOGUE.values():
        assert platform.comment_prefix.strip(), platform.name
        names = [s.name for s in platform.sections]
        assert len(names) == len(set(names)), platform.name
        for section in platform.sections:
            for pattern in section.volatile_patterns:
                re.compile(pattern)


# --------------------------------------------------------------------------- real SSH

def fetch(driver_cls: type, target: ConnectionTarget):
    if driver_cls.asynchronous:
        return asyncio.run(driver_cls(target).fetch())
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(driver_cls(target).fetch).result()


def target_for(sim, hostname: str, platform: Platform | None = None) -> ConnectionTarget:
    dev = sim.device(hostname)
    return ConnectionTarget(Device(hostname, dev.host, dev.platform, port=dev.port),
                            platform or CATALOGUE[dev.platform], CRED, timeout=20.0)


@pytest.mark.integration
@pytest.mark.parametrize("driver_cls", [ssh.AsyncSSHDriver, netmiko_driver.NetmikoDriver,
                                        scrapli_driver.ScrapliDriver], ids=["ssh", "netmiko", "scrapli"])
def test_drivers_return_sections_separately(host_key_path, driver_cls):
    with SimulatorThread(1, ["cisco_ios"], base_port=0, host_key_path=host_key_path) as sim:
        hostname = sim.devices[0].hostname
        serial = sim.facts.fields(hostname)["serial"]
        first = fetch(driver_cls, target_for(sim, hostname))
        second = fetch(driver_cls, target_for(sim, hostname))
    assert [name for name, _ in first.sections] == ["version", "inventory"]
    assert [cmd for cmd, _ in first.outputs] == ["show running-config"]  # the config alone
    assert "show version" not in first.text and serial not in first.text
    version = dict(first.sections)["version"]
    assert f"Processor board ID {serial}" in version and f"SN: {serial}" in dict(first.sections)["inventory"]
    assert version.startswith("Cisco IOS Software") and "% Invalid" not in version
    uptime = [line for line in version.splitlines() if " uptime is " in line]
    # The device's uptime really moves on between fetches.
    assert uptime and uptime != [line for line in dict(second.sections)["version"].splitlines()
                                 if " uptime is " in line]


@pytest.mark.integration
def test_rejected_required_section_fails_and_optional_one_is_left_out(host_key_path):
    platform = CATALOGUE["juniper_junos"]
    bogus = Section("license", "show system license keys-please")
    with SimulatorThread(1, ["juniper_junos"], base_port=0, host_key_path=host_key_path) as sim:
        hostname = sim.devices[0].hostname
        out = fetch(ssh.AsyncSSHDriver, target_for(sim, hostname, replace(
            platform, sections=(platform.sections[0], bogus, platform.sections[1]))))
        assert [name for name, _ in out.sections] == ["version", "hardware"]
        with pytest.raises(FetchError) as caught:
            fetch(ssh.AsyncSSHDriver, target_for(sim, hostname, replace(
                platform, sections=(replace(bogus, optional=False),))))
    assert caught.value.category is ErrorCategory.COMMAND
    assert "show system license keys-please" in caught.value.message


@pytest.mark.integration
def test_header_stored_unchanged_rerun_then_a_swapped_serial(tmp_path, registry, host_key_path):
    platforms = ["cisco_ios", "juniper_junos", "mikrotik_routeros", "arista_eos", "paloalto_panos"]
    store = tmp_path / "store"
    with SimulatorThread(len(platforms), platforms, base_port=0, host_key_path=host_key_path) as sim:
        sim.write_inventory(tmp_path / "inv.yaml")
        inventory = load_inventory(tmp_path / "inv.yaml")
        storage = registry.storage("git", str(store))
        first = run_backup(inventory, storage, registry=registry, workers=5, timeout=30)
        assert {r.hostname: r.error for r in first.results if not r.ok} == {}
        ios = sim.devices[0].hostname
        old_serial = sim.facts.fields(ios)["serial"]
        head, config = header_and_config(storage.latest_text(ios))
        assert head.startswith("! -- version: show version --\n! Cisco IOS Software")
        assert f"! PID: WS-C2960X-48FPD-L , VID: V05  , SN: {old_serial}\n" in head
        assert "uptime" not in head.lower() and "restarted at" not in head
        assert "! Configuration register is 0xF\n" in head
        assert config == storage.latest_text(ios)[len(head) + len(f"! {END_LABEL}\n"):]
        assert re.search(r"^end$", config, re.M) and "show version" not in config
        junos = storage.latest_text(sim.devices[1].hostname)
        assert junos.startswith("# -- version: show version --\n# Hostname: ")
        assert "# -- hardware: show chassis hardware --\n" in junos
        routeros = storage.latest_text(sim.devices[2].hostname)
        assert "# -- resource: /system resource print --" in routeros
        assert "uptime:" not in routeros and "cpu-load" not in routeros
        assert "serial-number: " in routeros
        panos = storage.latest_text(sim.devices[4].hostname)
        assert "# model: PA-3220" in panos and "threat-version" not in panos and "uptime" not in panos
        after_first = commits(store)

        # Uptimes, clocks, counters and content versions moved on: still no new version.
        second = run_backup(inventory, storage, registry=registry, workers=5, timeout=30)
        assert second.summary.ok == len(platforms) and second.summary.changed == 0
        assert commits(store) == after_first

        # A swapped chassis: a new version whose diff is the serial number.
        sim.set_facts(ios, serial="FOC2244Z0QX")
        third = run_backup(inventory, storage, registry=registry, workers=5, timeout=30)
        changed = [r for r in third.results if r.changed]
        assert [r.hostname for r in changed] == [ios]
        diff = storage.diff(ios)
    assert commits(store) == after_first + 1
    assert f"-! PID: WS-C2960X-48FPD-L , VID: V05  , SN: {old_serial}" in diff
    assert "+! PID: WS-C2960X-48FPD-L , VID: V05  , SN: FOC2244Z0QX" in diff
    assert "+! Processor board ID FOC2244Z0QX" in diff
    changed_lines = [line for line in diff.splitlines()
                     if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert all("FOC2244Z0QX" in line or old_serial in line for line in changed_lines)


@pytest.mark.integration
def test_device_rejecting_an_optional_section_still_backs_up(tmp_path, registry, host_key_path):
    profile = known_profiles()["cisco_ios"]
    without_inventory = profile.with_changes(
        reply_patterns=tuple(p for p in profile.reply_patterns if p[0] != r"show inventory"))
    with SimulatorThread(1, ["cisco_ios"], base_port=0, host_key_path=host_key_path,
                         profiles={"cisco_ios": without_inventory}) as sim:
        sim.write_inventory(tmp_path / "inv.yaml")
        storage = registry.storage("git", str(tmp_path / "store"))
        run = run_backup(load_inventory(tmp_path / "inv.yaml"), storage, registry=registry, timeout=30)
        assert run.results[0].ok, run.results[0].error
        text = storage.latest_text(sim.devices[0].hostname)
    head, _config = header_and_config(text)
    assert "! -- version: show version --" in head
    assert "inventory" not in head and "Invalid input" not in text


@pytest.mark.integration
def test_sections_false_in_the_inventory_and_the_run_option(tmp_path, registry, host_key_path):
    with SimulatorThread(2, ["cisco_ios", "arista_eos"], base_port=0, host_key_path=host_key_path) as sim:
        sim.write_inventory(tmp_path / "inv.yaml")
        data = yaml.safe_load((tmp_path / "inv.yaml").read_text())
        data["devices"][0]["sections"] = False  # the second device keeps the default
        (tmp_path / "off.yaml").write_text(yaml.safe_dump(data))
        inventory = load_inventory(tmp_path / "off.yaml")
        assert [d.sections for d in inventory.devices] == [False, True]
        storage = registry.storage("git", str(tmp_path / "store"))
        run_backup(inventory, storage, registry=registry, timeout=30)
        ios, eos = (storage.latest_text(d.hostname) for d in sim.devices)
        assert END_LABEL not in ios and "Processor board ID" not in ios
        assert eos.startswith("! -- version: show version --")

        none = registry.storage("git", str(tmp_path / "none"))
        run_backup(load_inventory(tmp_path / "inv.yaml"), none, registry=registry, timeout=30, sections=False)
        for dev in sim.devices:
            assert END_LABEL not in none.latest_text(dev.hostname)
            assert "Processor board ID" not in none.latest_text(dev.hostname)


@pytest.mark.integration
def test_cli_no_sections(tmp_path, capsys, host_key_path):
    from netraven_core.cli import main

    with SimulatorThread(1, ["cisco_nxos"], base_port=0, host_key_path=host_key_path) as sim:
        sim.write_inventory(tmp_path / "inv.yaml")
        for flag, store in (("--no-sections", "off"), ("--sections", "on")):
            code = main(["backup", "--inventory", str(tmp_path / "inv.yaml"), "--storage",
                         str(tmp_path / store), "--timeout", "20", "--json", flag])
            assert code == 0, capsys.readouterr()
    files = {store: Registry().storage("git", str(tmp_path / store)).latest_text("sim-0000")
             for store in ("off", "on")}
    assert END_LABEL not in files["off"]
    assert files["on"].startswith("! -- version: show version --\n! Cisco Nexus Operating System")
    assert "Kernel uptime" not in files["on"] and "Last reset" not in files["on"]
    assert files["on"].endswith(files["off"])


# --------------------------------------------------------------------------- inventory field


def test_inventory_sections_field_is_validated(tmp_path, registry):
    yaml_inv = tmp_path / "inv.yaml"
    yaml_inv.write_text("credentials:\n  - {name: c, username: u, password: p, tags: [t]}\n"
                        "defaults:\n  sections: false\n"
                        "devices:\n  - hostname: a\n    platform: cisco_ios\n"
                        "  - hostname: b\n    platform: cisco_ios\n    sections: true\n")
    assert [d.sections for d in load_inventory(yaml_inv, registry=registry).devices] == [False, True]
    yaml_inv.write_text("devices:\n  - hostname: a\n    platform: cisco_ios\n    sections: sometimes\n")
    with pytest.raises(InventoryError) as caught:
        load_inventory(yaml_inv, registry=registry)
    assert str(caught.value).startswith(f"{yaml_inv}:4: devices[0].sections: must be true or false")
    csv_inv = tmp_path / "inv.csv"
    csv_inv.write_text("hostname,platform,sections\na,cisco_ios,no\nb,cisco_ios,\nc,cisco_ios,maybe\n")
    with pytest.raises(InventoryError) as caught:
        load_inventory(csv_inv, registry=registry)
    assert str(caught.value).startswith(f"{csv_inv}:4: devices[2].sections: must be true or false")
    csv_inv.write_text("hostname,platform,sections\na,cisco_ios,no\nb,cisco_ios,\n")
    assert [d.sections for d in load_inventory(csv_inv, registry=registry).devices] == [False, True]


SECTION_PLATFORMS = [name for name in known_profiles() if CATALOGUE.get(name) and CATALOGUE[name].sections]


@pytest.fixture(scope="module")
def every_platform(host_key_path):
    with SimulatorThread(len(SECTION_PLATFORMS), SECTION_PLATFORMS, base_port=0,
                         host_key_path=host_key_path) as sim:
        yield sim


@pytest.mark.integration
@pytest.mark.parametrize("platform", SECTION_PLATFORMS)
def test_every_platform_answers_its_sections_and_their_volatile_lines_go(every_platform, registry, platform):
    sim = every_platform
    dev = sim.devices[SECTION_PLATFORMS.index(platform)]
    first, second = (fetch(ssh.AsyncSSHDriver, target_for(sim, dev.hostname)) for _ in range(2))
    assert [name for name, _ in first.sections] == [s.name for s in CATALOGUE[platform].sections]
    redactor = Redactor(registry.redaction_rules)
    headers = [clean(redactor, out.text, CATALOGUE[platform], [], out.sections) for out in (first, second)]
    assert headers[0] == headers[1]
    # Profiles whose replies carry the device's facts ({serial}, {uptime}...; the 13 first
    # platforms) prove more: the serial reaches the header, and the volatile values really move.
    replies = " ".join(reply for _pattern, reply in dev.profile.reply_patterns)
    if "{serial}" in replies:
        assert sim.facts.fields(dev.hostname)["serial"] in headers[0]
    if "{uptime" in replies and any(s.volatile_patterns for s in CATALOGUE[platform].sections):
        assert first.sections != second.sections  # the device's uptime/counters really moved on
