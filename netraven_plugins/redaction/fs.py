"""FS.com FSOS rules, and the bare VRRP key shared with Edgecore's Cisco-like CLI."""

from __future__ import annotations

from ._syntax import fail_closed, rule

FSOS = frozenset({"fs_fsos"})

RULES = [
    rule(
        "fsos-snmpv3-key",
        rf"^[ \t]*snmp-server[ \t]+user[ \t].*?\bauth[ \t]+(?:md5|sha\d*)[ \t]+(?:\d[ \t]+)?"
        rf"{fail_closed('priv|auth')}",
        FSOS,
        "SNMPv3 user key after 'auth md5|sha <type>'",
    ),
    rule(
        "vrrp-bare-authentication",
        # "vrrp 1 authentication KEY": no type word (a "text"/"md5" form is a generic rule's).
        rf"^[ \t]*vrrp[ \t]+\d+[ \t]+authentication[ \t]+(?!(?:text|md5|mode)(?:[ \t]|$)){fail_closed()}",
        FSOS | {"edgecore"},
        "VRRP simple authentication key",
    ),
]
