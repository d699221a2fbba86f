"""Nokia rules: SR OS classic CLI and MD-CLI, SR Linux.

SR OS prints stored secrets hashed, followed by ``hash``/``hash2`` (after the quotes in the
classic CLI, inside them in MD-CLI); SR Linux prints them as ``$aes1$...`` blobs.  Passwords,
RADIUS/TACACS+ ``secret`` and routing ``authentication-key`` values are left to the generic rules.
"""

from __future__ import annotations

from ._syntax import VALUE, rule

SROS = frozenset({"nokia_sros", "nokia_sros_mdcli"})
CLASSIC = frozenset({"nokia_sros"})
MDCLI = frozenset({"nokia_sros_mdcli"})
SRLINUX = frozenset({"nokia_srlinux"})
NOKIA = SROS | SRLINUX

RULES = [
    rule(
        "sros-classic-snmp-community",
        # Policy communities ('community "CUST" members "65000:100"') are not secrets; SNMP ones
        # are followed by their access and version.
        rf"^[ \t]*community[ \t]+(?P<secret>{VALUE})(?=(?:[ \t]+hash2?)?[ \t]+(?:r|rw|rwa|mgmt|"
        rf"vpls-mgmt|version)\b)",
        CLASSIC,
        "SNMP community strings",
    ),
    rule(
        "sros-mdcli-snmp-community",
        r"^[ \t]*community[ \t]+\"(?P<secret>[^\"\n]*?)[ \t]+hash2?\"",
        MDCLI,
        "SNMP community strings (stored hashed)",
    ),
    rule(
        "sros-classic-snmpv3-keys",
        rf"^[ \t]*authentication[ \t]+(?:md5|sha|sha224|sha256|sha384|sha512)[ \t]+(?P<secret_auth>{VALUE})"
        rf"(?:[ \t]+privacy[ \t]+(?:des-key|aes-128-cfb-key|aes128cfb|aes\S*|des)[ \t]+"
        rf"(?P<secret_priv>{VALUE}))?",
        CLASSIC,
        "SNMPv3 user authentication and privacy keys",
    ),
    rule(
        "sros-hello-authentication-key",
        rf"(?<![\w-])hello-authentication-key[ \t]+(?P<secret>{VALUE})",
        SROS,
        "IS-IS hello authentication keys",
    ),
    rule(
        "sros-ntp-authentication-key",
        rf"(?<![\w-])authentication-key[ \t]+\d+[ \t]+key[ \t]+(?P<secret>{VALUE})",
        CLASSIC,
        "NTP authentication keys ('authentication-key 1 key \"...\" hash2 type message-digest')",
    ),
    rule(
        "keep-nokia-key-list-entry",
        # No secret group: "authentication-key 1 {" (MD-CLI) and "key 0 {" (SR Linux keychain)
        # open a list entry; the key is inside it.
        r"^[ \t]*(?:key|authentication-key|message-digest-key)[ \t]+\d+[ \t]*\{[ \t]*$",
        NOKIA,
        "keeps key list entries",
    ),
    rule(
        "srlinux-secret-leaves",
        rf"^[ \t]*(?:secret-key|privacy-key|authentication-key|community|psk|password)[ \t]+"
        rf"(?P<secret>{VALUE})",
        SRLINUX,
        "TACACS+/RADIUS secret-key, SNMP community and keys, keychain keys",
    ),
    rule(
        "nokia-encrypted-blob",
        r"(?<![\w$])(?P<secret>\$aes\d?\$[^\s\"';]+)",
        NOKIA,
        "SR Linux $aes1$ encrypted values wherever they appear",
    ),
]
