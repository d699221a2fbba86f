"""Zyxel ZyNOS switch rules."""

from __future__ import annotations

from ._syntax import VALUE, rule

ZYXEL = frozenset({"zyxel_os"})

RULES = [
    rule(
        "zyxel-admin-password",
        rf"^[ \t]*admin-password[ \t]+(?P<secret>{VALUE})",
        ZYXEL,
        "the admin account's password (clear or 'cipher')",
    ),
    rule(
        "zyxel-snmp-communities",
        rf"^[ \t]*snmp-server[ \t]+(?:get|set|trap)-community[ \t]+(?P<secret>{VALUE})",
        ZYXEL,
        "SNMP get/set/trap communities",
    ),
    rule(
        "zyxel-snmpv3-passwords",
        rf"(?<![\w-])(?:authpassword|privpassword)[ \t]+(?P<secret>{VALUE})",
        ZYXEL,
        "SNMPv3 user authentication and privacy passwords",
    ),
]
