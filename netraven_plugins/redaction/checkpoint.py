"""Check Point Gaia clish rules ('show configuration': set/add commands)."""

from __future__ import annotations

from ._syntax import GAIA, fail_closed, rule

# What may follow a value on the same clish line.
_TRAILERS = (r"timeout|priority|port|privacy-pass-type|privacy-pass-phrase(?:-hashed)?|read-only|"
             r"read-write|version|algorithm|on|off")

RULES = [
    rule(
        "gaia-secret",
        # Not anchored: one line may hold two (SNMPv3 auth and privacy phrases).  "key 1" in front
        # of "algorithm md5 secret X" is a key id.
        r"(?<![\w-])(?:expert-password-hash|password-hash|secret|key(?![ \t]+\d+[ \t]+algorithm\b)|"
        r"password|(?:auth|privacy)-pass-phrase(?:-hashed)?)[ \t]+" + fail_closed(_TRAILERS),
        GAIA,
        "expert and user password hashes, RADIUS/TACACS+ secrets, OSPF/BGP keys, SNMPv3 pass phrases",
    ),
    rule(
        "gaia-snmp-community",
        r"^[ \t]*(?:set[ \t]+snmp[ \t]+community|add[ \t]+snmp[ \t]+traps[ \t]+receiver[ \t].*?"
        r"(?<![\w-])community)[ \t]+" + fail_closed(_TRAILERS),
        GAIA,
        "SNMP communities and trap receiver communities",
    ),
]
