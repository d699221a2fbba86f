"""Cisco Small Business (Sx300/Sx350/CBS) rules.

These switches print stored secrets with an ``encrypted`` prefix in front of the whole command
("encrypted radius-server key ..."), which the generic rules, anchored on the command word, miss.
"""

from __future__ import annotations

from ._syntax import CISCO_SB, CISCO_TRAILERS, fail_closed, rule

# What follows a one-token value on these switches, besides the Cisco words.
_TRAILERS = CISCO_TRAILERS + r"|priority|usage|source|deadtime|weight|type|su"

RULES = [
    rule(
        "sb-aaa-server-key",
        rf"^(?:encrypted[ \t]+)?(?:radius-server|tacacs-server)[ \t]+(?:host[ \t]+\S+[ \t]+(?:.*?[ \t])?)?"
        rf"key[ \t]+{fail_closed(_TRAILERS)}",
        CISCO_SB,
        "RADIUS/TACACS+ default and per-host keys",
    ),
    rule(
        "sb-sntp-key",
        rf"^(?:encrypted[ \t]+)?sntp[ \t]+authentication-key[ \t]+\d+[ \t]+md5[ \t]+{fail_closed()}",
        CISCO_SB,
        "SNTP authentication keys",
    ),
    rule(
        "sb-snmp-community",
        rf"^encrypted[ \t]+snmp-server[ \t]+community[ \t]+{fail_closed(_TRAILERS)}",
        CISCO_SB,
        "encrypted SNMP communities",
    ),
    rule(
        "sb-snmpv3-user",
        r"^(?:encrypted[ \t]+)?snmp-server[ \t]+user[ \t].*?\bauth[ \t]+(?:md5|sha\S*)[ \t]+"
        rf"{fail_closed('priv', 'secret_auth')}"
        rf"(?:[ \t]+priv[ \t]+(?:(?:des|aes\S*)[ \t]+)?{fail_closed(name='secret_priv')})?",
        CISCO_SB,
        "SNMPv3 user keys (also the encrypted form)",
    ),
]
