"""Netgear ProSAFE / M-series (FASTPATH) rules."""

from __future__ import annotations

from ._syntax import VALUE, rule

NETGEAR = frozenset({"netgear_prosafe"})

RULES = [
    rule(
        "netgear-snmp-community",
        # "snmp-server community NAME ro", "snmp-server community rw NAME",
        # "snmp-server community ipaddress 10.0.0.1 NAME"
        rf"^[ \t]*snmp-server[ \t]+community[ \t]+(?:(?:ro|rw|ipaddress[ \t]+\S+|ipmask[ \t]+\S+)"
        rf"[ \t]+)*(?P<secret>{VALUE})",
        NETGEAR,
        "SNMP communities, with the access word before or after the name",
    ),
    rule(
        "netgear-snmpv3-keys",
        rf"(?<![\w-])(?:auth-(?:md5|sha\d*)(?:-key)?|priv-(?:des|3des|aes\d*)(?:-key)?)[ \t]+"
        rf"(?P<secret>{VALUE})",
        NETGEAR,
        "SNMPv3 user authentication and privacy passwords or keys",
    ),
    rule(
        "netgear-radius-key",
        rf"^[ \t]*radius[ \t]+server[ \t]+key[ \t]+(?:auth|acct)[ \t]+{VALUE}[ \t]+(?:encrypted[ \t]+)?"
        rf"(?P<secret>{VALUE})",
        NETGEAR,
        "RADIUS authentication/accounting server keys",
    ),
    rule(
        "netgear-tacacs-key",
        # "key encrypted ..." on its own line inside a tacacs-server host block
        rf"^[ \t]*key[ \t]+(?:encrypted[ \t]+)?(?P<secret>{VALUE})",
        NETGEAR,
        "TACACS+ server key",
    ),
    rule(
        "netgear-ospf-authentication",
        rf"^[ \t]*ip[ \t]+ospf[ \t]+(?:virtual-link[ \t]+\S+[ \t]+)?authentication[ \t]+"
        rf"(?:encrypt|simple)[ \t]+(?P<secret>{VALUE})",
        NETGEAR,
        "OSPF simple or MD5 interface key",
    ),
    rule(
        "netgear-vrrp-authentication",
        rf"^[ \t]*ip[ \t]+vrrp[ \t]+\d+[ \t]+authentication[ \t]+simple[ \t]+(?P<secret>{VALUE})",
        NETGEAR,
        "VRRP simple authentication key",
    ),
]
