"""FortiOS, PAN-OS, MikroTik RouterOS and Linux (FRR) configurations."""

from __future__ import annotations

import random

from netraven_core.simulator.configgen import DESCRIPTIONS, SecretBox, fill, ip


def fortios(hostname: str, rng: random.Random, s: SecretBox, size: int) -> str:
    head = [
        "#config-version=FGVM64-7.2.8-FW-build1639-240313:opmode=0:vdom=0:user=admin",
        "#conf_file_ver=1234567890123456", "#buildno=1639", "#global_vdom=1",
        "config system global", f"    set hostname \"{hostname}\"", "    set timezone 04",
        "    set admin-sport 443", "end", "config system admin", "    edit \"admin\"",
        "        set accprofile \"super_admin\"", "        set vdom \"root\"",
        f"        set password ENC SH2{s.hex(60)}", "    next", "    edit \"backup\"",
        "        set accprofile \"prof_admin\"", f"        set password ENC SH2{s.hex(60)}",
        "    next", "end", "config user tacacs+", "    edit \"TACACS\"", "        set server \"10.0.0.10\"",
        f"        set key ENC {s.fortios_enc()}", "    next", "end", "config user radius",
        "    edit \"RADIUS\"", "        set server \"10.0.0.11\"",
        f"        set secret ENC {s.fortios_enc()}",
        "    next", "end", "config system snmp community", "    edit 1",
        f"        set name \"{s.plain(12)}\"", "    next", "end", "config system snmp user",
        "    edit \"mon\"", "        set security-level auth-priv", "        set auth-proto sha256",
        f"        set auth-pwd ENC {s.fortios_enc()}", "        set priv-proto aes256",
        f"        set priv-pwd ENC {s.fortios_enc()}", "    next", "end",
        "config system ntp", "    set ntpsync enable", "    set authentication enable",
        f"    set key ENC {s.fortios_enc()}", "    set key-id 1", "end",
        "config system interface",
    ]

    def section(i: int) -> list[str]:
        return [f"    edit \"port{i + 1}\"", "        set vdom \"root\"",
                f"        set ip {ip(i)} 255.255.255.0", "        set allowaccess ping https ssh",
                f"        set description \"{DESCRIPTIONS[i % len(DESCRIPTIONS)]}\"",
                f"        set alias \"zone{i}\"", "    next"]

    tail = [
        "end", "config vpn ipsec phase1-interface", "    edit \"to-branch\"",
        "        set interface \"port1\"", "        set peertype any", "        set remote-gw 203.0.113.1",
        f"        set psksecret ENC {s.fortios_enc()}", "    next", "end",
        "config wireless-controller vap", "    edit \"corp-wifi\"", "        set ssid \"CORP\"",
        "        set security wpa2-only-personal", f"        set passphrase ENC {s.fortios_enc()}",
        "    next", "end", "config router bgp", "    set as 65001", "    config neighbor",
        "        edit \"192.0.2.1\"", "            set remote-as 65002",
        f"            set password ENC {s.fortios_enc()}", "        next", "    end", "end",
        "config router ospf", "    config ospf-interface", "        edit \"port1\"",
        "            set authentication md5", "            config md5-keys", "                edit 1",
        f"                    set key-string ENC {s.fortios_enc()}", "                next",
        "            end", "        next", "    end", "end",
        "config vpn certificate local", "    edit \"sim-cert\"",
        "        set private-key \"-----BEGIN ENCRYPTED PRIVATE KEY-----",
        *s.private_key_body(), "-----END ENCRYPTED PRIVATE KEY-----\"", "    next", "end",
    ]
    return fill(head, section, tail, size)


def panos(hostname: str, rng: random.Random, s: SecretBox, size: int) -> str:
    head = [
        "config {", "  mgt-config {", "    users {", "      admin {",
        f"        phash {s.panos_phash()};", "        permissions {", "          role-based {",
        "            superuser yes;", "          }", "        }", "      }", "      backup {",
        f"        phash {s.panos_phash()};", "        permissions {", "          role-based {",
        "            superreader yes;", "          }", "        }", "      }", "    }", "  }",
        "  shared {", "    server-profile {", "      tacplus {", "        TACACS {", "          server {",
        "            tac1 {", "              address 10.0.0.10;",
        f"              secret {s.b64(48)};", "            }", "          }", "        }", "      }",
        "    }", "  }",
        "  devices {", "    localhost.localdomain {", "      deviceconfig {", "        system {",
        f"          hostname {hostname};", "          ip-address 192.168.100.10;",
        "          netmask 255.255.255.0;", "          snmp-setting {", "            access-setting {",
        "              version {", "                v2c {",
        f"                  snmp-community-string {s.plain(12)};", "                }", "              }",
        "            }", "          }", "          ntp-servers {", "            primary-ntp-server {",
        "              ntp-server-address 10.0.0.123;", "              authentication-type {",
        "                symmetric-key {", "                  algorithm {", "                    md5 {",
        f"                      authentication-key {s.b64(32)};", "                    }",
        "                  }", "                  key-id 1;", "                }", "              }",
        "            }", "          }", "        }", "      }", "      network {", "        interface {",
        "          ethernet {",
    ]

    def section(i: int) -> list[str]:
        return [f"            ethernet1/{i + 1} {{", "              layer3 {", "                ip {",
                f"                  {ip(i)}/24;", "                }", "              }",
                f"              comment \"{DESCRIPTIONS[i % len(DESCRIPTIONS)]}\";", "            }"]

    tail = [
        "          }", "        }", "        ike {", "          gateway {", "            BRANCH {",
        "              authentication {", "                pre-shared-key {",
        f"                  key {s.b64(48)};", "                }", "              }",
        "              peer-address {", "                ip 203.0.113.1;", "              }",
        "            }", "          }", "        }", "      }", "    }", "  }", "}",
    ]
    return fill(head, section, tail, size)


