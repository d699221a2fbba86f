"""Arista EOS rules beyond the generic ones (sha512 secrets are generic: 'secret sha512 ...')."""

from __future__ import annotations

from ._syntax import ARISTA, fail_closed, rule

RULES = [
    rule(
        "eos-macsec-key",
        r"^[ \t]+key[ \t]+[0-9a-f]+[ \t]+\d[ \t]+" + fail_closed(),
        ARISTA,
        "MACsec connectivity association keys ('key CKN 7 CAK')",
    ),
]
