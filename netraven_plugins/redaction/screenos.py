"""Juniper ScreenOS rules ("set" commands with quoted values)."""

from __future__ import annotations

from ._syntax import SCREENOS, VALUE, rule

RULES = [
    rule(
        "screenos-keywords",
        rf"(?<![\w-])(?:hash-password|preshare|preshare-key|md5-authentication)[ \t]+(?P<secret>{VALUE})",
        SCREENOS,
        "user hash passwords, IKE pre-shared keys, NTP keys and BGP MD5 keys",
    ),
    rule(
        "screenos-ospf-auth",
        rf"\bprotocol[ \t]+ospf[ \t]+authentication[ \t]+(?:md5|password)[ \t]+(?P<secret>{VALUE})",
        SCREENOS,
        "OSPF interface authentication keys",
    ),
]
