"""Nokia rules: SR OS classic CLI and MD-CLI, SR Linux.

SR OS prints stored secrets hashed, followed by ``hash``/``hash2`` (after the quotes in the
classic CLI, inside them in MD-CLI); SR Linux prints them as ``$aes1$...`` blobs.  Passwords,
RADIUS/TACACS+ ``secret`` and routing ``authentication-key`` values are left to the generic rules.
"""

from __future__ import annotations

from ._syntax import fail_closed, rule

SROS = frozenset({"nokia_sros", "nokia_sros_mdcli"})
CLASSIC = frozenset({"nokia_sros"})
MDCLI = frozenset({"nokia_sros_mdcli"})
SRLINUX = frozenset({"nokia_srlinux"})
NOKIA = SROS | SRLINUX

# The access and version words that follow a classic-CLI SNMP community (not a policy one).
_SNMP_ACCESS = "r|rw|rwa|mgmt|vpls-mgmt|version"

RULES = [
    rule(
        "sros-classic-snmp-community",
        # Policy communities ('community "CUST" members "65000:100"') are not secrets; SNMP ones
        # are followed by their access and version.
        rf"^[ \t]*community[ \t]+(?=[^\n]*[ \t](?:{_SNMP_ACCESS})(?:[ \t]|$))"
        + fail_closed(f"hash2?|{_SNMP_ACCESS}"),
        CLASSIC,
        "SNMP community strings",
    ),
    rule(
        "sros-mdcli-snmp-community",
        # an unknown word before the opening quote takes it into the secret
        r"^[ \t]*community[ \t]+\"?(?P<secret>[^\n]*?)[ \t]+hash2?\"",
        MDCLI,
        "SNMP community strings (stored hashed)",
    ),
    rule(
        "sros-classic-snmpv3-keys",
        r"^[ \t]*authentication[ \t]+(?:md5|sha|sha224|sha256|sha384|sha512)[ \t]+"
        + fail_closed("privacy|hash2?", "secret_auth")
        + r"(?:[ \t]+privacy[ \t]+(?:des-key|aes-128-cfb-key|aes128cfb|aes\S*|des)[ \t]+"
        + fail_closed("hash2?", "secret_priv") + ")?",
        CLASSIC,
        "SNMPv3 user authentication and privacy keys",
    ),
    rule(
        "sros-hello-authentication-key",
        r"(?<![\w-])hello-authentication-key[ \t]+" + fail_closed("hash2?"),
        SROS,
        "IS-IS hello authentication keys",
    ),
    rule(
        "sros-ntp-authentication-key",
        r"(?<![\w-])authentication-key[ \t]+\d+[ \t]+key[ \t]+" + fail_closed("hash2?|type"),
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
        r"^[ \t]*(?:secret-key|privacy-key|authentication-key|community|psk|password)[ \t]+"
        + fail_closed(),
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
