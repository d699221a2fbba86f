"""Citrix ADC / NetScaler rules (ns.conf: "add|set object name -option value")."""

from __future__ import annotations

from ._syntax import CITRIX, fail_closed, rule

# The options that follow a secret value (a secret may itself start with '-', so any other
# word after a one-token value makes the rest of the line the secret).
_OPTIONS = (r"-(?:encrypted|encryptmethod|hashmethod|kek|suffix|timeout|srcip|secure|accounting|"
            r"username|lifetime|privtype|privpasswd|authtype|group|externalauth|"
            r"allowedmanagementinterface|ldaploginname|sectype|serverip|serverport|promptstring|"
            r"expirymonitor|notificationperiod|comment)")
_VALUE = fail_closed(_OPTIONS)
_COMMUNITY = fail_closed(_OPTIONS + r"|get|get_next|get_bulk|set|all")

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
        rf"psk|passcrypt|secret|sharedSecret|passPhrase|clientSecret|bindPassword|"
        rf"communityName|preSharedKey)(?:[ \t]+){_VALUE}",
        CITRIX,
        "secret options given in clear text",
    ),
    rule(
        "netscaler-user-password",
        rf"^[ \t]*(?:add|set)[ \t]+system[ \t]+user[ \t]+\S+[ \t]+(?!-){_VALUE}",
        CITRIX,
        "system user passwords",
    ),
    rule(
        "netscaler-snmp-community",
        rf"^[ \t]*add[ \t]+snmp[ \t]+community[ \t]+{_COMMUNITY}",
        CITRIX,
        "SNMP communities",
    ),
]
