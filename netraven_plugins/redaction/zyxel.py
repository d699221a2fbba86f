"""Zyxel ZyNOS switch rules."""

from __future__ import annotations

from ._syntax import fail_closed, rule

ZYXEL = frozenset({"zyxel_os"})

RULES = [
    rule(
        "zyxel-admin-password",
        rf"^[ \t]*admin-password[ \t]+{fail_closed('cipher')}",
        ZYXEL,
        "the admin account's password (clear or 'cipher')",
    ),
    rule(
        "zyxel-snmp-communities",
        rf"^[ \t]*snmp-server[ \t]+(?:get|set|trap)-community[ \t]+{fail_closed()}",
        ZYXEL,
        "SNMP get/set/trap communities",
    ),
    rule(
        "zyxel-snmpv3-passwords",
        rf"(?<![\w-])(?:authpassword|privpassword)[ \t]+{fail_closed('priv|group')}",
        ZYXEL,
        "SNMPv3 user authentication and privacy passwords",
    ),
]
