"""Compliance rules over every syntax family, on real-looking configurations."""

from __future__ import annotations

import pytest

from netraven_core.compliance import ParsedConfig, detect_syntax, episodes, evaluate, load_rules
from netraven_core.compliance.history import Episode
from netraven_core.compliance.parsing import brace_to_set, strip_header

IOS = """\
! -- version: show version --
! Cisco IOS Software, C2960X Software, Version 15.2(7)E9
! -- end of sections --
version 15.2
service password-encryption
hostname edge-sw1
!
ip http server
ip ssh version 2
ntp server 10.0.0.123
ntp server 192.0.2.99
!
interface GigabitEthernet1/0/1
 description uplink to core
 switchport mode trunk
!
interface GigabitEthernet1/0/2
 description printer
 switchport mode access
 spanning-tree portfast
!
interface Vlan1
 shutdown
!
banner motd ^C
Authorised access only. ip http server is not a command here.
^C
line con 0
 logging synchronous
line vty 0 4
 transport input ssh
line vty 5 15
 transport input telnet ssh
!
end
"""

EOS = """\
! device: leaf1 (DCS-7050SX3-48YC8, EOS-4.30.2F)
hostname leaf1
ntp authenticate
ntp server vrf MGMT 10.0.0.123 key 1
management telnet
   shutdown
management api http-commands
   no shutdown
   protocol https
interface Ethernet1
   description spine1
   mtu 9214
   no switchport
"""

HUAWEI = """\
#
sysname core-r1
#
stelnet server enable
telnet server enable
#
user-interface vty 0 4
 authentication-mode aaa
 protocol inbound all
#
return
"""

JUNOS = """\
## Last commit: 2026-11-29 09:00:00 UTC by admin
version 22.4R3-S2.11;
system {
    host-name mx1;
    services {
        ssh {
            root-login allow;
            protocol-version v2;
        }
        telnet;
    }
    ntp {
        server 10.0.0.123;
        server 198.51.100.7;
    }
}
interfaces {
    ge-0/0/0 {
        description "uplink";
        unit 0 {
            family inet {
                address 192.0.2.1/30;
            }
        }
    }
}
"""

JUNOS_SET = """\
set version 22.4R3-S2.11
set system host-name mx1
set system services ssh root-login allow
set system services ssh protocol-version v2
set system services telnet
set system ntp server 10.0.0.123
set system ntp server 198.51.100.7
set interfaces ge-0/0/0 description "uplink"
set interfaces ge-0/0/0 unit 0 family inet address 192.0.2.1/30
"""

PANOS = """\
config {
  devices {
    localhost.localdomain {
      deviceconfig {
        system {
          hostname fw1;
          ntp-servers {
            primary-ntp-server {
              ntp-server-address 10.0.0.123;
            }
          }
          service {
            disable-telnet yes;
            disable-http no;
          }
        }
      }
    }
  }
}
"""

VYOS = """\
set interfaces ethernet eth0 address '203.0.113.2/30'
set interfaces ethernet eth0 description 'WAN'
set interfaces ethernet eth1 address '192.168.10.2/24'
set interfaces ethernet eth1 description 'LAN'
set interfaces ethernet eth1 firewall in name 'LAN-IN'
set service ssh port '22'
set system ntp server 0.pool.ntp.org
"""

FORTIOS = """\
#config-version=FGVM64-7.2.8-FW-build1639-240313:opmode=0:vdom=0:user=admin
config system global
    set hostname "fw2"
    set admin-telnet enable
end
config system interface
    edit "port1"
        set ip 10.1.1.1 255.255.255.0
        set allowaccess ping https ssh
    next
    edit "port2"
        set ip 10.1.2.1 255.255.255.0
        set allowaccess ping http telnet
    next
end
config system ntp
    set ntpsync enable
    config ntpserver
        edit 1
            set server "10.0.0.123"
        next
    end
end
"""

