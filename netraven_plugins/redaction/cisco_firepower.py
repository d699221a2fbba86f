"""Cisco FXOS rules (FTD prints the ASA configuration: the Cisco/ASA rules cover it)."""

from __future__ import annotations

from ._syntax import FXOS, NOT_A_VALUE, fail_closed, rule

RULES = [
    rule(
        "fxos-set-secret",
        rf"^[ \t]*set[ \t]+(?:key|password|priv-password|auth-password|encrypted-password|"
        rf"(?:snmp[ \t]+)?community|ntp-sha1-key-string|shared-secret|secret)[ \t]+"
        rf"{NOT_A_VALUE}{fail_closed()}",
        FXOS,
        "FXOS 'set' commands holding secrets: RADIUS/TACACS+ keys, LDAP bind and local-user "
        "passwords, SNMP communities and v3 passwords, NTP keys",
    ),
]
