"""TP-Link JetStream rules."""

from __future__ import annotations

from ._syntax import VALUE, fail_closed, rule

TPLINK = frozenset({"tplink_jetstream"})

RULES = [
    rule(
        "tplink-snmpv3-passwords",
        rf"(?<![\w-])(?:cpwd|epwd)[ \t]+{fail_closed('emode')}",
        TPLINK,
        "SNMPv3 user authentication (cpwd) and privacy (epwd) passwords",
    ),
    rule(
        "tplink-snmp-host-community",
        rf"^[ \t]*snmp-server[ \t]+host[ \t]+\S+(?:[ \t]+\d+)?[ \t]+(?P<secret>{VALUE})(?=[ \t]+smode\b)",
        TPLINK,
        "community of a notification host (before 'smode v1/v2c')",
    ),
    rule(
        "tplink-vrrp-authentication",
        rf"^[ \t]*vrrp[ \t]+\d+[ \t]+authentication-mode[ \t]+(?:simple|md5)[ \t]+{fail_closed()}",
        TPLINK,
        "VRRP authentication key",
    ),
]
