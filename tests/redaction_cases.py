"""Shared data for the redaction and normalisation tests: the fixture configurations and, per
platform, secret-bearing syntax templates (``{s}`` is the secret) used by property tests."""

from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures" / "configs"

PLATFORMS = (
    "cisco_ios", "cisco_xe", "cisco_nxos", "cisco_xr", "cisco_asa", "arista_eos", "juniper_junos",
    "hp_procurve", "aruba_aoscx", "fortinet", "paloalto_panos", "mikrotik_routeros", "linux",
)


def fixture_text(platform: str) -> str:
    return (FIXTURES / f"{platform}.cfg").read_text()


def fixture_secrets(platform: str) -> list[str]:
    lines = (FIXTURES / f"{platform}.secrets").read_text().splitlines()
    return [line for line in lines if line.strip()]


_CISCO_COMMON = [
    "username bob privilege 15 secret 9 {s}",
    "username bob password 7 {s}",
    "enable secret 5 {s}",
    "enable password 7 {s}",
    "snmp-server community {s} RO 10",
    "snmp-server host 10.0.0.1 version 2c {s}",
    "snmp-server user u g v3 auth sha {s} priv aes 128 {s}",
    "tacacs-server host 10.0.0.2 key 7 {s}",
    "radius-server host 10.0.0.3 auth-port 1812 acct-port 1813 key {s}",
    "tacacs server T1\n address ipv4 10.0.0.2\n key 7 {s}",
    "ntp authentication-key 1 md5 {s} 7",
    "key chain KC\n key 1\n  key-string 7 {s}",
    "interface Vlan1\n ip ospf authentication-key 7 {s}",
    "interface Vlan1\n ip ospf message-digest-key 1 md5 7 {s}",
    "interface Vlan1\n standby 1 authentication md5 key-string {s}",
    "interface Vlan1\n standby 1 authentication {s}",
    "interface Vlan1\n vrrp 1 authentication text {s}",
    "router bgp 1\n neighbor 10.0.0.9 password 7 {s}",
    "crypto isakmp key 6 {s} address 192.0.2.1",
    "crypto keyring K\n  pre-shared-key address 192.0.2.1 key {s}",
    "line vty 0 4\n password 7 {s}",
]

