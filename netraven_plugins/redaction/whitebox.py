"""Cumulus Linux NVUE ("nv set ..." commands) and SONiC (CONFIG_DB JSON) rules."""

from __future__ import annotations

from ._syntax import CUMULUS, SONIC, VALUE, rule

RULES = [
    rule(
        "nvue-secret",
        # "... readonly-community NAME access any", "... community-password X version 2c",
        # "... username U auth-sha X encrypt-aes Y": each keyword is followed by its value.
        rf"^[ \t]*nv[ \t]+set[ \t].*?(?<![\w-])(?:hashed-password|password|secret|md5-key|"
        rf"readonly-community(?:-v6)?|community-password|key)[ \t]+(?P<secret>{VALUE})",
        CUMULUS,
        "NVUE user passwords/hashes, AAA secrets, BGP/OSPF keys, SNMP communities",
    ),
    rule(
        "nvue-snmpv3-keys",
        r"^[ \t]*nv[ \t]+set[ \t]+service[ \t]+snmp-server[ \t]+username[ \t]+\S+.*?"
        r"(?<![\w-])auth-(?:md5|sha)[ \t]+(?P<secret_auth>\S+)"
        r"(?:.*?(?<![\w-])encrypt-(?:des|aes)[ \t]+(?P<secret_priv>\S+))?",
        CUMULUS,
        "NVUE SNMPv3 user authentication and privacy keys",
    ),
    rule(
        "sonic-json-secret",
        r"\"(?:passkey|[\w]*password|bind_pw|primary_cak|primary_ckn|fallback_cak|fallback_ckn|"
        r"auth_key|value|SNMP_USER_(?:AUTH|ENCRYPTION)_PASSWORD)\"[ \t]*:[ \t]*"
        r"\"(?P<secret>(?:[^\"\\\n]|\\.)*)\"",
        SONIC,
        "TACACS+/RADIUS passkeys, BGP and LDAP passwords, MACsec keys, NTP keys, SNMPv3 keys",
    ),
    rule(
        "sonic-snmp-community",
        # Communities are the keys of SNMP_COMMUNITY entries, each holding a "TYPE": "RO"/"RW".
        r"^[ \t]*\"(?P<secret>(?:[^\"\\\n]|\\.)+)\"[ \t]*:[ \t]*\{[ \t]*\r?\n[ \t]*\"TYPE\"[ \t]*:"
        r"[ \t]*\"R[OW]\"",
        SONIC,
        "SNMP community names (keys of SNMP_COMMUNITY)",
    ),
]
