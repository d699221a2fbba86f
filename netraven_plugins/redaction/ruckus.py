"""Ruckus FastIron (ICX) rules, and the Brocade-heritage syntax SLX-OS shares with it."""

from __future__ import annotations

from ._syntax import VALUE, rule

FASTIRON = frozenset({"ruckus_fastiron"})
BROCADE = frozenset({"ruckus_fastiron", "extreme_slx"})

RULES = [
    rule(
        "fastiron-enable-passwords",
        rf"^[ \t]*enable[ \t]+(?:super-user|port-config|read-only)-password[ \t]+(?:\d[ \t]+)?"
        rf"(?P<secret>{VALUE})",
        FASTIRON,
        "super-user, port-config and read-only enable passwords",
    ),
    rule(
        "fastiron-snmpv3-keys",
        rf"^[ \t]*snmp-server[ \t]+user[ \t].*?\bauth[ \t]+(?:md5|sha\d*)[ \t]+(?:encrypted[ \t]+)?"
        rf"(?P<secret_auth>{VALUE})(?:.*?\bpriv[ \t]+(?:encrypted[ \t]+)?(?:des|aes)[ \t]+"
        rf"(?P<secret_priv>{VALUE}))?",
        FASTIRON,
        "SNMPv3 user keys ('priv encrypted aes KEY')",
    ),
    rule(
        "fastiron-ntp-key-id",
        rf"(?<![\w-])authentication-key[ \t]+key-id[ \t]+\d+[ \t]+(?:md5|sha1|sha256)[ \t]+(?:\d[ \t]+)?"
        rf"(?P<secret>{VALUE})",
        FASTIRON,
        "NTP authentication keys ('authentication-key key-id 1 md5 2 KEY')",
    ),
    rule(
        "fastiron-vrrp-auth-type",
        rf"(?<![\w-])auth-type[ \t]+(?:simple-text-auth|md5-auth)[ \t]+(?:\d[ \t]+)?(?P<secret>{VALUE})",
        FASTIRON,
        "VRRP / VRRP-E authentication keys",
    ),
    rule(
        "brocade-ospf-md5-authentication",
        rf"(?<![\w-])md5-authentication[ \t]+key-id[ \t]+\d+[ \t]+key(?:[ \t]+\d)?[ \t]+(?P<secret>{VALUE})",
        BROCADE,
        "OSPF MD5 keys ('ip ospf md5-authentication key-id 1 key 2 KEY')",
    ),
]
