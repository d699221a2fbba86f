"""Arista EOS rules beyond the generic ones (sha512 secrets are generic: 'secret sha512 ...')."""

from __future__ import annotations

from ._syntax import ARISTA, VALUE, rule

RULES = [
    rule(
        "eos-macsec-key",
        rf"^[ \t]+key[ \t]+[0-9A-Fa-f]+[ \t]+\d[ \t]+(?P<secret>{VALUE})",
        ARISTA,
        "MACsec connectivity association keys ('key CKN 7 CAK')",
    ),
]
