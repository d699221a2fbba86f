"""Citrix ADC / NetScaler rules (ns.conf: "add|set object name -option value")."""

from __future__ import annotations

from ._syntax import CITRIX, rule

_VALUE = r"(?:\"(?:[^\"\\\n]|\\.)*\"|\S+)"

RULES = [
    rule(
        "netscaler-encrypted-value",
        # Whatever option it belongs to, the value in front of "-encrypted" is a secret.
        r"(?<!\S)(?P<secret>\"[^\"\n]*\"|[^\s\"]+)[ \t]+-encrypted(?![\w-])",
        CITRIX,
        "every value the ADC stores encrypted (user hashes, RADIUS/LDAP/TACACS+ keys, SNMPv3...)",
    ),
    rule(
        "netscaler-secret-option",
        rf"(?<![\w-])-(?:password|radKey|tacacsSecret|ldapBindDnPassword|authPasswd|privPasswd|"
        rf"psk|passcrypt|secret|sharedSecret|passPhrase|kek|clientSecret|bindPassword|"
        rf"communityName|preSharedKey)(?:[ \t]+)(?P<secret>{_VALUE})",
        CITRIX,
        "secret options given in clear text",
    ),
    rule(
        "netscaler-user-password",
        rf"^[ \t]*(?:add|set)[ \t]+system[ \t]+user[ \t]+\S+[ \t]+(?!-)(?P<secret>{_VALUE})",
        CITRIX,
        "system user passwords",
    ),
    rule(
        "netscaler-snmp-community",
        rf"^[ \t]*add[ \t]+snmp[ \t]+community[ \t]+(?P<secret>{_VALUE})",
        CITRIX,
        "SNMP communities",
    ),
]
