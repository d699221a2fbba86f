"""Ciena SAOS rules (configuration as 'object verb' commands)."""

from __future__ import annotations

from ._syntax import fail_closed, rule

SAOS = frozenset({"ciena_saos"})

RULES = [
    rule(
        "saos-keyword-secrets",
        rf"(?<![\w-])(?:encrypted-secret|auth-password|priv-password|community-name|encrypted-password)"
        rf"[ \t]+{fail_closed('sec-name|priv-protocol|priv-password|auth-protocol|auth-password')}",
        SAOS,
        "RADIUS/TACACS+ keys, SNMPv3 passwords and SNMP communities",
    ),
]
