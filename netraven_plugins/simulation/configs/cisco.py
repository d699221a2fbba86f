"""Cisco IOS, IOS-XE, NX-OS, IOS-XR and ASA configurations."""

from __future__ import annotations

import random

from netraven_core.simulator.configgen import DESCRIPTIONS, SecretBox, fill, ip

STAMP = "09:00:00 UTC Sun Nov 29 2026"


def _ios_like(hostname: str, rng: random.Random, s: SecretBox, size: int, version: str,
              intf: str) -> str:
    head = [
        "Building configuration...", "", "Current configuration : 0 bytes", "!",
        f"! Last configuration change at {STAMP} by admin",
        f"! NVRAM config last updated at {STAMP} by admin", "!",
        f"version {version}", "service timestamps debug datetime msec",
        "service timestamps log datetime msec", "service password-encryption", "!",
        f"hostname {hostname}", "!", "boot-start-marker", "boot-end-marker", "!",
        f"enable secret 9 {s.type9()}", "!",
        f"username admin privilege 15 secret 9 {s.type9()}",
        f"username netops privilege 15 secret 8 {s.type8()}",
        f"username backup privilege 5 secret 5 {s.md5crypt()}",
        f"username legacy privilege 1 password 7 {s.type7()}",
        "aaa new-model", "aaa group server tacacs+ TACACS", " server name TAC1", "!",
        "aaa authentication login default group TACACS local",
        "aaa authorization exec default group TACACS local", "!",
        "ip domain name example.net", "ip name-server 10.0.0.53", "!",
        "key chain ROUTING-KEYS", " key 1", f"  key-string 7 {s.type7()}",
        "  cryptographic-algorithm hmac-sha-256", "!",
        "crypto isakmp policy 10", " encr aes 256", " authentication pre-share", " group 14",
        f"crypto isakmp key {s.plain(16)} address 203.0.113.1", "!",
        "crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac", " mode tunnel", "!",
        "spanning-tree mode rapid-pvst", "spanning-tree extend system-id", "!",
    ]
    vlans = [f"vlan {10 * (i + 1)}\n name VLAN{10 * (i + 1):04d}" for i in range(4)]
    head += [line for v in vlans for line in (*v.split("\n"), "!")]

    def section(i: int) -> list[str]:
        lines = [f"interface {intf}{i + 1}", f" description {DESCRIPTIONS[i % len(DESCRIPTIONS)]}"]
        if i % 4 == 3:
            lines += [" no switchport", f" ip address {ip(i)} 255.255.255.0",
                      f" ip ospf message-digest-key 1 md5 7 {s.type7()}",
                      f" standby 1 ip {ip(i)[:-1]}254", " standby 1 priority 110",
                      f" standby 1 authentication md5 key-string {s.plain(12)}"]
        else:
            lines += [" switchport mode access", f" switchport access vlan {10 * (i % 4 + 1)}",
                      " spanning-tree portfast", " storm-control broadcast level 1.00"]
        lines += ["!"]
        if i % 6 == 5:
            lines += [f"ip access-list extended ACL-{i:03d}"]
            lines += [f" permit tcp 10.{i % 250}.{n}.0 0.0.0.255 any eq {p}"
                      for n, p in enumerate((22, 443, 161, 514))]
            lines += [" deny ip any any log", "!"]
        return lines

    tail = [
        "router ospf 1", f" router-id {ip(0, '192.168')}", " area 0 authentication message-digest",
        " passive-interface default", "!", "router eigrp 100", " network 10.0.0.0",
        "!", "router bgp 65001", f" bgp router-id {ip(0, '192.168')}",
        " neighbor 192.0.2.1 remote-as 65002", f" neighbor 192.0.2.1 password 7 {s.type7()}",
        " neighbor 192.0.2.5 remote-as 65003", f" neighbor 192.0.2.5 password {s.plain(14)}", "!",
        "ip ssh version 2", "!",
        f"snmp-server community {s.plain(12)} RO 99", f"snmp-server community {s.plain(12)} RW 98",
        "snmp-server group NETOPS v3 priv",
        f"snmp-server user snmpmon NETOPS v3 auth sha {s.plain(16)} priv aes 128 {s.plain(16)}",
        "snmp-server location DC1 row 4", "!",
        "tacacs server TAC1", " address ipv4 10.0.0.10", f" key 7 {s.type7()}", "!",
        "radius server RAD1", " address ipv4 10.0.0.11 auth-port 1812 acct-port 1813",
        f" key {s.plain(18)}", "!",
        f"ntp authentication-key 1 md5 {s.type7()} 7", "ntp authenticate", "ntp trusted-key 1",
        "ntp clock-period 17179869", "ntp server 10.0.0.123 key 1", "!",
        "line con 0", f" password 7 {s.type7()}", " logging synchronous",
        "line vty 0 4", f" password 7 {s.type7()}", " transport input ssh",
        "line vty 5 15", " transport input ssh", "!", "end",
    ]
    return fill(head, section, tail, size)


