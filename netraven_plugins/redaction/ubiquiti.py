"""Ubiquiti EdgeSwitch (FASTPATH) rules."""

from __future__ import annotations

from ._syntax import EDGESWITCH, fail_closed, rule

_PRIV_KEY = r"priv-(?:des|aes128)(?:-key)?"

RULES = [
    rule(
        "edgeswitch-encrypted",
        rf"(?<![\w-])(?:password|encrypted)[ \t]+{fail_closed('level|encrypted')}",
        EDGESWITCH,
        "user and enable passwords, RADIUS/TACACS+ keys ('... encrypted HEX')",
    ),
    rule(
        "edgeswitch-community",
        rf"^[ \t]*snmp-server[ \t]+(?:community[ \t]+|host[ \t]+\S+[ \t]+(?:traps|informs)[ \t]+)"
        rf"{fail_closed('ro|rw|ipaddr|ipmask|notify|filter')}",
        EDGESWITCH,
        "SNMP communities and trap host communities",
    ),
    rule(
        "edgeswitch-snmpv3",
        rf"^[ \t]*snmp-server[ \t]+user[ \t].*?\bauth-(?:md5|sha)(?:-key)?[ \t]+"
        rf"{fail_closed(_PRIV_KEY, 'secret_auth')}"
        rf"(?:.*?\b{_PRIV_KEY}[ \t]+{fail_closed(name='secret_priv')})?",
        EDGESWITCH,
        "SNMPv3 user keys",
    ),
    rule(
        "edgeswitch-routing-keys",
        r"^[ \t]*ip[ \t]+(?:ospf[ \t]+authentication[ \t]+(?:simple|encrypt)|"
        r"vrrp[ \t]+\d+[ \t]+authentication[ \t]+simple)[ \t]+" + fail_closed(r"\d+"),
        EDGESWITCH,
        "OSPF and VRRP authentication keys",
    ),
]