TEMPLATES: dict[str, list[str]] = {
    "cisco_ios": [*_CISCO_COMMON, "username bob password 0 {s}"],
    "cisco_xe": [*_CISCO_COMMON, "wlan W 1 W\n security wpa psk set-key ascii 0 {s}",
                 "crypto ikev2 keyring K\n peer P\n  pre-shared-key local {s}",
                 "crypto ikev2 profile P\n authentication remote pre-share key {s}",
                 "interface Tunnel1\n ip nhrp authentication {s}"],
    "cisco_nxos": [
        "username admin password 5 {s}  role network-admin",
        "tacacs-server host 10.0.0.2 key 7 \"{s}\"",
        "radius-server host 10.0.0.3 key 7 \"{s}\" authentication accounting",
        "snmp-server user admin network-admin auth md5 {s} priv aes-128 {s} localizedkey",
        "snmp-server community {s} group network-operator",
        "interface Vlan10\n  hsrp 10\n    authentication md5 key-string {s}",
        "interface Vlan10\n  vrrp 10\n    authentication text {s}",
        "router bgp 1\n  neighbor 10.0.0.9\n    password 3 {s}",
    ],
    "cisco_xr": [
        "username admin\n group root-lr\n secret 10 {s}",
        "tacacs-server host 10.0.0.2 port 49\n key 7 {s}",
        "ntp\n authentication-key 1 md5 encrypted {s}",
        "key chain KC\n key 1\n  key-string password {s}",
        "router isis C\n lsp-password hmac-md5 encrypted {s}",
        "router isis C\n interface Gi0/0/0/0\n  hello-password hmac-md5 encrypted {s}",
        "router bgp 1\n neighbor 10.0.0.9\n  password encrypted {s}",
        "snmp-server user u g v3 auth sha encrypted {s} priv aes 128 encrypted {s}",
    ],
    "cisco_asa": [
        "enable password {s} pbkdf2",
        "passwd {s} encrypted",
        "username admin password {s} pbkdf2 privilege 15",
        "failover key {s}",
        "aaa-server T (inside) host 10.0.0.2\n key {s}",
        "aaa-server L (inside) host 10.0.0.4\n ldap-login-password {s}",
        "snmp-server host inside 10.0.0.1 community {s} version 2c",
        "tunnel-group 192.0.2.1 ipsec-attributes\n ikev1 pre-shared-key {s}",
        "tunnel-group 192.0.2.1 ipsec-attributes\n ikev2 local-authentication pre-shared-key {s}",
        "interface g1/1\n ospf message-digest-key 1 md5 {s}",
    ],
    "arista_eos": [
        "username admin privilege 15 role network-admin secret sha512 {s}",
        "username ops secret 0 {s}",
        "enable password sha512 {s}",
        "aaa root secret sha512 {s}",
        "ntp authentication-key 1 md5 7 {s}",
        "snmp-server community {s} ro",
        "tacacs-server host 10.0.0.2 vrf MGMT key 7 {s}",
        "interface Vlan10\n   vrrp 10 peer authentication text {s}",
        "router isis C\n   authentication key 7 {s}",
        "mac security\n   profile P\n      key 1234abcd 7 {s}",
        "ip security\n   profile P\n      shared-key 7 {s}",
        "router bgp 1\n   neighbor 10.0.0.9 password 7 {s}",
    ],
    "juniper_junos": [
        "    encrypted-password \"{s}\"; ## SECRET-DATA",
        "            secret \"{s}\"; ## SECRET-DATA",
        "        authentication-key 1 type md5 value \"{s}\"; ## SECRET-DATA",
        "                    md5 1 key \"{s}\"; ## SECRET-DATA",
        "    community {s} {{",
        "set system root-authentication encrypted-password \"{s}\"",
        "set system tacplus-server 10.0.0.2 secret \"{s}\"",
        "set protocols bgp group G authentication-key \"{s}\"",
        "set security ike policy P pre-shared-key ascii-text \"{s}\"",
        "set snmp community {s} authorization read-only",
        "set snmp v3 usm local-engine user u authentication-sha authentication-key \"{s}\"",
    ],
    "hp_procurve": [
        "password manager user-name \"manager\" sha1 \"{s}\"",
        "snmp-server community \"{s}\" operator",
        "snmpv3 user \"u\" auth sha \"{s}\" priv aes \"{s}\"",
        "radius-server host 10.0.0.3 key \"{s}\"",
        "tacacs-server key \"{s}\"",
        "ntp authentication key-id 1 authentication-mode md5 key-value {s}",
        "key-chain \"K\" key 1 key-string \"{s}\"",
    ],
    "aruba_aoscx": [
        "user admin group administrators password ciphertext {s}",
        "radius-server host 10.0.0.3 key ciphertext {s} vrf mgmt",
        "ntp authentication-key 1 md5 ciphertext {s} trusted",
        "snmpv3 user u auth sha auth-pass ciphertext {s} priv aes priv-pass ciphertext {s}",
        "snmp-server community {s}",
        "router bgp 1\n    neighbor 10.0.0.9 password ciphertext {s}",
    ],
    "fortinet": [
        "        set password ENC {s}",
        "        set psksecret ENC {s}",
        "        set passphrase ENC {s}",
        "        set secret ENC {s}",
        "        set key ENC {s}",
        "        set auth-pwd ENC {s}",
        "        set psksecret \"{s}\"",
        "config system snmp community\n    edit 1\n        set name \"{s}\"\n    next\nend",
    ],
    "paloalto_panos": [
        "        phash {s};",
        "                  secret {s};",
        "                  key {s};",
        "                  snmp-community-string {s};",
        "                  authpwd {s};",
        "set mgt-config users admin phash {s}",
        "<entry name=\"admin\"><phash>{s}</phash></entry>",
    ],
    "mikrotik_routeros": [
        "add name=u password={s} profile=default",
        "add peer=hq secret={s}",
        "add authentication-types=wpa2-psk name=p wpa2-pre-shared-key={s}",
        "add area=backbone auth=md5 auth-key={s} interfaces=bridge",
        "add name=isp tcp-md5-key={s}",
        "add listen-port=1 name=wg private-key=\"{s}\"",
        "/snmp community\nset [ find default=yes ] name={s}",
        "add addresses=10.0.0.0/8 authentication-password={s} name=c security=private",
        "add address=10.0.0.3 secret={s} service=login",
    ],
    "linux": [
        "    wpa-psk {s}",
        "    wpa-password {s}",
        "    wireless-key s:{s}",
        "wpa_passphrase={s}",
        "    psk=\"{s}\"",
        "PrivateKey = {s}",
        "root:{s}:19000:0:99999:7:::",
        ": PSK \"{s}\"",
    ],
}
