"""Cisco Small Business (Sx300/Sx350/CBS) rules.

These switches print stored secrets with an ``encrypted`` prefix in front of the whole command
("encrypted radius-server key ..."), which the generic rules, anchored on the command word, miss.
"""

from __future__ import annotations

from ._syntax import CISCO_SB, VALUE, rule

RULES = [
    rule(
        "sb-aaa-server-key",
        rf"^(?:encrypted[ \t]+)?(?:radius-server|tacacs-server)[ \t]+(?:host[ \t]+\S+[ \t]+(?:.*?[ \t])?)?"
        rf"key[ \t]+(?P<secret>{VALUE})",
        CISCO_SB,
        "RADIUS/TACACS+ default and per-host keys",
    ),
    rule(
        "sb-sntp-key",
        rf"^(?:encrypted[ \t]+)?sntp[ \t]+authentication-key[ \t]+\d+[ \t]+md5[ \t]+(?P<secret>{VALUE})",
        CISCO_SB,
        "SNTP authentication keys",
    ),
    rule(
        "sb-snmp-community",
        rf"^encrypted[ \t]+snmp-server[ \t]+community[ \t]+(?P<secret>{VALUE})",
        CISCO_SB,
        "encrypted SNMP communities",
    ),
    rule(
        "sb-snmpv3-user",
        r"^(?:encrypted[ \t]+)?snmp-server[ \t]+user[ \t].*?\bauth[ \t]+(?:md5|sha\S*)[ \t]+"
        r"(?P<secret_auth>\S+)(?:[ \t]+priv[ \t]+(?:(?:des|aes\S*)[ \t]+)?(?P<secret_priv>\S+))?",
        CISCO_SB,
        "SNMPv3 user keys (also the encrypted form)",
    ),
]
