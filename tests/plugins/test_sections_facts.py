"""Every platform with hardware/software sections, backed up over real SSH from its simulator
profile: the stored header carries the device's model, serial number and software version, and
no uptime; the uptime really moves on the device, yet two backups store the same header; a
swapped chassis (a new serial) shows up in the header."""

from __future__ import annotations

import asyncio
import re

import pytest

from netraven_core.configtext.cleaning import clean
from netraven_core.configtext.redact import Redactor
from netraven_core.configtext.sections import END_LABEL
from netraven_core.models import ConnectionTarget, Credential, Device
from netraven_core.plugins import Registry
from netraven_core.simulator import SimulatorThread
from netraven_plugins.drivers import ssh

pytestmark = pytest.mark.integration

REGISTRY = Registry()
CATALOGUE = REGISTRY.platforms
PROFILES = REGISTRY.simulator_profiles
CRED = Credential("sim", "admin", password="sim-password", enable_secret="sim-enable")
SECTION_PLATFORMS = tuple(name for name, p in CATALOGUE.items() if p.sections and name in PROFILES)

# What each platform's sections say about the simulated device, in the vendor's words:
# (model, software version).  A platform that gains sections needs a line here.
FACTS: dict[str, tuple[str, str]] = {
    "cisco_ios": ("WS-C2960X-48FPD-L", "15.2(7)E8"),
    "cisco_xe": ("C9300-48P", "17.09.04a"),
    "cisco_nxos": ("C93180YC-FX", "10.2(5)"),
    "cisco_xr": ("ASR-9006-AC-V2", "7.5.2"),
    "cisco_asa": ("FPR-1120", "9.16(4)"),
    "cisco_ftd": ("FPR-2130", "7.2.5"),
    "cisco_fxos": ("FPR-2130", "2.12(0.498)"),
    "cisco_aireos": ("AIR-CT5520-K9", "8.10.185.0"),
    "cisco_wlc9800": ("C9800-40-K9", "17.09.05"),
    "cisco_sb": ("CBS350-24P-4G", "3.3.0.16"),
    "cisco_viptela": ("vEdge-1000", "20.9.4"),
    "arista_eos": ("DCS-7050SX3-48YC8", "4.31.2F"),
    "juniper_junos": ("mx204", "22.4R3-S2.11"),
    "juniper_screenos": ("SSG5-Serial", "6.3.0r27.0"),
    "hp_procurve": ("J9729A", "WB.16.10.0009"),
    "aruba_aoscx": ("JL658A", "FL.10.10.1030"),
    "hp_comware": ("JG932A", "Release 3507P10"),
    "aruba_os": ("Aruba7030", "8.10.0.7"),
    "aruba_instant": ("MODEL: 515", "8.10.0.7"),
    "fortinet": ("FortiGate-VM64", "v7.2.8"),
    "paloalto_panos": ("PA-3220", "10.2.9-h1"),
    "mikrotik_routeros": ("C53UiG+5HPaxD2HPaxD", "7.16.1"),
    "linux": ("PowerEdge R650", "6.1.0-28-amd64"),
    "bsd": ("SYS-E300-9A-4C", "OpenBSD 7.6"),
    "dell_os6": ("N3048EP-ON", "6.6.3.12"),
    "dell_os9": ("S4048-ON", "9.14(2.16)"),
    "dell_os10": ("S5248F-ON", "10.5.6.2"),
    "dell_powerconnect": ("PowerConnect 6248P", "3.3.18.1"),
    "extreme_exos": ("X460G2-24t-10G4", "31.7.1.4"),
    "extreme_voss": ("VSP-4900-48P", "8.10.1.0"),
    "extreme_slx": ("SLX9250-32C", "20.5.2a"),
    "extreme_ers": ("4850GTS-PWR+", "v5.12.2.002"),
    "ruckus_fastiron": ("ICX7150-48P-4X1G", "08.0.95pT213"),
    "nokia_sros": ("7750 SR-1", "B-22.10.R4"),
    "nokia_sros_mdcli": ("7750 SR-1", "B-22.10.R4"),
    "nokia_srlinux": ("7220 IXR-D2L", "v24.10.1"),
    "cumulus_nvue": ("MSN2010", "Cumulus Linux 5.9.0"),
    "sonic": ("Force10-S6000", "SONiC.202311.1"),
    "vyos": ("Standard PC (Q35 + ICH9, 2009)", "VyOS 1.4.0"),
    "ubiquiti_edgeos": ("EdgeRouter 4", "v2.0.9-hotfix.7"),
    "ubiquiti_edgeswitch": ("EdgeSwitch 24-Port 250W", "1.9.3.5089835"),
    "checkpoint_gaia": ("Check Point 6600", "R81.20"),
    "f5_tmsh": ("BIG-IP i5800", "17.1.1.3"),
    "citrix_adc": ("NSMPX-8900", "NS13.1: Build 51.15"),
    "sonicwall_sonicos": ("TZ 370", "SonicOS 7.0.1-5145"),
    "huawei_vrp": ("S5720-28X-SI-AC", "V200R021C10SPC600"),
    "huawei_usg": ("USG6555E", "V600R007C20SPC600"),
    "alliedtelesis_awplus": ("x530L-28GPX", "5.5.3"),
    "alcatel_aos": ("OS6860E-P24", "8.9.221.R03"),
    "zyxel_os": ("XGS2210-28", "V4.80(AAZI.7)"),
    "netgear_prosafe": ("M4300-52G", "12.0.9.3"),
    "tplink_jetstream": ("T2600G-28TS", "3.0.0 Build 20240412"),
    "fs_fsos": ("S3900-24T4S", "2.5.0F"),
    "ciena_saos": ("170-5160-900", "saos-06-20-01-0123"),
    "adtran_aos": ("NetVanta 3448", "R13.12.0.E"),
    "mellanox_onyx": ("MSN2410-CB2F", "3.10.4006"),
    "edgecore": ("ECS4120-28Fv2-I", "1.2.3.4"),
}
# Platforms whose section commands cannot show a serial number, and why.
NO_SERIAL = {"linux": "/sys/class/dmi/id/product_serial is readable by root only"}
# An uptime in any vendor's words: "uptime is", "Up Time", "UpTime", "SysUpTime", "up 41 days",
# ScreenOS "Up 3360 hours", TP-Link "Running Time".
UPTIME = re.compile(r"(?i)up\s?time|\bup \d+ (?:years?|weeks?|days?|hours?)\b|\brunning time\b")
UPTIME_FIELDS = ("{uptime", "{up_")
# Fields that change within the minute or so between two fetches (an uptime in days and hours,
# as the ASA and FTD print it, does not).
MOVING_FIELDS = ("{uptime}", "{uptime_dhms}", "{uptime_compact}", "{uptime_seconds}", "{up_minutes}",
                 "{up_mm}", "{up_seconds}", "{up_ss}")