def routeros(hostname: str, rng: random.Random, s: SecretBox, size: int) -> str:
    head = [
        "# 2026-11-29 09:00:00 by RouterOS 7.14.3", "# software id = 7KXA-Q2ZN", "#",
        "# model = CCR2004-1G-12S+2XS", "# serial number = HCY08ABCDEF",
        "/interface bridge", "add name=bridge1 protocol-mode=rstp",
        "/interface wireless security-profiles",
        f"add authentication-types=wpa2-psk mode=dynamic-keys name=corp wpa2-pre-shared-key={s.plain(16)}",
        "/ip ipsec peer", "add address=203.0.113.1/32 name=branch",
        "/ip ipsec identity", f"add peer=branch secret={s.plain(20)}",
        "/routing ospf instance", "add disabled=no name=default-v2 router-id=192.168.1.1",
        "/routing ospf interface-template",
        f"add area=backbone auth=md5 auth-id=1 auth-key={s.plain(12)} interfaces=bridge1",
        "/routing bgp connection",
        f"add as=65001 name=upstream remote.address=192.0.2.1 remote.as=65002 tcp-md5-key={s.plain(14)}",
        "/radius", f"add address=10.0.0.11 secret={s.plain(16)} service=login",
        "/snmp community", f"set [ find default=yes ] name={s.plain(12)}",
        f"add authentication-password={s.plain(14)} authentication-protocol=SHA1 "
        f"encryption-password={s.plain(14)} encryption-protocol=AES name=mon security=private",
        "/user", f"add group=full name=netops password={s.plain(14)}",
        "/ip address",
    ]

    def section(i: int) -> list[str]:
        return [f"add address={ip(i)}/24 comment=\"{DESCRIPTIONS[i % len(DESCRIPTIONS)]}\" "
                f"interface=sfp-sfpplus{i + 1} network={ip(i)[:-1]}0",
                f"/interface ethernet set [ find default-name=sfp-sfpplus{i + 1} ] "
                f"comment=\"zone{i}\" l2mtu=1592",
                "/ip address"]

    tail = [
        "/system clock", "set time-zone-name=UTC", "/system identity", f"set name={hostname}",
        "/system ntp client", "set enabled=yes", "/system ntp client servers", "add address=10.0.0.123",
    ]
    return fill(head, section, tail, size)


def linux_interfaces(hostname: str, rng: random.Random, s: SecretBox, size: int) -> str:
    """``/etc/network/interfaces`` (ifupdown) of a Linux router/appliance."""
    head = [
        f"# /etc/network/interfaces of {hostname} -- managed by configuration management",
        "# This file describes the network interfaces available on your system",
        "# and how to activate them. For more information, see interfaces(5).", "",
        "source /etc/network/interfaces.d/*", "", "auto lo", "iface lo inet loopback", "",
        "auto eth0", "iface eth0 inet static", "    address 192.168.100.10/24",
        "    gateway 192.168.100.1", "    dns-nameservers 10.0.0.53", "    dns-search example.net", "",
        "allow-hotplug wlan0", "iface wlan0 inet dhcp", "    wpa-ssid \"CORP-IOT\"",
        f"    wpa-psk {s.hex(64)}", "",
        "auto wlan1", "iface wlan1 inet dhcp", "    wpa-ssid \"GUEST\"",
        f"    wpa-psk \"{s.plain(18)}\"", "",
        "auto eth1", "iface eth1 inet manual", "    wpa-driver wired",
        "    wpa-identity \"host/" + hostname + "\"", f"    wpa-password {s.plain(16)}", "",
        "auto wg0", "iface wg0 inet static", "    address 172.31.0.1/24",
        "    pre-up ip link add $IFACE type wireguard",
        "    pre-up wg setconf $IFACE /etc/wireguard/$IFACE.conf",
        "    post-down ip link del $IFACE", "",
    ]

    def section(i: int) -> list[str]:
        vid = 10 * (i + 1)
        lines = [f"# {DESCRIPTIONS[i % len(DESCRIPTIONS)]}", f"auto eth1.{vid}",
                 f"iface eth1.{vid} inet static", f"    address {ip(i)}/24", "    mtu 1500"]
        if i % 5 == 4:
            lines += [f"    up ip tunnel add gre{i} mode gre remote 203.0.113.{i % 250 + 1} key "
                      f"{rng.randrange(1, 2**31)}", f"    up ip link set gre{i} up"]
        if i % 6 == 5:
            lines += ["", f"allow-hotplug wlan{i}", f"iface wlan{i} inet dhcp",
                      f"    wpa-ssid \"SITE-{i:03d}\"", f"    wpa-psk {s.hex(64)}"]
        return [*lines, ""]

    return fill(head, section, [], size)