def ios(hostname: str, rng: random.Random, s: SecretBox, size: int) -> str:
    return _ios_like(hostname, rng, s, size, "15.2", "GigabitEthernet1/0/")


def iosxe(hostname: str, rng: random.Random, s: SecretBox, size: int) -> str:
    return _ios_like(hostname, rng, s, size, "17.9", "GigabitEthernet1/0/")


def nxos(hostname: str, rng: random.Random, s: SecretBox, size: int) -> str:
    head = [
        "", "!Command: show running-config", f"!Running configuration last done at: {STAMP}",
        f"!Time: {STAMP}", "", "version 10.2(5) Bios:version 05.47",
        f"hostname {hostname}", "vdc " + hostname + " id 1",
        "feature tacacs+", "feature ospf", "feature bgp", "feature interface-vlan", "feature hsrp",
        "", f"username admin password 5 {s.sha512crypt()}  role network-admin",
        f"username ops password 5 {s.md5crypt()}  role network-operator",
        "ip domain-lookup",
        f"tacacs-server key 7 \"{s.type7()}\"",
        "tacacs-server host 10.0.0.10", "aaa group server tacacs+ TACACS", "    server 10.0.0.10",
        f"snmp-server user admin network-admin auth md5 0x{s.hex(32)} priv 0x{s.hex(32)} "
        "localizedkey",
        f"snmp-server community {s.plain(12)} group network-operator",
        f"ntp authentication-key 1 md5 {s.type7()} 7", "ntp server 10.0.0.123 key 1",
        "", "key chain BGP-KEYS", "  key 1", f"    key-string 7 {s.type7()}", "",
        "vlan 1,10,20,30,40", "",
    ]

    def section(i: int) -> list[str]:
        lines = [f"interface Ethernet1/{i + 1}", f"  description {DESCRIPTIONS[i % len(DESCRIPTIONS)]}"]
        if i % 4 == 3:
            lines += ["  no switchport", f"  ip address {ip(i)}/24",
                "  ip ospf authentication message-digest",
                      f"  ip ospf message-digest-key 1 md5 3 {s.hex(32)}",
                      "  ip router ospf 1 area 0.0.0.0",
                      "  hsrp 1", f"    authentication md5 key-string {s.plain(10)}",
                      f"    ip {ip(i)[:-1]}254"]
        else:
            lines += ["  switchport", f"  switchport access vlan {10 * (i % 4 + 1)}", "  no shutdown"]
        return [*lines, ""]

    tail = [
        "router ospf 1", "  router-id 192.168.1.1", "router bgp 65001", "  neighbor 192.0.2.1",
        "    remote-as 65002", f"    password 3 {s.hex(16)}", "",
        "line console", "line vty", "",
    ]
    return fill(head, section, tail, size)