RULES = load_rules(r"""
rules:
  - {key: http-off, title: HTTP off, match: absent, pattern: '^ip http server$', platforms: [cisco_ios]}
  - {key: pw-enc, title: encrypted,
     match: present, pattern: '^service password-encryption$', platforms: [cisco_ios]}
  - key: vty-ssh
    title: vty ssh only
    platforms: [cisco_ios]
    parent: '^line vty'
    match: absent
    pattern: 'transport input .*telnet'
  - key: ntp
    title: ntp servers
    platforms: [cisco_ios]
    match: value
    pattern: '^ntp server (?:vrf \S+ )?(?P<value>\S+)'
    allowed: [10.0.0.123]
  - key: access-desc
    title: access ports have portfast
    platforms: [cisco_ios]
    parent: '^interface GigabitEthernet'
    match: present
    pattern: '^spanning-tree portfast'
  - {key: eos-telnet, title: t, platforms: [arista_eos], parent: '^management telnet$',
     match: present, pattern: '^shutdown$'}
  - {key: eos-api-https, title: t, platforms: [arista_eos], parent: '^management api http-commands$',
     match: value,
     pattern: '^protocol (\S+)', allowed: [https]}
  - {key: vrp-telnet, title: t, platforms: [huawei_vrp], match: absent, pattern: '^telnet server enable'}
  - {key: vrp-vty, title: t, platforms: [huawei_vrp], parent: '^user-interface vty', match: value,
     pattern: '^protocol inbound (\S+)', allowed: [ssh]}
  - {key: junos-telnet, title: t, platforms: [juniper_junos],
     match: absent, pattern: '^set system services telnet'}
  - {key: junos-root, title: t, platforms: [juniper_junos], parent: '^set system services ssh', match: absent,
     pattern: '^root-login allow'}
  - {key: junos-ntp, title: t, platforms: [juniper_junos],
     match: value, pattern: '^set system ntp server (\S+)',
     allowed: [10.0.0.123]}
  - {key: junos-if-desc, title: t, platforms: [juniper_junos], parent: '^set interfaces \S+', match: present,
     pattern: '^description '}
  - {key: pan-telnet, title: t, platforms: [paloalto_panos],
     match: present, pattern: 'service disable-telnet yes$'}
  - {key: pan-http, title: t, platforms: [paloalto_panos],
     match: present, pattern: 'service disable-http yes$'}
  - {key: vyos-if-fw, title: t, platforms: [vyos], parent: '^set interfaces ethernet eth\d+', match: present,
     pattern: '^firewall in '}
  - {key: vyos-ntp, title: t, platforms: [vyos], match: value, pattern: '^set system ntp server (\S+)',
     allowed: [10.0.0.123], required: true}
  - {key: fgt-telnet, title: t, platforms: [fortinet], match: absent, pattern: '^set admin-telnet enable'}
  - {key: fgt-port-access, title: t, platforms: [fortinet], parent: '^edit "port', match: absent,
     pattern: '^set allowaccess .*\b(http|telnet)\b'}
  - {key: fgt-ntp, title: t, platforms: [fortinet], parent: '^config ntpserver', match: value,
     pattern: '^set server "([^"]+)"', allowed: [10.0.0.123]}
  - {key: core-only, title: t, tags: [core], match: present, pattern: '^nothing-has-this'}
""")


def results(text: str, platform: str, tags=()) -> dict[str, tuple[bool, tuple[str, ...]]]:
    return {r.rule: (r.passed, r.findings) for r in evaluate(RULES, text, platform, tags).results}


@pytest.mark.parametrize(("text", "syntax"), [
    (IOS, "indented"), (EOS, "indented"), (HUAWEI, "indented"), (JUNOS, "brace"), (PANOS, "brace"),
    (JUNOS_SET, "set"), (VYOS, "set"), (FORTIOS, "fortios"), ("", "indented"),
])
def test_syntax_family_is_told_by_the_text(text, syntax):
    assert detect_syntax(strip_header(text)) == syntax


def test_indented_cisco_ios():
    got = results(IOS, "cisco_ios")
    assert got["http-off"] == (False, ("present: ip http server",))  # the banner's text is no command
    assert got["pw-enc"] == (True, ())
    assert got["vty-ssh"] == (False, ("present in 'line vty 5 15': transport input telnet ssh",))
    assert got["ntp"] == (False, ("value '192.0.2.99' not allowed: ntp server 192.0.2.99",))
    assert got["access-desc"] == \
        (False, ("missing in 'interface GigabitEthernet1/0/1': /^spanning-tree portfast/",))
    assert "core-only" not in got  # the device does not carry the tag
    assert results(IOS, "cisco_ios", ["core"])["core-only"][0] is False


def test_sections_header_is_not_configuration():
    assert not any("Cisco IOS Software" in s for s in ParsedConfig(IOS, "cisco_ios").statements)


