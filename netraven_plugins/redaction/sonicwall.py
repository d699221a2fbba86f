"""SonicWall SonicOS rules ('show current-config': indented "keyword value" lines)."""

from __future__ import annotations

from ._syntax import SONICWALL, fail_closed, rule

RULES = [
    rule(
        "sonicos-secret",
        # Encrypted values are "1,<hex>"; some releases print them in clear.
        rf"^[ \t]*(?:\S.*?[ \t])?(?:password|shared-secret|secret|bind-password|passphrase|"
        rf"pre-shared-key|psk|md5(?=[ \t]+\d,)|get-community|trap-community|community)"
        rf"(?:[ \t]+default)?[ \t]+{fail_closed()}",
        SONICWALL,
        "admin/user passwords, RADIUS/LDAP secrets, VPN shared secrets, WLAN and OSPF keys, "
        "SNMP communities",
    ),
]
