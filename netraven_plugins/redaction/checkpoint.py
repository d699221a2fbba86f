"""Check Point Gaia clish rules ('show configuration': set/add commands)."""

from __future__ import annotations

from ._syntax import GAIA, rule

RULES = [
    rule(
        "gaia-secret",
        # Not anchored: one line may hold two (SNMPv3 auth and privacy phrases).  "key 1" in front
        # of "algorithm md5 secret X" is a key id.
        r"(?<![\w-])(?:expert-password-hash|password-hash|secret|key(?![ \t]+\d+[ \t]+algorithm\b)|"
        r"password|(?:auth|privacy)-pass-phrase(?:-hashed)?)[ \t]+(?P<secret>\S+)",
        GAIA,
        "expert and user password hashes, RADIUS/TACACS+ secrets, OSPF/BGP keys, SNMPv3 pass phrases",
    ),
    rule(
        "gaia-snmp-community",
        r"^[ \t]*(?:set[ \t]+snmp[ \t]+community|add[ \t]+snmp[ \t]+traps[ \t]+receiver[ \t].*?"
        r"(?<![\w-])community)[ \t]+(?P<secret>\S+)",
        GAIA,
        "SNMP communities and trap receiver communities",
    ),
]
