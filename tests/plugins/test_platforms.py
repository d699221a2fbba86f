"""The platform catalogue: complete, consistent, usable by the drivers, and open to plugins."""

from __future__ import annotations

import re

import pytest

from netraven_core.hookspecs import hookimpl
from netraven_core.models import EnableSpec, Platform
from netraven_core.plugins import Registry, get_plugin_manager
from netraven_plugins.platforms import builtin_platforms

from ..support.redaction_cases import PLATFORMS, fixture_text

CATALOGUE = {p.name: p for p in builtin_platforms()}
SCRAPLI_CORE = {"cisco_iosxe", "cisco_nxos", "cisco_iosxr", "arista_eos", "juniper_junos"}

PROMPTS = {
    "cisco_ios": ["sw-access-01>", "sw-access-01#", "sw-access-01(config-if)#"],
    "cisco_xe": ["c9300-dist-01#", "c9300-dist-01(config)#"],
    "cisco_nxos": ["nx-leaf-01# ", "nx-leaf-01(config)# "],
    "cisco_xr": ["RP/0/RSP0/CPU0:xr-pe-01#", "RP/0/RP0/CPU0:xr-pe-01(config)#"],
    "cisco_asa": ["asa-edge-01>", "asa-edge-01#", "asa-edge-01/admin#"],
    "arista_eos": ["leaf-eos-01>", "leaf-eos-01#", "leaf-eos-01(config)#"],
    "juniper_junos": ["netadmin@mx-edge-01> ", "netadmin@mx-edge-01# "],
    "hp_procurve": ["HP-2920-24G# ", "HP-2920-24G(config)# "],
    "aruba_aoscx": ["cx-access-01# ", "cx-access-01(config)# "],
    "fortinet": ["fgt-branch-01 # ", "fgt-branch-01 (global) # ", "fgt-branch-01 $ "],
    "paloalto_panos": ["admin@pa-fw-01> ", "admin@pa-fw-01# ", "admin@PA-3220(active)> "],
    "mikrotik_routeros": ["[admin@mt-branch-01] > ", "[admin@mt-branch-01] /ip address> "],
    "linux": ["netraven@host1:~$ ", "root@host1:/etc# ", "[netraven@host1 ~]$ "],
}

ERRORS = {
    "cisco_ios": "show runnning-config\n              ^\n% Invalid input detected at '^' marker.",
    "cisco_xe": "% Incomplete command.",
    "cisco_nxos": "% Invalid command at '^' marker.",
    "cisco_xr": "% Invalid input detected at '^' marker.",
    "cisco_asa": "ERROR: % Invalid input detected at '^' marker.",
    "arista_eos": "% Invalid input (at token 1: 'runnning-config')",
    "juniper_junos": "                 ^\nsyntax error, expecting <command>.",
    "hp_procurve": "Invalid input: runnning-config",
    "aruba_aoscx": "% Unknown command.",
    "fortinet": "Command fail. Return code -61",
    "paloalto_panos": "Invalid syntax.",
    "mikrotik_routeros": "bad command name exprt (line 1 column 2)",
    "linux": "cat: /etc/network/interfaces: No such file or directory",
}


def test_catalogue_has_every_required_platform() -> None:
    assert set(PLATFORMS) <= set(CATALOGUE)
    assert len(builtin_platforms()) == len(CATALOGUE), "names are unique"


def test_registry_serves_the_catalogue() -> None:
    registry = Registry()
    assert set(PLATFORMS) <= set(registry.platforms)
    assert registry.platform("cisco_ios") == CATALOGUE["cisco_ios"]


@pytest.mark.parametrize("name", PLATFORMS)
def test_fields_are_sane(name: str) -> None:
    p = CATALOGUE[name]
    assert p.name == name and p.vendor and p.description
    assert p.backup_commands and all(c.strip() for c in p.backup_commands)
    assert p.default_driver == "ssh" and isinstance(p.drivers["ssh"], dict)
    assert p.comment_prefix
    for pattern in (p.prompt_pattern, p.paging_prompt, p.completeness_pattern,
                    *p.volatile_patterns, *p.error_patterns):
        if pattern is not None:
            re.compile(pattern, re.MULTILINE)
    if p.enable is not None:
        re.compile(p.enable.password_prompt)
        re.compile(p.enable.privileged_prompt)


@pytest.mark.parametrize("name", PLATFORMS)
def test_driver_options_name_real_driver_platforms(name: str) -> None:
    from netmiko.ssh_dispatcher import CLASS_MAPPER

    p = CATALOGUE[name]
    assert set(p.drivers) <= {"ssh", "netmiko", "scrapli"}
    assert p.drivers["netmiko"]["device_type"] in CLASS_MAPPER
    if "scrapli" in p.drivers:
        assert p.drivers["scrapli"]["platform"] in SCRAPLI_CORE


