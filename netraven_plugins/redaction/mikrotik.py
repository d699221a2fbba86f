"""MikroTik RouterOS rules ('/export' format: 'add name=x password=y', '\\' continuations)."""

from __future__ import annotations

from ._syntax import MIKROTIK, rule

_VALUE = r"(?:\"(?:[^\"\\\n]|\\.)*\"|[^\s\\]\S*)"
_ANY = r"(?:\\\r?\n|.)"  # any character of a logical line, across '\' continuations

RULES = [
    rule(
        "routeros-secret-attribute",
        r"(?<![\w-])(?:password|secret|[\w-]*pre-shared-key|preshared-key|passphrase|auth-key|"
        r"tcp-md5-key|private-key|ipsec-secret|authentication-password|encryption-password|"
        r"key|psk|sae-password|shared-secret|ike-secret|trap-community)=" + rf"(?P<secret>{_VALUE})",
        MIKROTIK,
        "user, PPP, IPsec, RADIUS, wireless, WireGuard, BGP/OSPF and SNMPv3 secrets",
    ),
    rule(
        "routeros-snmp-community-first",
        rf"^/snmp[ \t]+community[ \t]*\r?\n(?:set|add)[ \t]{_ANY}*?(?<![\w-])name=(?P<secret>{_VALUE})",
        MIKROTIK,
        "the first SNMP community after the section header",
    ),
    rule(
        "routeros-snmp-community",
        rf"^(?:set|add)[ \t](?={_ANY}*(?<![\w-])(?:addresses|security|read-access|write-access|"
        rf"authentication-protocol|encryption-protocol)=){_ANY}*?(?<![\w-])name=(?P<secret>{_VALUE})",
        MIKROTIK,
        "further SNMP community entries (recognised by their attributes)",
    ),
]
