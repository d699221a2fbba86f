"""Linux rules: ifupdown interfaces, /etc/shadow, ipsec.secrets (key=value files are generic)."""

from __future__ import annotations

from ._syntax import LINUX, fail_closed, rule

RULES = [
    rule(
        "linux-ifupdown-wireless",
        r"^[ \t]*(?:wpa-psk|wpa-password|wpa-passphrase|wireless-key\d?|wpa-ap-password)[ \t]+"
        r"(?P<secret>\S.*?)[ \t\r]*$",
        LINUX,
        "wpasupplicant/wireless-tools options in /etc/network/interfaces",
    ),
    rule(
        "linux-shadow",
        r"^[\w.-]+:(?P<secret>(?![*!x]*:)[^:\n]+):\d*:",
        LINUX,
        "/etc/shadow password hashes",
    ),
    rule(
        "linux-ipsec-secrets",
        r":[ \t]*(?:psk|xauth|eap|ntlm|pin)[ \t]+" + fail_closed(),
        LINUX,
        "strongSwan/libreswan ipsec.secrets",
    ),
]
