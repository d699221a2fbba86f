"""Arista EOS, Juniper Junos, HP ProCurve and Aruba AOS-CX configurations."""

from __future__ import annotations

import random

from netraven_core.simulator.configgen import DESCRIPTIONS, SecretBox, fill, ip


def eos(hostname: str, rng: random.Random, s: SecretBox, size: int) -> str:
    head = [
        "! Command: show running-config", f"! device: {hostname} (DCS-7050SX3-48YC8, EOS-4.31.2F)",
        "!", "! boot system flash:/EOS-4.31.2F.swi", "!", "no aaa root", "!",
        f"enable password sha512 {s.sha512crypt()}", "!",
        f"username admin privilege 15 role network-admin secret sha512 {s.sha512crypt()}",
        f"username netops privilege 15 role network-admin secret 5 {s.md5crypt()}",
        f"username backup privilege 1 role network-operator secret 0 {s.plain(12)}", "!",
        "transceiver qsfp default-mode 4x10G", "!", "service routing protocols model multi-agent", "!",
        f"hostname {hostname}", "ip name-server vrf MGMT 10.0.0.53", "dns domain example.net", "!",
        f"snmp-server community {s.plain(12)} ro",
        f"snmp-server user mon MONGRP v3 localized 0x{rng.getrandbits(160):040x} auth sha "
        f"{s.hex(40)} priv aes {s.hex(32)}",
        f"tacacs-server host 10.0.0.10 vrf MGMT key 7 {s.type7()}",
        f"radius-server host 10.0.0.11 vrf MGMT key 7 {s.type7()}",
        "aaa group server tacacs+ TACACS", "   server 10.0.0.10 vrf MGMT", "!",
        "aaa authentication login default group TACACS local", "!",
        f"ntp authentication-key 1 md5 7 {s.type7()}", "ntp trusted-key 1", "ntp authenticate",
        "ntp server vrf MGMT 10.0.0.123 key 1", "!", "spanning-tree mode mstp", "!",
        "vlan 10", "   name SERVERS", "!", "vlan 20", "   name VOICE", "!", "vrf instance MGMT", "!",
    ]

    def section(i: int) -> list[str]:
        lines = [f"interface Ethernet{i + 1}", f"   description {DESCRIPTIONS[i % len(DESCRIPTIONS)]}"]
        if i % 4 == 3:
            lines += ["   no switchport", f"   ip address {ip(i)}/24",
                "   ip ospf authentication message-digest",
                      f"   ip ospf message-digest-key 1 md5 7 {s.type7()}",
                      "   vrrp 1 ipv4 " + ip(i)[:-1] + "254",
                      f"   vrrp 1 session description {hostname}-vrrp",
                      f"   vrrp 1 authentication ietf-md5 key-string 7 {s.type7()}"]
        else:
            lines += [f"   switchport access vlan {10 + 10 * (i % 2)}", "   spanning-tree portfast"]
        return [*lines, "!"]

    tail = [
        "interface Management1", "   vrf MGMT", "   ip address 192.168.100.10/24", "!",
        "ip routing", "no ip routing vrf MGMT", "!",
        "router bgp 65001", "   router-id 192.168.1.1", "   neighbor 192.0.2.1 remote-as 65002",
        f"   neighbor 192.0.2.1 password 7 {s.b64(24)}", "!",
        "router ospf 1", "   router-id 192.168.1.1", "   max-lsa 12000", "!",
        "management api http-commands", "   no shutdown", "   vrf MGMT", "      no shutdown", "!",
        "management ssh", "   idle-timeout 60", "!", "end",
    ]
    return fill(head, section, tail, size)


def junos(hostname: str, rng: random.Random, s: SecretBox, size: int) -> str:
    head = [
        "## Last commit: 2026-11-29 09:00:00 UTC by admin", "version 22.4R3-S2.11;", "system {",
        f"    host-name {hostname};", "    root-authentication {",
        f"        encrypted-password \"{s.sha512crypt()}\"; ## SECRET-DATA", "    }",
        "    login {", "        class ops {", "            permissions [ view view-configuration ];",
        "        }", "        user admin {", "            uid 2000;", "            class super-user;",
        "            authentication {",
        f"                encrypted-password \"{s.sha512crypt()}\"; ## SECRET-DATA", "            }",
        "        }", "        user backup {", "            uid 2001;", "            class ops;",
        "            authentication {",
        f"                encrypted-password \"{s.md5crypt()}\"; ## SECRET-DATA", "            }",
        "        }",
        "    }", "    services {", "        ssh {", "            protocol-version v2;", "        }",
        "        netconf {", "            ssh;", "        }", "    }",
        "    tacplus-server {", "        10.0.0.10 {", f"            secret \"{s.junos9()}\"; ## SECRET-DATA",
        "        }", "    }", "    radius-server {", "        10.0.0.11 {",
        f"            secret \"{s.junos9()}\"; ## SECRET-DATA", "        }", "    }",
        "    ntp {", "        authentication-key 1 type md5 value \"" + s.junos9() + "\"; ## SECRET-DATA",
        "        server 10.0.0.123 key 1;", "        trusted-key 1;", "    }", "}",
        "snmp {", "    community " + s.plain(12) + " {", "        authorization read-only;", "    }",
        "    v3 {", "        usm {", "            local-engine {", "                user mon {",
        "                    authentication-sha {",
        f"                        authentication-key \"{s.junos9()}\"; ## SECRET-DATA",
        "                    }", "                    privacy-aes128 {",
        f"                        privacy-key \"{s.junos9()}\"; ## SECRET-DATA",
        "                    }", "                }", "            }", "        }", "    }", "}",
        "interfaces {",
    ]

    def section(i: int) -> list[str]:
        return [f"    ge-0/0/{i} {{", f"        description \"{DESCRIPTIONS[i % len(DESCRIPTIONS)]}\";",
                "        unit 0 {", "            family inet {", f"                address {ip(i)}/24;",
                "            }", "        }", "    }"]

    tail = [
        "}", "protocols {", "    ospf {", "        area 0.0.0.0 {", "            interface ge-0/0/0.0 {",
        "                authentication {",
        "                    md5 1 key \"" + s.junos9() + "\"; ## SECRET-DATA",
        "                }", "            }", "        }", "    }", "    isis {", "        level 2 {",
        f"            authentication-key \"{s.junos9()}\"; ## SECRET-DATA",
        "            authentication-type md5;",
        "        }", "    }", "    bgp {", "        group EBGP {", "            type external;",
        "            peer-as 65002;", f"            authentication-key \"{s.junos9()}\"; ## SECRET-DATA",
        "            neighbor 192.0.2.1;", "        }", "    }", "}",
        "security {", "    ike {", "        policy IKE-POL {", "            mode main;",
        f"            pre-shared-key ascii-text \"{s.junos9()}\"; ## SECRET-DATA", "        }", "    }", "}",
    ]
    return fill(head, section, tail, size)


