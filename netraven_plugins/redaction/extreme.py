"""Extreme Networks rules: ExtremeXOS, VOSS, SLX-OS and ERS (BOSS)."""

from __future__ import annotations

from ._syntax import VALUE, rule

EXOS = frozenset({"extreme_exos"})
VOSS_ERS = frozenset({"extreme_voss", "extreme_ers"})
ERS = frozenset({"extreme_ers"})
SLX = frozenset({"extreme_slx"})

RULES = [
    rule(
        "exos-encrypted",
        # Accounts, RADIUS/TACACS+ shared secrets, SNMP communities, OSPF/BGP/VRRP/NTP keys: EXOS
        # prints every stored secret after "encrypted", sometimes with its type in between.
        rf"(?<![\w-])encrypted[ \t]+(?:(?:md5|sha|simple-password)[ \t]+(?:\d+[ \t]+)?)?(?P<secret>{VALUE})",
        EXOS,
        "every value EXOS shows after 'encrypted'",
    ),
    rule(
        "exos-localized-key",
        rf"(?<![\w-])localized-key[ \t]+(?P<secret>{VALUE})",
        EXOS,
        "SNMPv3 localized authentication and privacy keys",
    ),
    rule(
        "exos-simple-password",
        rf"(?<![\w-])simple-password[ \t]+(?!encrypted\b)(?P<secret>{VALUE})",
        EXOS,
        "OSPF/VRRP simple passwords typed in clear",
    ),
    rule(
        "voss-ers-snmpv3-user",
        # "snmp-server user nms group "g" sha AUTH aes PRIV" (no "auth" keyword before the digest)
        rf"^[ \t]*snmp-server[ \t]+user[ \t].*?[ \t](?:md5|sha\d*)[ \t]+(?P<secret_auth>{VALUE})"
        rf"(?:[ \t]+(?:aes|des|3des|aes128|aes256)[ \t]+(?P<secret_priv>{VALUE}))?",
        VOSS_ERS,
        "SNMPv3 user authentication and privacy passwords",
    ),
    rule(
        "voss-ers-ntp-key",
        rf"^[ \t]*ntp[ \t]+authentication-key[ \t]+\d+[ \t]+(?:(?:md5|sha1?)[ \t]+)?(?P<secret>{VALUE})",
        VOSS_ERS,
        "NTP authentication keys (the key follows the key id)",
    ),
    rule(
        "keep-voss-ers-password-policy",
        # No secret group: password policy settings and NTP server lines (which name a key id).
        r"^[ \t]*(?:password[ \t]+(?:password-history|min-passwd-len|aging-time|default-lockout-time|"
        r"lockout|change-interval)\b|ntp[ \t]+server[ \t])[^\n]*",
        VOSS_ERS,
        "keeps password policy and NTP server lines",
    ),
    rule(
        "voss-isis-hello-auth",
        rf"(?<![\w-])hello-auth[ \t]+type[ \t]+(?:simple|hmac-md5|hmac-sha-?256)[ \t]+key[ \t]+"
        rf"(?P<secret>{VALUE})",
        VOSS_ERS,
        "IS-IS (SPBM) hello authentication keys",
    ),
    rule(
        "keep-ers-cli-password-mode",
        # No secret group: "cli password serial local" names the method, not a password.
        r"^[ \t]*cli[ \t]+password[ \t]+(?:serial|telnet|web|ssh)[ \t][^\n]*",
        ERS,
        "keeps 'cli password <access> <method>' lines",
    ),
    rule(
        "ers-cli-password",
        rf"^[ \t]*cli[ \t]+password[ \t]+(?:read-only|read-write)[ \t]+(?P<secret>{VALUE})",
        ERS,
        "read-only and read-write switch passwords",
    ),
    rule(
        "ers-username",
        rf"^[ \t]*username[ \t]+{VALUE}[ \t]+(?P<secret>{VALUE})(?=[ \t]+(?:ro|rw)\b|[ \t]*$)",
        ERS,
        "local user passwords ('username NAME PASSWORD ro|rw')",
    ),
    rule(
        "slx-snmpv3-passwords",
        rf"^[ \t]*snmp-server[ \t]+user[ \t].*?\bauth-password[ \t]+(?P<secret_auth>{VALUE})"
        rf"(?:.*?\bpriv-password[ \t]+(?P<secret_priv>{VALUE}))?",
        SLX,
        "SNMPv3 auth-password and priv-password values",
    ),
    rule(
        "slx-snmp-host-community",
        rf"^[ \t]*snmp-server[ \t]+(?:v3)?host[ \t]+\S+[ \t]+(?:1|2c)[ \t]+(?P<secret>{VALUE})",
        SLX,
        "community of an SNMPv1/v2c notification host ('host ADDR 2c COMMUNITY')",
    ),
    rule(
        "slx-vrrp-authentication",
        rf"^[ \t]*authentication[ \t]+(?:md5|simple-text|text)[ \t]+(?:\d[ \t]+)?(?P<secret>{VALUE})",
        SLX,
        "VRRP(-E) group authentication keys",
    ),
]
