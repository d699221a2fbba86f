"""Netgear ProSAFE / M-series (FASTPATH) rules."""

from __future__ import annotations

from ._syntax import VALUE, fail_closed, rule

NETGEAR = frozenset({"netgear_prosafe"})
# What may follow a value: the privacy keyword after an auth key, a key id after an OSPF key.
PRIV_KEYWORD = r"priv-\S+"
KEY_ID = r"\d+"

RULES = [
    rule(
        "netgear-snmp-community",
        # "snmp-server community NAME ro", "snmp-server community rw NAME",
        # "snmp-server community ipaddress 10.0.0.1 NAME"
        rf"^[ \t]*snmp-server[ \t]+community[ \t]+(?:(?:ro|rw|ipaddress[ \t]+\S+|ipmask[ \t]+\S+)"
        rf"[ \t]+)*{fail_closed('ro|rw')}",
        NETGEAR,
        "SNMP communities, with the access word before or after the name",
    ),
    rule(
        "netgear-snmpv3-keys",
        rf"(?<![\w-])(?:auth-(?:md5|sha\d*)(?:-key)?|priv-(?:des|3des|aes\d*)(?:-key)?)[ \t]+"
        rf"{fail_closed(PRIV_KEYWORD)}",
        NETGEAR,
        "SNMPv3 user authentication and privacy passwords or keys",
    ),
    rule(
        "netgear-radius-key",
        rf"^[ \t]*radius[ \t]+server[ \t]+key[ \t]+(?:auth|acct)[ \t]+{VALUE}[ \t]+(?:encrypted[ \t]+)?"
        rf"{fail_closed()}",
        NETGEAR,
        "RADIUS authentication/accounting server keys",
    ),
    rule(
        "netgear-tacacs-key",
        # "key encrypted ..." on its own line inside a tacacs-server host block
        rf"^[ \t]*key[ \t]+(?:encrypted[ \t]+)?{fail_closed()}",
        NETGEAR,
        "TACACS+ server key",
    ),
    rule(
        "netgear-ospf-authentication",
        rf"^[ \t]*ip[ \t]+ospf[ \t]+(?:virtual-link[ \t]+\S+[ \t]+)?authentication[ \t]+"
        rf"(?:encrypt|simple)[ \t]+{fail_closed(KEY_ID)}",
        NETGEAR,
        "OSPF simple or MD5 interface key",
    ),
    rule(
        "netgear-vrrp-authentication",
        rf"^[ \t]*ip[ \t]+vrrp[ \t]+\d+[ \t]+authentication[ \t]+simple[ \t]+{fail_closed()}",
        NETGEAR,
        "VRRP simple authentication key",
    ),
]
