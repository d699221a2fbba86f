"""Adtran AOS rules beyond the generic Cisco-style ones."""

from __future__ import annotations

from ._syntax import fail_closed, rule

ADTRAN = frozenset({"adtran_aos"})

RULES = [
    rule(
        "adtran-ike-preshared-key",
        rf"(?<![\w-])preshared-key[ \t]+{fail_closed('ike-policy')}",
        ADTRAN,
        "IKE pre-shared key of a crypto ike remote-id",
    ),
    rule(
        "adtran-vrrp-authentication",
        rf"^[ \t]*vrrp[ \t]+\d+[ \t]+authentication[ \t]+(?:text|md5)[ \t]+(?:encrypted[ \t]+)?"
        rf"{fail_closed()}",
        ADTRAN,
        "VRRP authentication string (clear or encrypted)",
    ),
]
