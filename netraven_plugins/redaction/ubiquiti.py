"""Ubiquiti EdgeSwitch (FASTPATH) rules."""

from __future__ import annotations

from ._syntax import EDGESWITCH, rule

_VALUE = r"(?:\"[^\"\n]*\"|'[^'\n]*'|\S+)"

RULES = [
    rule(
        "edgeswitch-encrypted",
        rf"(?<![\w-])(?:password|encrypted)[ \t]+(?P<secret>{_VALUE})",
        EDGESWITCH,
        "user and enable passwords, RADIUS/TACACS+ keys ('... encrypted HEX')",
    ),
    rule(
        "edgeswitch-community",
        rf"^[ \t]*snmp-server[ \t]+(?:community[ \t]+|host[ \t]+\S+[ \t]+(?:traps|informs)[ \t]+)"
        rf"(?P<secret>{_VALUE})",
        EDGESWITCH,
        "SNMP communities and trap host communities",
    ),
    rule(
        "edgeswitch-snmpv3",
        r"^[ \t]*snmp-server[ \t]+user[ \t].*?\bauth-(?:md5|sha)(?:-key)?[ \t]+(?P<secret_auth>\S+)"
        r"(?:.*?\bpriv-(?:des|aes128)(?:-key)?[ \t]+(?P<secret_priv>\S+))?",
        EDGESWITCH,
        "SNMPv3 user keys",
    ),
    rule(
        "edgeswitch-routing-keys",
        r"^[ \t]*ip[ \t]+(?:ospf[ \t]+authentication[ \t]+(?:simple|encrypt)|"
        r"vrrp[ \t]+\d+[ \t]+authentication[ \t]+simple)[ \t]+(?P<secret>\S+)",
        EDGESWITCH,
        "OSPF and VRRP authentication keys",
    ),
]