def test_indented_arista_and_huawei():
    assert results(EOS, "arista_eos") == {"eos-telnet": (True, ()), "eos-api-https": (True, ())}
    got = results(HUAWEI, "huawei_vrp")
    assert got["vrp-telnet"] == (False, ("present: telnet server enable",))
    assert got["vrp-vty"] == \
        (False, ("value 'all' not allowed in 'user-interface vty 0 4': protocol inbound all",))


@pytest.mark.parametrize("text", [JUNOS, JUNOS_SET])
def test_junos_brace_and_set_forms_give_the_same_results(text):
    got = results(text, "juniper_junos")
    assert got["junos-telnet"] == (False, ("present: set system services telnet",))
    assert got["junos-root"] == (False, ("present in 'set system services ssh': root-login allow",))
    assert got["junos-ntp"][0] is False and "198.51.100.7" in got["junos-ntp"][1][0]
    assert got["junos-if-desc"] == (True, ())


def test_brace_conversion_handles_two_space_indents_and_comments():
    paths = brace_to_set(PANOS + '/* comment */\n# another\n')
    assert "set config devices localhost.localdomain deviceconfig system service disable-telnet yes" in paths
    got = results(PANOS, "paloalto_panos")
    assert got == {"pan-telnet": (True, ()), "pan-http": (False, ("missing: /service disable-http yes$/",))}
    assert brace_to_set('a {\n    b "x"; ## SECRET-DATA\n}\n') == ['set a b "x"']


def test_set_style_vyos_blocks_are_line_prefixes():
    got = results(VYOS, "vyos")
    assert got["vyos-if-fw"] == (False, ("missing in 'set interfaces ethernet eth0': /^firewall in /",))
    assert got["vyos-ntp"][0] is False


def test_fortios_config_edit_next_end():
    got = results(FORTIOS, "fortinet")
    assert got["fgt-telnet"] == (False, ("present: set admin-telnet enable",))
    assert got["fgt-port-access"] == \
        (False, ("present in 'edit \"port2\"': set allowaccess ping http telnet",))
    assert got["fgt-ntp"] == (True, ())


def test_a_value_rule_without_any_value_fails_when_required():
    rules = load_rules("- {key: n, title: t, match: value, pattern: '^ntp server (\\S+)', allowed: [a]}\n"
                       "- {key: o, title: t, match: value, pattern: '^ntp server (\\S+)', allowed: [a],"
                       " required: false}\n")
    got = {r.rule: r.passed for r in evaluate(rules, "hostname x\n", "cisco_ios").results}
    assert got == {"n": False, "o": True}


def test_a_parent_rule_with_no_block_passes():
    rules = load_rules("- {key: n, title: t, parent: '^line vty', match: present, pattern: 'x'}\n")
    assert evaluate(rules, "hostname x\n", "cisco_ios").results[0].passed


def test_no_applicable_rule_skips_parsing():
    assert evaluate(RULES, "hostname x\n", "unknown_platform").results == []


def test_episodes_over_versions():
    assert episodes([]) == []
    assert episodes([("v1", True), ("v2", False), ("v3", False), ("v4", True), ("v5", False)]) == [
        Episode("v2", "v4"), Episode("v5", None)]
    assert episodes([("v1", False)]) == [Episode("v1")]


ASA = """\
: Saved
:
: Serial Number: JAD12345678
: Hardware:   ASA5516
:
ASA Version 9.16(4)
!
hostname fw1
!
interface GigabitEthernet1/1
 nameif outside
 security-level 0
!
interface GigabitEthernet1/2
 nameif inside
 security-level 100
!
telnet 0.0.0.0 0.0.0.0 inside
ssh version 2
: end
"""

EXOS = """\
#
# Module devmgr configuration.
#
configure snmp sysName "sw1"
#
# Module vlan configuration.
#
create vlan "users"
configure vlan users tag 10
#
"""


def test_configurations_with_repeated_lines_in_a_section():
    # Repeated ":" and "!" lines in one section (hier-config refused these with DuplicateChildError).
    rules = load_rules("""\
rules:
  - {key: no-telnet, title: t, match: absent, pattern: '^telnet '}
  - {key: nameif, title: n, parent: '^interface ', match: present, pattern: '^nameif '}
  - {key: level, title: l, parent: '^interface ', match: value, pattern: '^security-level (\\d+)',
     allowed: ['100']}
  - {key: sysname, title: s, match: present, pattern: '^configure snmp sysName'}
""")
    asa = {r.rule: r for r in evaluate(rules, ASA, "cisco_asa").results}
    assert asa["no-telnet"].passed is False and asa["no-telnet"].findings == (
        "present: telnet 0.0.0.0 0.0.0.0 inside",)
    assert asa["nameif"].passed is True
    assert asa["level"].passed is False
    assert asa["level"].findings == (
        "value '0' not allowed in 'interface GigabitEthernet1/1': security-level 0",)
    exos = {r.rule: r for r in evaluate(rules, EXOS, "extreme_exos").results}
    assert exos["sysname"].passed is True and exos["no-telnet"].passed is True


