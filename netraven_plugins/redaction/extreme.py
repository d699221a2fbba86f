"""Extreme Networks rules: ExtremeXOS, VOSS, SLX-OS and ERS (BOSS)."""

from __future__ import annotations

from ._syntax import VALUE, SecretSyntax, fail_closed, rule

EXOS = frozenset({"extreme_exos"})
VOSS_ERS = frozenset({"extreme_voss", "extreme_ers"})
ERS = frozenset({"extreme_ers"})
SLX = frozenset({"extreme_slx"})

# What may follow a VOSS/ERS SNMPv3 authentication password: the privacy protocol, views.
_VOSS_PRIV = "aes|des|3des|aes128|aes256"
_VOSS_VIEWS = "read-view|write-view|notify-view"

RULES = [
    rule(
        "exos-encrypted",
        # Accounts, RADIUS/TACACS+ shared secrets, SNMP communities, OSPF/BGP/VRRP/NTP keys: EXOS
        # prints every stored secret after "encrypted", sometimes with its type in between.
        r"(?<![\w-])encrypted" + SecretSyntax("", r"md5|sha|simple-password|\d+", "name|user").value(),
        EXOS,
        "every value EXOS shows after 'encrypted'",
    ),
    rule(
        "exos-localized-key",
        r"(?<![\w-])localized-key[ \t]+" + fail_closed("privacy"),
        EXOS,
        "SNMPv3 localized authentication and privacy keys",
    ),
    rule(
        "exos-simple-password",
        r"(?<![\w-])simple-password[ \t]+(?!encrypted\b)" + fail_closed(),
        EXOS,
        "OSPF/VRRP simple passwords typed in clear",
    ),
    rule(
        "voss-ers-snmpv3-user",
        # "snmp-server user nms group "g" sha AUTH aes PRIV" (no "auth" keyword before the digest)
        r"^[ \t]*snmp-server[ \t]+user[ \t].*?[ \t](?:md5|sha\d*)[ \t]+"
        + fail_closed(f"{_VOSS_PRIV}|{_VOSS_VIEWS}", "secret_auth")
        + rf"(?:[ \t]+(?:{_VOSS_PRIV})[ \t]+" + fail_closed(_VOSS_VIEWS, "secret_priv") + ")?",
        VOSS_ERS,
        "SNMPv3 user authentication and privacy passwords",
    ),
    rule(
        "voss-ers-ntp-key",
        r"^[ \t]*ntp[ \t]+authentication-key[ \t]+\d+" + SecretSyntax("", "md5|sha1?").value(),
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
        r"(?<![\w-])hello-auth[ \t]+type[ \t]+(?:simple|hmac-md5|hmac-sha-?256)[ \t]+key[ \t]+"
        + fail_closed("key-id"),
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
        r"^[ \t]*cli[ \t]+password[ \t]+(?:read-only|read-write)[ \t]+" + fail_closed(),
        ERS,
        "read-only and read-write switch passwords",
    ),
    rule(
        "ers-username",
        rf"^[ \t]*username[ \t]+{VALUE}[ \t]+" + fail_closed("ro|rw"),
        ERS,
        "local user passwords ('username NAME PASSWORD ro|rw')",
    ),
    rule(
        "slx-snmpv3-passwords",
        r"^[ \t]*snmp-server[ \t]+user[ \t].*?\bauth-password[ \t]+" + fail_closed("priv", "secret_auth")
        + r"(?:.*?\bpriv-password[ \t]+" + fail_closed("encrypted", "secret_priv") + ")?",
        SLX,
        "SNMPv3 auth-password and priv-password values",
    ),
    rule(
        "slx-snmp-host-community",
        r"^[ \t]*snmp-server[ \t]+(?:v3)?host[ \t]+\S+[ \t]+(?:1|2c)[ \t]+"
        + fail_closed("use-vrf|udp-port|severity-level"),
        SLX,
        "community of an SNMPv1/v2c notification host ('host ADDR 2c COMMUNITY')",
    ),
    rule(
        "slx-vrrp-authentication",
        r"^[ \t]*authentication[ \t]+(?:md5|simple-text|text)" + SecretSyntax("", r"\d").value(),
        SLX,
        "VRRP(-E) group authentication keys",
    ),
]
