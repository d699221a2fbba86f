"""Dell EMC Networking rules: OS6 / PowerConnect (FASTPATH heritage), OS9 (FTOS) and OS10.

The generic rules already cover most of these platforms' Cisco-like syntax (``username ...
password``, ``enable secret 5``, ``tacacs-server host ... key 7``, ``snmp-server community``);
these add what differs: OS6/PowerConnect sub-mode lines are not indented, SNMPv3 keys are named
``auth-sha-key``, OSPF and VRRP keys follow ``authentication simple|encrypt``.
"""

from __future__ import annotations

from ._syntax import SecretSyntax, fail_closed, rule

OS6 = frozenset({"dell_os6", "dell_powerconnect"})
OS9_OS10 = frozenset({"dell_os9", "dell_os10"})

# What follows an OS6 SNMPv3 auth key: the privacy keyword of the same user.
_OS6_PRIV = r"priv-(?:des|3des|aes128)(?:-key)?"

RULES = [
    rule(
        "dell-os6-submode-key",
        # "key 7 "..."" inside "radius server host"/"tacacs-server host", printed unindented.
        r"^[ \t]*key(?![ \t]+(?:chain|pubkey-chain|config-key)\b)" + SecretSyntax("", "[07]").value(),
        OS6,
        "RADIUS/TACACS+ server keys in unindented server sub-modes",
    ),
    rule(
        "dell-os6-snmpv3-keys",
        r"^[ \t]*snmp-server[ \t]+user[ \t].*?\bauth-(?:md5|sha)(?:-key)?[ \t]+"
        + fail_closed(_OS6_PRIV, "secret_auth")
        + rf"(?:.*?\b(?:{_OS6_PRIV})[ \t]+" + fail_closed(name="secret_priv") + ")?",
        OS6,
        "SNMPv3 user auth-md5/auth-sha(-key) and priv-des(-key) values",
    ),
    rule(
        "dell-os6-snmp-host-version",
        r"^[ \t]*snmp-server[ \t]+host[ \t]+\S+[ \t]+(?:traps[ \t]+|informs[ \t]+)?version[ \t]+"
        r"(?:1|2)[ \t]+" + fail_closed("udp-port|filter|timeout|retries"),
        OS6,
        "community of an SNMPv1/v2 notification host ('version 2 \"community\"')",
    ),
    rule(
        "dell-os6-authentication-simple-encrypt",
        r"^[ \t]*(?:ip[ \t]+ospf|vrrp[ \t]+\d+)[ \t]+authentication[ \t]+(?:simple|encrypt)"
        r"[ \t]+" + fail_closed(r"\d+"),
        OS6,
        "OSPF and VRRP simple/encrypt authentication keys",
    ),
    rule(
        "dell-ftos-authentication-type",
        r"^[ \t]*authentication-type" + SecretSyntax("", r"simple(?:-text)?|md5|[079]").value(),
        OS9_OS10,
        "VRRP group authentication-type simple/md5 keys",
    ),
    rule(
        "dell-ftos-snmpv3-keys",
        r"^[ \t]*snmp-server[ \t]+user[ \t].*?\bauth[ \t]+(?:md5|sha)[ \t]+"
        + fail_closed("priv", "secret_auth")
        + r"(?:.*?\bpriv" + SecretSyntax("", "des56|aes128-cfb|aes128|aes|des|3des").value("secret_priv")
        + ")?",
        OS9_OS10,
        "SNMPv3 user keys, including the 'priv aes128-cfb' cipher name",
    ),
]
