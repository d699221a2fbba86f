"""ArubaOS controller and Aruba Instant rules.

Both print stored secrets as hex ciphertext (or in clear text after "encrypt disable" /
"show running-config no-encrypt"); the value's position after its keyword is what the rules
rely on.
"""

from __future__ import annotations

from ._syntax import ARUBA_INSTANT, ARUBA_OS, ARUBA_WIRELESS, VALUE, rule

RULES = [
    rule(
        "aruba-mgmt-user",
        # Controllers: "mgmt-user NAME ROLE SECRET"; Instant: "mgmt-user NAME SECRET [read-only]".
        r"^mgmt-user[ \t]+\S+[ \t]+(?:(?:root|read-only|guest-provisioning|network-operations|"
        r"location-api-mgmt|nbapi-mgmt|ap-provisioning|standard)[ \t]+)?(?P<secret>\S+)",
        ARUBA_WIRELESS,
        "management user passwords",
    ),
    rule(
        "aruba-hash-mgmt-user",
        rf"^hash-mgmt-user[ \t]+\S+[ \t]+password[ \t]+(?:hash|cleartext)[ \t]+(?P<secret>{VALUE})",
        ARUBA_WIRELESS,
        "hashed management user passwords",
    ),
    rule(
        "aruba-keywords",
        rf"(?<![\w-])(?:bkup-passwords|ap-console-password|admin-password|admin-passwd|"
        rf"virtual-controller-key|mesh-passphrase|wpa-hexkey|ams-key|vrrp-passphrase)[ \t]+"
        rf"(?P<secret>{VALUE})",
        ARUBA_WIRELESS,
        "AP backup and console passwords, LDAP bind passwords, Instant VC and mesh keys",
    ),
    rule(
        "aruba-ipsec-key",
        rf"^(?:masterip|localip)[ \t]+\S+[ \t]+ipsec[ \t]+(?P<secret>{VALUE})",
        ARUBA_OS,
        "controller-to-conductor IPsec keys",
    ),
    rule(
        "aruba-crypto-local-isakmp-key",
        rf"^crypto-local[ \t]+isakmp[ \t]+key[ \t]+(?P<secret>{VALUE})",
        ARUBA_OS,
        "IKE pre-shared keys of a controller's local crypto configuration",
    ),
    rule(
        "aruba-snmpv3-user",
        r"^snmp-server[ \t]+user[ \t]+\S+[ \t]+(?:auth-prot[ \t]+)?(?:md5|sha\S*)[ \t]+(?P<secret_auth>\S+)"
        r"(?:[ \t]+(?:priv-prot[ \t]+)?(?i:des|aes\S*)[ \t]+(?P<secret_priv>\S+))?",
        ARUBA_WIRELESS,
        "SNMPv3 user authentication and privacy keys",
    ),
    rule(
        "aruba-vrrp-authentication",
        rf"^[ \t]+authentication[ \t]+(?!message-digest\b|null\b)(?P<secret>{VALUE})[ \t\r]*$",
        ARUBA_OS,
        "VRRP authentication password",
    ),
    rule(
        "aruba-instant-user",
        r"^user[ \t]+\S+[ \t]+(?P<secret>\S+)[ \t]+(?:portal|guest|employee|radius)\b",
        ARUBA_INSTANT,
        "Instant internal user database passwords",
    ),
]
