"""Juniper ScreenOS rules ("set" commands with quoted values)."""

from __future__ import annotations

from ._syntax import SCREENOS, fail_closed, rule

# What ScreenOS prints after a secret on the same line.
_TRAILERS = r"sec-level|proposal|key-id|privilege|mode|outgoing-interface"

RULES = [
    rule(
        "screenos-keywords",
        rf"(?<![\w-])(?:hash-password|preshare|preshare-key|md5-authentication)[ \t]+"
        rf"{fail_closed(_TRAILERS)}",
        SCREENOS,
        "user hash passwords, IKE pre-shared keys, NTP keys and BGP MD5 keys",
    ),
    rule(
        "screenos-ospf-auth",
        rf"\bprotocol[ \t]+ospf[ \t]+authentication[ \t]+(?:md5|password)[ \t]+{fail_closed(_TRAILERS)}",
        SCREENOS,
        "OSPF interface authentication keys",
    ),
]
