"""Cumulus Linux NVUE ("nv set ..." commands) and SONiC (CONFIG_DB JSON) rules."""

from __future__ import annotations

from ._syntax import CUMULUS, SONIC, fail_closed, rule

_PRIV_KEY = r"encrypt-(?:des|aes)"

RULES = [
    rule(
        "nvue-secret",
        # "... readonly-community NAME access any", "... community-password X version 2c",
        # "... username U auth-sha X encrypt-aes Y": each keyword is followed by its value.
        rf"^[ \t]*nv[ \t]+set[ \t].*?(?<![\w-])(?:hashed-password|password|secret|md5-key|"
        rf"readonly-community(?:-v6)?|community-password|key)[ \t]+{fail_closed('access|version')}",
        CUMULUS,
        "NVUE user passwords/hashes, AAA secrets, BGP/OSPF keys, SNMP communities",
    ),
    rule(
        "nvue-snmpv3-keys",
        r"^[ \t]*nv[ \t]+set[ \t]+service[ \t]+snmp-server[ \t]+username[ \t]+\S+.*?"
        rf"(?<![\w-])auth-(?:md5|sha)[ \t]+{fail_closed(_PRIV_KEY, 'secret_auth')}"
        rf"(?:.*?(?<![\w-]){_PRIV_KEY}[ \t]+{fail_closed(name='secret_priv')})?",
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
        # A word in front of the quoted name (unknown to this rule) does not hide it.
        r"^[ \t]*(?:[^\s\"][^\n\"]*[ \t]+)?\"(?P<secret>(?:[^\"\\\n]|\\.)+)\"[ \t]*:[ \t]*\{"
        r"[ \t]*\r?\n[ \t]*\"TYPE\"[ \t]*:"
        r"[ \t]*\"R[OW]\"",
        SONIC,
        "SNMP community names (keys of SNMP_COMMUNITY)",
    ),
]
