"""Alcatel-Lucent Enterprise OmniSwitch AOS rules.

AOS writes server keys and routing keys in its snapshot as ``hash-key``/``encrypt-key`` values
(hex, but a secret all the same); local users live in a separate user table, not in the
snapshot.
"""

from __future__ import annotations

from ._syntax import fail_closed, rule

AOS = frozenset({"alcatel_aos"})

RULES = [
    rule(
        "aos-hash-key",
        rf"(?<![\w-])(?:hash-key|encrypt-key|auth-key)[ \t]+"
        rf"{fail_closed('user|retransmit|timeout|port|auth-port|acct-port|base|type|vrf')}",
        AOS,
        "RADIUS/TACACS+/LDAP server keys, OSPF/BGP MD5 keys and OSPF simple keys",
    ),
    rule(
        "aos-snmp-community-map",
        rf"^[ \t]*snmp[ \t]+community-map[ \t]+(?!mode[ \t])(?:hash-key[ \t]+)?{fail_closed('user')}",
        AOS,
        "SNMP community mapped to a user (clear or hashed)",
    ),
]