def test_every_simulated_platform_parses():
    from netraven_core.plugins import Registry
    from netraven_core.simulator.configgen import generate

    registry = Registry()
    rules = load_rules("rules:\n  - {key: h, title: h, match: present, pattern: 'host'}\n"
                       "  - {key: b, title: b, parent: '^interface', match: absent, pattern: '^shutdown'}\n")
    for name in sorted(n for n in registry.platforms if n in registry.simulator_profiles):
        evaluation = evaluate(rules, generate(name, "sw-1", size=6000).text, name)
        assert evaluation.syntax and len(evaluation.results) == 2, name


@pytest.mark.parametrize("pattern", [
    r"^interface ", r"^ip http (secure-)?server$", r"transport input .*telnet", r"^ntp server (\S+)",
    r"(?i)^HOSTNAME", r"^a?ip", r"description|shutdown", r"(?x)^ ip \  route", r"vlan \d+", r"^end$",
    r"^hostname", r"^(ntp|logging) ", r"^(ip|ipv6) (route|domain)", r"^ (description|ip address)",
])
def test_prefiltered_matching_equals_searching_every_statement(pattern):
    import re

    from netraven_core.compliance.prefilter import prefilter
    from netraven_core.simulator.configgen import generate

    rx = re.compile(pattern)
    for platform in ("cisco_ios", "arista_eos", "juniper_junos", "vyos", "fortinet"):
        parsed = ParsedConfig(generate(platform, "sw-1", size=8000).text + "\nip route 0.0.0.0 0.0.0.0 x\n",
                              platform)
        plain = [(i, m.group(0)) for i, s in enumerate(parsed.statements) if (m := rx.search(s))]
        fast = [(i, m.group(0)) for i, m in parsed.matches(rx, prefilter(pattern))]
        assert fast == plain, (platform, pattern)


def test_prefilter_only_for_a_leading_case_sensitive_literal():
    from netraven_core.compliance.prefilter import Prefilter, prefilter

    assert prefilter(r"^ntp server \S+") == Prefilter(("ntp server ",), True)
    assert prefilter(r"transport input .*telnet") == Prefilter(("transport input ",), False)
    assert prefilter(r"^(logging|syslog) host") == Prefilter(("logging", "syslog"), True)
    assert prefilter(r"(?i)^ntp") is None and prefilter(r"a|b") is None and prefilter(r"^a?bc") is None
    assert prefilter(r"^(a|syslog)") is None  # a one-character literal finds too much to help


def test_banners_are_one_statement():
    parsed = ParsedConfig("hostname a\nbanner login\nip http server\nEOF\nbanner motd #one line#\n"
                          "banner exec ^C\nline\n^C\nip ssh version 2\n", "arista_eos")
    assert parsed.statements == ("hostname a", "banner login ip http server EOF", "banner motd #one line#",
                                 "banner exec ^C line ^C", "ip ssh version 2")


@pytest.mark.parametrize(("parent", "pattern"), [
    (r"^interface ", r"^description "), (r"^interface ", r"shutdown"), (r"^line ", r"^transport input"),
    (r"^router ", r"^(network|neighbor) "), (r"^interface", r"(?i)^IP ADDRESS"),
])
def test_block_matching_by_range_equals_searching_the_children(parent, pattern):
    import re

    from netraven_core.compliance.prefilter import prefilter
    from netraven_core.simulator.configgen import generate

    rx, parent_rx = re.compile(pattern), re.compile(parent)
    for platform in ("cisco_ios", "arista_eos", "cisco_xr", "huawei_vrp", "hp_procurve"):
        parsed = ParsedConfig(generate(platform, "sw-2", size=12000).text, platform)
        for block in parsed.blocks(parent_rx, prefilter(parent)):
            plain = [s for s in block.children if rx.search(s)]
            fast = [parsed.statements[i] for i, _m in parsed.matches(rx, prefilter(pattern), *block.span)]
            assert fast == plain, (platform, block.line)