def iosxr(hostname: str, rng: random.Random, s: SecretBox, size: int) -> str:
    head = [
        "Building configuration...", "!! IOS XR Configuration 7.5.2",
        f"!! Last configuration change at {STAMP} by admin", "!", f"hostname {hostname}",
        "clock timezone UTC 0", "username admin", " group root-lr", " group cisco-support",
        f" secret 10 {s.sha512crypt()}", "!", "username backup", " group read-only-tg",
        f" secret 5 {s.md5crypt()}", "!", "tacacs-server host 10.0.0.10 port 49",
        f" key 7 {s.type7()}", "!", "aaa group server tacacs+ TACACS", " server 10.0.0.10", "!",
        "key chain ISIS-KEYS", " key 1", f"  key-string password {s.type7()}",
        "  cryptographic-algorithm HMAC-MD5", "!",
        f"snmp-server community {s.plain(12)} RO",
        f"snmp-server user mon MONGRP v3 auth sha encrypted {s.type7()} priv aes 128 encrypted {s.type7()}",
        f"ntp authentication-key 1 md5 encrypted {s.type7()}", " ntp server 10.0.0.123 key 1", "!",
    ]

    def section(i: int) -> list[str]:
        return [f"interface GigabitEthernet0/0/0/{i}", f" description {DESCRIPTIONS[i % len(DESCRIPTIONS)]}",
                f" ipv4 address {ip(i)} 255.255.255.0", " load-interval 30", "!"]

    tail = [
        "router isis CORE", " is-type level-2-only", f" lsp-password hmac-md5 encrypted {s.type7()}",
        "!", "router bgp 65001", " bgp router-id 192.168.1.1", " neighbor 192.0.2.1",
        "  remote-as 65002", f"  password encrypted {s.type7()}", "!", "ssh server v2", "end",
    ]
    return fill(head, section, tail, size)


def asa(hostname: str, rng: random.Random, s: SecretBox, size: int) -> str:
    pbkdf2 = s.asa_pbkdf2
    head = [
        ": Saved", ":", f": Written by admin at {STAMP}", ": Serial Number: JAD2231094X",
        ": Hardware:   ASA5516, 8192 MB RAM, CPU Atom C2000 series 2416 MHz, 1 CPU (8 cores)",
        ":", "ASA Version 9.16(4)", "!", f"hostname {hostname}", "domain-name example.net",
        f"enable password {pbkdf2()} pbkdf2", "service-module 0 keepalive-timeout 4",
        "names", "no mac-address auto", "!",
    ]

    def section(i: int) -> list[str]:
        lines = [f"interface GigabitEthernet1/{i + 1}", f" description {DESCRIPTIONS[i % len(DESCRIPTIONS)]}",
                 f" nameif zone{i}", f" security-level {(i * 10) % 100}",
                 f" ip address {ip(i)} 255.255.255.0"]
        if i % 4 == 1:
            lines += [" ospf authentication message-digest",
                      f" ospf message-digest-key 1 md5 {s.plain(12)}"]
        lines += ["!", f"object network HOST-{i:03d}", f" host {ip(i)[:-1]}10",
                  f"access-list OUTSIDE-IN extended permit tcp any object HOST-{i:03d} eq https"]
        return lines

    tail = [
        "ftp mode passive", "pager lines 24", "mtu outside 1500",
        f"username admin password {pbkdf2()} pbkdf2 privilege 15",
        f"username vpnuser password {pbkdf2()} pbkdf2",
        "aaa-server TACACS protocol tacacs+", "aaa-server TACACS (inside) host 10.0.0.10",
        f" key {s.plain(16)}", "crypto ikev1 policy 10", " authentication pre-share",
        " encryption aes-256", " hash sha", " group 14",
        "tunnel-group 203.0.113.1 type ipsec-l2l", "tunnel-group 203.0.113.1 ipsec-attributes",
        f" ikev1 pre-shared-key {s.plain(20)}",
        f" ikev2 remote-authentication pre-shared-key {s.plain(20)}",
        f" ikev2 local-authentication pre-shared-key {s.plain(20)}",
        f"snmp-server host inside 10.0.0.162 community {s.plain(12)} version 2c",
        f"snmp-server community {s.plain(12)}",
        f"ntp authentication-key 1 md5 {s.plain(12)}", "ntp trusted-key 1", "ntp server 10.0.0.123 key 1",
        "ssh version 2", "ssh timeout 30",
        f"Cryptochecksum:{rng.getrandbits(128):032x}", ": end",
    ]
    return fill(head, section, tail, size)
