"""Juniper Junos rules, curly-brace and 'display set' formats.

Junos tags every line that holds a secret with '## SECRET-DATA' in the curly format; set
format lines carry no tag, so the keywords are listed.  Hashes ($1$/$5$/$6$/$9$) are also
removed anywhere by the generic crypt-hash rule.
"""

from __future__ import annotations

from ._syntax import JUNIPER, NOT_A_VALUE, rule

_SET_KEYWORDS = (
    r"authentication-key[ \t]+\d+[ \t]+type[ \t]+\S+[ \t]+value|"
    r"encrypted-password|authentication-key|hello-authentication-key|secret|"
    r"pre-shared-key[ \t]+(?:ascii-text|hex-key)|authentication-password|privacy-password|"
    r"privacy-key|simple-password|md5[ \t]+\d+[ \t]+key|key(?=[ \t]+\")|psk|passphrase|password"
)

RULES = [
    rule(
        "junos-secret-data",
        r"^(?:[^\"\n]|\"[^\"\n]*\")*?\"(?P<secret>[^\"\n]*)\"[ \t]*;[ \t]*## SECRET-DATA",
        JUNIPER,
        "any value Junos itself tags as secret (curly format)",
    ),
    rule(
        "junos-set-secret",
        rf"^[ \t]*set[ \t].*?(?<![\w-])(?:{_SET_KEYWORDS})[ \t]+{NOT_A_VALUE}"
        r"(?P<secret>\"[^\"\n]*\"|\S+)",
        JUNIPER,
        "secrets in 'display set' format",
    ),
    rule(
        "junos-snmp-community",
        # "community public {" / "community public;" in the snmp stanza; policy-options
        # communities are followed by "members" and are not secrets.
        r"^[ \t]*community[ \t]+(?P<secret>\"[^\"\n]*\"|[^\s{;\"]+)[ \t]*[{;][ \t\r]*$",
        JUNIPER,
        "SNMP communities (curly format)",
    ),
]
