"""ArubaOS controller and Aruba Instant rules.

Both print stored secrets as hex ciphertext (or in clear text after "encrypt disable" /
"show running-config no-encrypt"); the value's position after its keyword is what the rules
rely on.
"""

from __future__ import annotations

from ._syntax import ARUBA_INSTANT, ARUBA_OS, ARUBA_WIRELESS, fail_closed, rule

# Built-in management roles: before the secret on a controller, after it on Instant.
_USER_ROLES = (r"read-only|guest-provisioning|network-operations|location-api-mgmt|nbapi-mgmt|"
               r"ap-provisioning|standard")
_INSTANT_USER_TYPES = r"portal|guest|employee|radius"
_SNMP_PRIVACY = r"(?:priv-prot[ \t]+)?(?:des|aes\S*)"

RULES = [
    rule(
        "aruba-mgmt-user",
        # Controllers: "mgmt-user NAME ROLE SECRET"; Instant: "mgmt-user NAME SECRET [read-only]".
        rf"^mgmt-user[ \t]+\S+[ \t]+(?:(?:root|{_USER_ROLES})[ \t]+)?{fail_closed(_USER_ROLES)}",
        ARUBA_WIRELESS,
        "management user passwords",
    ),
    rule(
        "aruba-hash-mgmt-user",
        rf"^hash-mgmt-user[ \t]+\S+[ \t]+password[ \t]+(?:hash|cleartext)[ \t]+"
        rf"{fail_closed('usertype')}",
        ARUBA_WIRELESS,
        "hashed management user passwords",
    ),
    rule(
        "aruba-keywords",
        rf"(?<![\w-])(?:bkup-passwords|ap-console-password|admin-password|admin-passwd|"
        rf"virtual-controller-key|mesh-passphrase|wpa-hexkey|ams-key|vrrp-passphrase)[ \t]+"
        rf"{fail_closed()}",
        ARUBA_WIRELESS,
        "AP backup and console passwords, LDAP bind passwords, Instant VC and mesh keys",
    ),
    rule(
        "aruba-ipsec-key",
        rf"^(?:masterip|localip)[ \t]+\S+[ \t]+ipsec[ \t]+{fail_closed('interface|fqdn')}",
        ARUBA_OS,
        "controller-to-conductor IPsec keys",
    ),
    rule(
        "aruba-crypto-local-isakmp-key",
        rf"^crypto-local[ \t]+isakmp[ \t]+key[ \t]+{fail_closed('address|fqdn|netmask')}",
        ARUBA_OS,
        "IKE pre-shared keys of a controller's local crypto configuration",
    ),
    rule(
        "aruba-snmpv3-user",
        r"^snmp-server[ \t]+user[ \t]+\S+[ \t]+(?:auth-prot[ \t]+)?(?:md5|sha\S*)[ \t]+"
        rf"{fail_closed(_SNMP_PRIVACY, 'secret_auth')}"
        rf"(?:[ \t]+{_SNMP_PRIVACY}[ \t]+{fail_closed(name='secret_priv')})?",
        ARUBA_WIRELESS,
        "SNMPv3 user authentication and privacy keys",
    ),
    rule(
        "aruba-vrrp-authentication",
        rf"^[ \t]+authentication[ \t]+(?!message-digest\b|null\b){fail_closed()}",
        ARUBA_OS,
        "VRRP authentication password",
    ),
    rule(
        "aruba-instant-user",
        rf"^user[ \t]+\S+[ \t]+(?=\S[^\n]*[ \t](?:{_INSTANT_USER_TYPES})\b)"
        rf"{fail_closed(_INSTANT_USER_TYPES)}",
        ARUBA_INSTANT,
        "Instant internal user database passwords",
    ),
]