def test_scrapli_platforms_exist_in_scrapli() -> None:
    from scrapli.driver.core import (
        AsyncEOSDriver,
        AsyncIOSXEDriver,
        AsyncIOSXRDriver,
        AsyncJunosDriver,
        AsyncNXOSDriver,
    )

    assert all((AsyncEOSDriver, AsyncIOSXEDriver, AsyncIOSXRDriver, AsyncJunosDriver, AsyncNXOSDriver))
    used = {p.drivers["scrapli"]["platform"] for p in builtin_platforms() if "scrapli" in p.drivers}
    assert used == SCRAPLI_CORE


@pytest.mark.parametrize("name", PLATFORMS)
def test_prompt_pattern_matches_real_prompts_at_the_end_only(name: str) -> None:
    pattern = re.compile(CATALOGUE[name].prompt_pattern)
    for prompt in PROMPTS[name]:
        assert pattern.search("some output line\n" + prompt), prompt
    # configuration text itself does not end in a prompt
    for line in ("interface GigabitEthernet0/1", " description uplink", "    set vdom \"root\"",
                 "end", "}", "add name=bridge"):
        assert not pattern.search("output\n" + line + "\n"), line


@pytest.mark.parametrize("name", PLATFORMS)
def test_error_patterns_recognise_vendor_errors_not_configs(name: str) -> None:
    p = CATALOGUE[name]
    assert any(re.search(e, ERRORS[name], re.MULTILINE) for e in p.error_patterns)
    config = fixture_text(name)
    assert not any(re.search(e, config, re.MULTILINE) for e in p.error_patterns)


@pytest.mark.parametrize("name", PLATFORMS)
def test_completeness_pattern_accepts_fixture_and_rejects_truncation(name: str) -> None:
    p = CATALOGUE[name]
    text = fixture_text(name)
    if p.completeness_pattern is None:
        return
    assert re.search(p.completeness_pattern, text, re.MULTILINE)
    head = "\n".join(text.splitlines()[:5]) + "\n"
    assert not re.search(p.completeness_pattern, head, re.MULTILINE)


def test_enable_where_the_platform_has_privileged_mode() -> None:
    needs_enable = {"cisco_ios", "cisco_xe", "cisco_asa", "arista_eos"}
    assert {n for n, p in CATALOGUE.items() if p.enable} == needs_enable
    assert all(isinstance(CATALOGUE[n].enable, EnableSpec) for n in needs_enable)


def test_paging_prompts_match_vendor_pagers() -> None:
    samples = {"cisco_ios": " --More-- ", "juniper_junos": "---(more 45%)---",
               "hp_procurve": "-- MORE --, next page: Space", "fortinet": "--More-- ",
               "cisco_asa": "<--- More --->", "mikrotik_routeros": "-- [Q quit|D dump|down]"}
    for name, sample in samples.items():
        assert re.search(CATALOGUE[name].paging_prompt or "(?!)", sample), name


def test_backup_commands_documented() -> None:
    from pathlib import Path

    doc = (Path(__file__).parents[2] / "docs" / "platforms.md").read_text()
    for p in builtin_platforms():
        assert f"`{p.name}`" in doc
        for command in p.backup_commands:
            assert f"`{command}`" in doc


class _ThirdParty:
    """A plugin adding a platform and replacing a built-in one."""

    NEW = Platform(
        name="ubiquiti_edgeswitch", vendor="Ubiquiti", description="EdgeSwitch",
        drivers={"ssh": {}, "netmiko": {"device_type": "ubiquiti_edgeswitch"}}, default_driver="ssh",
        prompt_pattern=r"\([\w.\-]+\) ?[>#]\s*$", backup_commands=("show running-config",),
        enable=EnableSpec(), volatile_patterns=(r"^!System Up Time",),
    )
    OVERRIDE = Platform(
        name="cisco_ios", vendor="Cisco", description="IOS with startup-config backups",
        drivers={"ssh": {}}, default_driver="ssh", prompt_pattern=r"[>#]\s*$",
        backup_commands=("show startup-config",),
    )

    @hookimpl
    def netraven_platforms(self) -> list[Platform]:
        return [self.NEW, self.OVERRIDE]


def test_plugin_adds_a_platform_and_overrides_a_builtin() -> None:
    registry = Registry(get_plugin_manager(extra_plugins=[_ThirdParty()]))
    assert registry.platform("ubiquiti_edgeswitch") is _ThirdParty.NEW
    assert registry.platform("cisco_ios").backup_commands == ("show startup-config",)
    assert registry.platform("cisco_xe") == CATALOGUE["cisco_xe"]  # the others stay


def test_default_registry_is_not_affected_by_a_plugin_elsewhere() -> None:
    Registry(get_plugin_manager(extra_plugins=[_ThirdParty()]))
    assert Registry().platform("cisco_ios").backup_commands == ("show running-config",)
