"""Juniper Junos rules, curly-brace and 'display set' formats.

Junos tags every line that holds a secret with '## SECRET-DATA' in the curly format; set
format lines carry no tag, so the keywords are listed.  Hashes ($1$/$5$/$6$/$9$) are also
removed anywhere by the generic crypt-hash rule.
"""

from __future__ import annotations

from ._syntax import JUNIPER, NOT_A_VALUE, QUOTED, fail_closed, rule

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
        rf"^[ \t]*set[ \t].*?(?<![\w-])(?:{_SET_KEYWORDS})[ \t]+{NOT_A_VALUE}" + fail_closed(),
        JUNIPER,
        "secrets in 'display set' format",
    ),
    rule(
        "junos-snmp-community",
        # "community public {" / "community public;" in the snmp stanza; policy-options
        # communities are followed by "members" and are not secrets.
        # Words before the '{' that are not one name are taken whole (fail closed).
        rf"^[ \t]*community[ \t]+(?!.*[ \t]members\b)(?P<secret>{QUOTED}|[^\s{{;\"][^{{;\n]*?)"
        r"[ \t]*[{;][ \t\r]*$",
        JUNIPER,
        "SNMP communities (curly format)",
    ),
]
