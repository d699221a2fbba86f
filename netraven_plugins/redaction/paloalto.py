"""Palo Alto Networks PAN-OS rules (hierarchical, set and XML formats).

PAN-OS encrypts stored secrets as '-AQ==...' blobs; those go wherever they appear.  phash values
are crypt hashes (generic rule); XML elements are handled generically too.
"""

from __future__ import annotations

from ._syntax import NOT_A_VALUE, PANOS, fail_closed, rule

_KEYWORDS = (
    r"phash|password|password-hash|key|private-key|authpwd|privpwd|snmp-community-string|"
    r"bind-password|secret|shared-secret|psk|passphrase|api-key|auth-password|priv-password"
)

RULES = [
    rule(
        "panos-encrypted-blob",
        r"(?<![\w-])(?P<secret>-AQ==[A-Za-z0-9+/=]+)",
        PANOS,
        "PAN-OS encrypted values",
    ),
    rule(
        "panos-keyword",
        rf"^[ \t]*(?:set[ \t].*?[ \t])?(?:{_KEYWORDS})[ \t]+{NOT_A_VALUE}" + fail_closed(),
        PANOS,
        "secret attributes: phash, key, authpwd/privpwd, snmp-community-string ...",
    ),
]