def _section_replies(name: str) -> str:
    platform, profile = CATALOGUE[name], PROFILES[name]
    return " ".join(reply for pattern, reply in profile.reply_patterns
                    if any(re.fullmatch(pattern, s.command) for s in platform.sections))


def _fetch(sim, name: str):
    dev = sim.devices[SECTION_PLATFORMS.index(name)]
    target = ConnectionTarget(Device(dev.hostname, dev.host, dev.platform, port=dev.port),
                              CATALOGUE[name], CRED, timeout=20.0)
    return asyncio.run(ssh.AsyncSSHDriver(target).fetch())


def _header(name: str, out) -> str:
    platform = CATALOGUE[name]
    text = clean(Redactor(REGISTRY.redaction_rules), out.text, platform, [], out.sections)
    head, sep, _config = text.partition(f"{platform.comment_prefix} {END_LABEL}\n")
    assert sep, text[:400]
    return head


@pytest.fixture(scope="module")
def sim(host_key_path):
    with SimulatorThread(len(SECTION_PLATFORMS), SECTION_PLATFORMS, base_port=0,
                         host_key_path=host_key_path, config_size=3000) as running:
        yield running


def test_every_section_platform_has_its_facts_listed():
    assert sorted(set(SECTION_PLATFORMS) - set(FACTS)) == []


@pytest.mark.parametrize("name", SECTION_PLATFORMS)
def test_header_has_model_serial_version_and_no_uptime(sim, name):
    hostname = sim.devices[SECTION_PLATFORMS.index(name)].hostname
    first, second = _fetch(sim, name), _fetch(sim, name)
    assert [s for s, _ in first.sections] == [s.name for s in CATALOGUE[name].sections]
    head = _header(name, first)
    model, version = FACTS[name]
    assert model in head and version in head, head
    serial = sim.facts.fields(hostname)["serial"]
    if name not in NO_SERIAL:
        assert serial in head, head
    assert [line for line in head.splitlines() if UPTIME.search(line)] == []
    # The device's uptime (and clocks) really moved on between the two fetches, and the stored
    # header is the same: the volatile lines were dropped, not frozen.
    replies = _section_replies(name)
    if any(field in replies for field in UPTIME_FIELDS):
        raw = "\n".join(text for _s, text in first.sections)
        assert any(UPTIME.search(line) for line in raw.splitlines()), "no uptime line to drop"
    if any(field in replies for field in MOVING_FIELDS):
        assert first.sections != second.sections
    assert _header(name, second) == head


@pytest.mark.parametrize("name", [n for n in SECTION_PLATFORMS if n not in NO_SERIAL])
def test_a_swapped_chassis_changes_the_header(sim, name):
    hostname = sim.devices[SECTION_PLATFORMS.index(name)].hostname
    old = sim.facts.fields(hostname)["serial"]
    before = _header(name, _fetch(sim, name))
    sim.set_facts(hostname, serial="SWAP0123456")
    try:
        after = _header(name, _fetch(sim, name))
    finally:
        sim.set_facts(hostname, serial=None)
    assert "SWAP0123456" in after and old not in after
    assert after == before.replace(old, "SWAP0123456")
