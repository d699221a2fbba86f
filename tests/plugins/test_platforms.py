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
    "dell_os6": ["console>", "console#", "n3048.lab-01(config)#", "console(config-if-Gi1/0/1)#"],
    "dell_powerconnect": ["console>", "console#", "Dell Lab Switch#", "console(config-if-1/g1)#"],
    "dell_os9": ["Dell>", "s4048-leaf-01#", "Dell(conf)#", "Dell(conf-if-te-1/49)#",
                 "Dell(conf-router_ospf-1)#"],
    "dell_os10": ["OS10# ", "leaf.dc1(config)# ", "OS10(conf-if-eth1/1/1)# ",
                  "OS10(config-router-bgp-65101)# "],
    "extreme_exos": ["X460G2-24t-10G4.1 # ", "* x460-dist.lab.12 # ", "Slot-1 Stack.3 # ",
                     "Slot-1 VPEX SW-00035-002.1 # ", "Slot-1 stack_office_x3.1 # ",
                     "sw-01.2 > "],
    "extreme_voss": ["VSP-4900-48P:1>", "VSP-4900-48P:1#", "core.lab-01:1(config)#",
                     "VSP-8284XSQ:1(config-if)#"],
    "extreme_slx": ["SLX# ", "slx.spine-01(config)# ", "SLX(conf-if-eth-0/1)# "],
    "extreme_ers": ["4850GTS-PWR+>", "ERS-4850GTS#", "ers.bldg-c(config)#", "ERS-5928(config-if)#"],
    "ruckus_fastiron": ["SSH@ICX7150-48P Router>", "SSH@icx7150-idf-12#", "SSH@switch-001/002/003#",
                        "telnet@ICX7250-24 Switch(config)#",
                        "SSH@icx.lab(config-if-e1000-1/1/1)#", "ICX7450-48 Router(config-vlan-100)#"],
    "nokia_sros": ["A:pe-fra-02# ", "*A:pe-fra-02# ", "C:pe-fra-02# ", "B:pe.fra-02>config>router>ospf# ",
                   "*A:Dut-A>config>service>vprn$ "],
    "nokia_sros_mdcli": ["A:admin@pe-fra-03# ", "*B:admin@pe.fra-03# ", "!A:netops@pe-fra-03# "],
    "nokia_srlinux": ["A:leaf-ams-01# ", "B:spine.ams-01# ", "A:admin@leaf-ams-01# "],
    "cumulus_nvue": ["cumulus@leaf01:mgmt:~$ ", "cumulus@leaf-01.dc1:~$ ", "root@leaf01:mgmt:~# "],
    "sonic": ["admin@sonic:~$ ", "admin@sonic-leaf-01.dc1:~$ ", "root@sonic:/home/admin# "],
    "vyos": ["vyos@vyos:~$ ", "vyos@edge-01.example.net# ", "vyos@vyos:/config$ "],
    "ubiquiti_edgeos": ["ubnt@ubnt:~$ ", "ubnt@er-4.branch# "],
    "ubiquiti_edgeswitch": ["(UBNT EdgeSwitch) >", "(UBNT EdgeSwitch) #", "(es-24.closet-2) #",
                            "(UBNT EdgeSwitch) (Config)#", "(UBNT EdgeSwitch) (Interface 0/1)#"],
    "checkpoint_gaia": ["gw-5d6f0c> ", "cp-gw-01.example.net> ", "vsx-gw:2> ", "[Expert@cp-gw-01:0]# "],
    "f5_tmsh": ["admin@(bigip1)(cfg-sync In Sync)(Active)(/Common)(tmos)# ",
                "admin@(bigip-01.example.net)(cfg-sync Standalone)(Standby)(/Common)(tmos)# ",
                "admin@(lb2)(cfg-sync Changes Pending)(ForcedOffline)(/Common)(tmos.ltm)# ",
                "[admin@bigip1:Active:In Sync] ~ # ", "[root@lb2:Standby:Disconnected] config # "],
    "citrix_adc": ["> ", "nsroot@adc-01-Primary> ", "nsroot@adc.example.net-Secondary> "],
    "sonicwall_sonicos": ["admin@2CB8ED694A04> ", "admin@TZ370-branch> ", "config(2CB8ED694A04)# ",
                          "(add-interface[X2])# "],
    "watchguard_fireware": ["WG#", "WG>", "WG(config)#", "[FAULT]WG<managed-by-wsm><master>#",
                            "WG<non-master>>"],
    "pfsense": ["[2.7.2-RELEASE][backup@fw01.example.net]/home/backup: ", "$ ",
                "[23.09.1-RELEASE][admin@pfSense.home.arpa]/root: "],
    "opnsense": ["root@OPNsense:~ # ", "backup@opn-fw-01.example.net:~ $ ", "$ "],
    "cisco_ftd": ["> ", "firepower# ", "ftd-01>"],
    "cisco_fxos": ["firepower# ", "FPR4K-1-A /system # ", "FPR4K-1-A /security/local-user* # ",
                   "firepower(local-mgmt)# "],
    "cisco_aireos": ["(Cisco Controller) >", "(WLC-01.dc) >", "(WLC-01) config>", "(WLC 01) config wlan>"],
    "cisco_wlc9800": ["c9800-01#", "c9800-01(config-wlan)#", "WLC>"],
    "cisco_sb": ["switch0a1b2c#", "SG350-28P>", "sg350.access-01(config-if)#"],
    "cisco_viptela": ["vedge# ", "vsmart-01(config)# ", "vedge1(config-interface-ge0/0)# "],
    "juniper_screenos": ["ssg5-serial-> ", "fw01(M)->", "fw.dc-01(B)-> "],
    "hp_comware": ["<HPE>", "[HPE]", "[sw-core.01-GigabitEthernet1/0/1]", "RBM_P<H3C>"],
    "huawei_vrp": ["<HUAWEI>", "[~HUAWEI]", "[*sw-01.dc-Vlanif10]", "<hw-s5720.dc1>"],
    "huawei_usg": ["HRP_M<USG6000>", "HRP_S[usg-edge-01]", "<USG6000>"],
    "aruba_os": ["(Aruba7030) >", "(Aruba7030) #", "(aruba-mc.01) [mynode] (config) #",
                 "(MD-01) *[mm/site1] #"],
    "aruba_instant": ["20:4c:03:0a:1b:2c# ", "iap-lobby.01# ", "iap-lobby (config) # "],
    "alliedtelesis_awplus": ["awplus>", "awplus#", "x530-core.01(config-if)#"],
    "alcatel_aos": ["->", "-> ", "os6860-dist-01-> ", "OS6900 ->"],
    "zyxel_os": ["XGS2210-28# ", "acc-sw.2(config)# ", "GS1920(config-vlan)# "],
    "netgear_prosafe": ["(M4300-52G) >", "(M4300-52G) #", "(Netgear Switch) (Config)#",
                        "(stack-01.dc1) (Interface 1/0/1)#", "GS752TPv2>"],
    "tplink_jetstream": ["T2600G-28TS>", "T2600G-28TS#", "acc.sw-02(config-if)#"],
    "fs_fsos": ["S3900-24T4S>", "Switch#", "fs-acc.03(config)#"],
    "ciena_saos": ["saos-pop1-01> ", "saos-pop1-01*> ", "5160.lab*>"],
    "adtran_aos": ["nv3448-br-01>", "nv3448-br-01#", "ADTRAN(config-giga-swx 0/1)#"],
    "mellanox_onyx": ["switch-a1b2c3 [standalone: master] > ", "sn2410-leaf-01 [standalone: master] # ",
                      "sn2410.leaf-01 [mlag-dom: standby] # ",
                      "sn2410-leaf-01 [mlag-dom: master] (config interface ethernet 1/1) # "],
    "edgecore": ["Console>", "Console#", "ecs4120-acc.04(config-if)#"],
    "bsd": ["netraven@fw1:~ $ ", "root@fw1:/etc # ", "fw1$ ", "fw1# ", "$ ", "# ", "fw1% ",
            "[netraven@fw1 ~]$ "],
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
    "dell_os6": "                    ^\n% Invalid input detected at '^' marker.",
    "dell_powerconnect": "Command not found / Incomplete command. Use ? to list commands.",
    "dell_os9": "% Error: Invalid input at \"^\" marker.",
    "dell_os10": "% Error: Unrecognized command.",
    "extreme_exos": "            ^\n%% Invalid input detected at '^' marker.",
    "extreme_voss": "% Invalid input detected at '^' marker.",
    "extreme_slx": "                ^\nsyntax error: unknown argument.",
    "extreme_ers": "% Invalid input detected at '^' marker.",
    "ruckus_fastiron": "Invalid input -> runnning-config\nType ? for a list",
    "nokia_sros": "MINOR: CLI Command not allowed for this user.",
    "nokia_sros_mdcli": "MINOR: MGMT_CORE #2201: Unknown element",
    "nokia_srlinux": "Parsing error: Unknown token 'runnning'. Options are ['#', '/', 'info']",
    "cumulus_nvue": "-bash: nv: command not found",
    "sonic": 'Error: No such command "runningconfig".',
    "vyos": "\n  Invalid command: show [configurtion]\n",
    "ubiquiti_edgeos": "  Invalid command: [shw]",
    "ubiquiti_edgeswitch": "                        ^\n% Invalid input detected at '^' marker.",
    "checkpoint_gaia": "CLINFR0329  Invalid command:'show configurtion'.",
    "f5_tmsh": 'Syntax Error: "runing-config" unknown property',
    "citrix_adc": "ERROR: No such command",
    "sonicwall_sonicos": "% Invalid command: show current-confg",
    "watchguard_fireware": "% Invalid command: export config to consle",
    "pfsense": "cat: /cf/conf/config.xml: No such file or directory",
    "opnsense": "sh: catt: not found",
    "cisco_ftd": "Syntax error: Illegal parameter",
    "cisco_fxos": "% Invalid Command at '^' marker",
    "cisco_aireos": "Incorrect usage. Use the '?' or <TAB> key to list commands.",
    "cisco_wlc9800": "% Invalid input detected at '^' marker.",
    "cisco_sb": "% Unrecognized command",
    "cisco_viptela": "-------^\nsyntax error: unknown command",
    "juniper_screenos": "          ^-----unknown keyword runnning",
    "hp_comware": "            ^\n % Unrecognized command found at '^' position.",
    "huawei_vrp": "Error: Unrecognized command found at '^' position.",
    "huawei_usg": "Error: Wrong parameter found at '^' position.",
    "aruba_os": "% Invalid input detected at '^' marker.",
    "aruba_instant": "% Parse error",
    "alliedtelesis_awplus": "% Invalid input detected at '^' marker.",
    "alcatel_aos": "                   ^\nERROR: Invalid entry: \"snapshott\"",
    "zyxel_os": "% Invalid command",
    "netgear_prosafe": "% Invalid input detected at '^' marker.",
    "tplink_jetstream": "Error: Bad command",
    "fs_fsos": "% Unrecognized command",
    "ciena_saos": "SHELL PARSER FAILURE: 'configuration shw' - Invalid input",
    "adtran_aos": "% Unrecognized command",
    "mellanox_onyx": "% Unrecognized command \"shw\".",
    "edgecore": "% Invalid input detected at '^' marker.",
    "bsd": "tail: /etc/wpa_supplicant.conf: Permission denied",
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
    if "netmiko" in p.drivers:  # a driver not listed does not support the platform
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
    needs_enable = {"cisco_ios", "cisco_xe", "cisco_asa", "arista_eos", "dell_os6",
                    "dell_powerconnect", "dell_os9", "extreme_voss", "extreme_ers", "ruckus_fastiron",
                    "ubiquiti_edgeswitch", "cisco_wlc9800", "cisco_sb", "aruba_os", "alliedtelesis_awplus",
                    "netgear_prosafe", "tplink_jetstream", "fs_fsos", "adtran_aos", "mellanox_onyx",
                    "edgecore", "bsd"}
    assert {n for n, p in CATALOGUE.items() if p.enable} == needs_enable
    assert all(isinstance(CATALOGUE[n].enable, EnableSpec) for n in needs_enable)


def test_paging_prompts_match_vendor_pagers() -> None:
    samples = {"cisco_ios": " --More-- ", "juniper_junos": "---(more 45%)---",
               "hp_procurve": "-- MORE --, next page: Space", "fortinet": "--More-- ",
               "cisco_asa": "<--- More --->", "mikrotik_routeros": "-- [Q quit|D dump|down]"}
    for name, sample in samples.items():
        assert re.search(CATALOGUE[name].paging_prompt or "(?!)", sample), name


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
