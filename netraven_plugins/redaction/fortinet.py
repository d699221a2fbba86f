"""Fortinet FortiOS rules.

FortiOS prints stored secrets as 'ENC <base64>' with a fresh salt on every fetch, so they must
go for the configuration to compare equal between fetches as well as for secrecy.
"""

from __future__ import annotations

from ._syntax import FORTINET, rule

_VALUE = r"(?:\"(?:[^\"\\\n]|\\.)*\"|\S+)"
_KEYWORDS = (
    r"password|passwd|psksecret|psksecret-remote|secret|key|passphrase|sae-password|auth-pwd|"
    r"priv-pwd|ppk-secret|ldap-password|tacacs-key|radius-key|api-key|private-key-password|"
    r"query-password|server-password|key-string|authentication-key|md5-key|auth-password|"
    r"priv-password|wpa-passphrase|sso-password|login-password"
)

RULES = [
    rule(
        "fortios-enc",
        r"^[ \t]*set [\w-]+(?: \S+)*? ENC (?P<secret>\S+)",
        FORTINET,
        "every 'set ... ENC <value>'",
    ),
    rule(
        "fortios-plain-secret",
        rf"^[ \t]*set (?:{_KEYWORDS})(?: \d+)? (?:ENC )?(?P<secret>{_VALUE})",
        FORTINET,
        "secrets set in clear text",
    ),
    rule(
        "fortios-snmp-community",
        # The community string is the entry's 'set name'; the look-ahead (still inside the same
        # edit block) recognises an SNMP community entry by its attributes.
        rf"^[ \t]*set[ \t]+name[ \t]+(?P<secret>{_VALUE})[ \t]*\r?\n"
        r"(?=(?:[ \t]*set[ \t]+[\w-]+.*\r?\n)*?[ \t]*(?:config[ \t]+hosts6?\b|"
        r"set[ \t]+(?:query|trap)-v(?:1|2c)-))",
        FORTINET,
        "SNMP community names",
    ),
]