def procurve(hostname: str, rng: random.Random, s: SecretBox, size: int) -> str:
    head = [
        "Running configuration:", "", "; J9729A Configuration Editor; Created on release #WB.16.10.0009",
        "; Ver #14:01.4f.f8.1d.9b.3f.bf.bb.ef.7c.59.fc.6b.fb.9f.fc.ff.ff.37.ef:50", "",
        f"hostname \"{hostname}\"", "module 1 type j9729a", "timesync ntp",
        "ntp unicast", "ntp server 10.0.0.123 iburst",
        f"ntp authentication key-id 1 authentication-mode md5 key-value {s.plain(12)}",
        f"snmp-server community \"{s.plain(12)}\" operator",
        f"snmp-server community \"{s.plain(12)}\" manager unrestricted",
        f"snmpv3 user \"mon\" auth sha \"{s.plain(14)}\" priv aes \"{s.plain(14)}\"",
        f"radius-server host 10.0.0.11 key \"{s.plain(16)}\"",
        f"tacacs-server host 10.0.0.10 key \"{s.plain(16)}\"",
        "aaa authentication ssh login tacacs local", "ip default-gateway 10.0.0.1",
        "oobm", "   ip address dhcp-bootp", "   exit",
    ]

    def section(i: int) -> list[str]:
        vid = 10 * (i + 1)
        return [f"vlan {vid}", f"   name \"VLAN{vid}\"", f"   untagged {i + 1}", "   tagged 49-52",
                f"   ip address {ip(i)} 255.255.255.0", "   exit",
                f"interface {i + 1}", f"   name \"{DESCRIPTIONS[i % len(DESCRIPTIONS)]}\"", "   exit"]

    tail = [
        "spanning-tree", "no tftp server",
        f"password manager user-name \"admin\" sha1 \"{s.hex(40)}\"",
        f"password operator user-name \"operator\" sha1 \"{s.hex(40)}\"",
    ]
    return fill(head, section, tail, size)


def aoscx(hostname: str, rng: random.Random, s: SecretBox, size: int) -> str:
    head = [
        "Current configuration:", "!", "!Version ArubaOS-CX FL.10.10.1030", "!export-password: default",
        f"hostname {hostname}",
        f"user admin group administrators password ciphertext {s.b64(96)}",
        f"user netops group operators password ciphertext {s.b64(96)}",
        f"radius-server host 10.0.0.11 key ciphertext {s.b64(64)} vrf mgmt",
        f"tacacs-server host 10.0.0.10 key ciphertext {s.b64(64)} vrf mgmt",
        "aaa authentication login ssh group tacacs local",
        f"ntp authentication-key 1 md5 ciphertext {s.b64(44)}", "ntp server 10.0.0.123 key 1 iburst",
        "ntp enable", f"snmp-server community {s.plain(12)}",
        f"snmpv3 user mon auth sha auth-pass ciphertext {s.b64(44)} "
        f"priv aes priv-pass ciphertext {s.b64(44)}",
        "ssh server vrf mgmt", "vlan 1", "vlan 10", "    name SERVERS", "vlan 20", "    name VOICE",
        "spanning-tree",
    ]

    def section(i: int) -> list[str]:
        lines = [f"interface 1/1/{i + 1}", "    no shutdown",
                 f"    description {DESCRIPTIONS[i % len(DESCRIPTIONS)]}"]
        if i % 4 == 3:
            lines += ["    routing", f"    ip address {ip(i)}/24", "    ip ospf 1 area 0.0.0.0",
                      f"    ip ospf authentication-key ciphertext {s.b64(44)}"]
        else:
            lines += ["    no routing", f"    vlan access {10 + 10 * (i % 2)}"]
        return lines

    tail = [
        "interface mgmt", "    no shutdown", "    ip static 192.168.100.10/24", "router ospf 1",
        "    router-id 192.168.1.1", "    area 0.0.0.0", "router bgp 65001", "    bgp router-id 192.168.1.1",
        "    neighbor 192.0.2.1 remote-as 65002",
        f"    neighbor 192.0.2.1 password ciphertext {s.b64(44)}", "https-server vrf mgmt",
    ]
    return fill(head, section, tail, size)
