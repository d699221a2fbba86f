"""Ruckus FastIron (ICX) rules, and the Brocade-heritage syntax SLX-OS shares with it."""

from __future__ import annotations

from ._syntax import SecretSyntax, rule

FASTIRON = frozenset({"ruckus_fastiron"})
BROCADE = frozenset({"ruckus_fastiron", "extreme_slx"})

# FastIron prints a one-digit encryption type (0, 2, 8) before most stored secrets.
_TYPED = SecretSyntax("", r"\d")

RULES = [
    rule(
        "fastiron-enable-passwords",
        r"^[ \t]*enable[ \t]+(?:super-user|port-config|read-only)-password" + _TYPED.value(),
        FASTIRON,
        "super-user, port-config and read-only enable passwords",
    ),
    rule(
        "fastiron-snmpv3-keys",
        r"^[ \t]*snmp-server[ \t]+user[ \t].*?\bauth"
        + SecretSyntax("", r"md5|sha\d*|encrypted", "priv").value("secret_auth")
        + r"(?:.*?\bpriv" + SecretSyntax("", "encrypted|des|aes").value("secret_priv") + ")?",
        FASTIRON,
        "SNMPv3 user keys ('priv encrypted aes KEY')",
    ),
    rule(
        "fastiron-ntp-key-id",
        r"(?<![\w-])authentication-key[ \t]+key-id[ \t]+\d+"
        + SecretSyntax("", r"md5|sha1|sha256|\d").value(),
        FASTIRON,
        "NTP authentication keys ('authentication-key key-id 1 md5 2 KEY')",
    ),
    rule(
        "fastiron-vrrp-auth-type",
        r"(?<![\w-])auth-type" + SecretSyntax("", r"simple-text-auth|md5-auth|\d").value(),
        FASTIRON,
        "VRRP / VRRP-E authentication keys",
    ),
    rule(
        "brocade-ospf-md5-authentication",
        r"(?<![\w-])md5-authentication[ \t]+key-id[ \t]+\d+[ \t]+key" + _TYPED.value(),
        BROCADE,
        "OSPF MD5 keys ('ip ospf md5-authentication key-id 1 key 2 KEY')",
    ),
]
