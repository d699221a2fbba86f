"""Dell EMC Networking rules: OS6 / PowerConnect (FASTPATH heritage), OS9 (FTOS) and OS10.

The generic rules already cover most of these platforms' Cisco-like syntax (``username ...
password``, ``enable secret 5``, ``tacacs-server host ... key 7``, ``snmp-server community``);
these add what differs: OS6/PowerConnect sub-mode lines are not indented, SNMPv3 keys are named
``auth-sha-key``, OSPF and VRRP keys follow ``authentication simple|encrypt``.
"""

from __future__ import annotations

from ._syntax import VALUE, rule

OS6 = frozenset({"dell_os6", "dell_powerconnect"})
OS9_OS10 = frozenset({"dell_os9", "dell_os10"})

RULES = [
    rule(
        "dell-os6-submode-key",
        # "key 7 "..."" inside "radius server host"/"tacacs-server host", printed unindented.
        rf"^[ \t]*key(?:[ \t]+[07])?[ \t]+(?!chain\b|pubkey-chain\b|config-key\b)(?P<secret>{VALUE})",
        OS6,
        "RADIUS/TACACS+ server keys in unindented server sub-modes",
    ),
    rule(
        "dell-os6-snmpv3-keys",
        rf"^[ \t]*snmp-server[ \t]+user[ \t].*?\bauth-(?:md5|sha)(?:-key)?[ \t]+(?P<secret_auth>{VALUE})"
        rf"(?:.*?\bpriv-(?:des|3des|aes128)(?:-key)?[ \t]+(?P<secret_priv>{VALUE}))?",
        OS6,
        "SNMPv3 user auth-md5/auth-sha(-key) and priv-des(-key) values",
    ),
    rule(
        "dell-os6-snmp-host-version",
        rf"^[ \t]*snmp-server[ \t]+host[ \t]+\S+[ \t]+(?:traps[ \t]+|informs[ \t]+)?version[ \t]+"
        rf"(?:1|2)[ \t]+(?P<secret>{VALUE})",
        OS6,
        "community of an SNMPv1/v2 notification host ('version 2 \"community\"')",
    ),
    rule(
        "dell-os6-authentication-simple-encrypt",
        rf"^[ \t]*(?:ip[ \t]+ospf|vrrp[ \t]+\d+)[ \t]+authentication[ \t]+(?:simple|encrypt)"
        rf"[ \t]+(?P<secret>{VALUE})",
        OS6,
        "OSPF and VRRP simple/encrypt authentication keys",
    ),
    rule(
        "dell-ftos-authentication-type",
        rf"^[ \t]*authentication-type[ \t]+(?:simple(?:-text)?|md5)(?:[ \t]+[07])?[ \t]+(?P<secret>{VALUE})",
        OS9_OS10,
        "VRRP group authentication-type simple/md5 keys",
    ),
    rule(
        "dell-ftos-snmpv3-keys",
        rf"^[ \t]*snmp-server[ \t]+user[ \t].*?\bauth[ \t]+(?:md5|sha)[ \t]+(?P<secret_auth>{VALUE})"
        rf"(?:.*?\bpriv[ \t]+(?:des56|aes128-cfb|aes128|aes|des|3des)[ \t]+(?P<secret_priv>{VALUE}))?",
        OS9_OS10,
        "SNMPv3 user keys, including the 'priv aes128-cfb' cipher name",
    ),
]
