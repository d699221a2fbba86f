"""XML configurations: pfSense and OPNsense config.xml, WatchGuard Fireware profiles.

The generic XML rule knows the common element names; these are the ones these products add.
Values may be wrapped in CDATA.
"""

from __future__ import annotations

from ._syntax import XML_FIREWALLS, rule

_TAGS = (
    r"bcrypt-hash|sha512-hash|md5-hash|nt-hash|password|passwd|secret|pre-shared-key|"
    r"presharedkey|privatekey|privkey|psk|prv|shared_key|tls|radius_secret\d?|ldap_bindpw|"
    r"community|rocommunity|rwcommunity|trapstring|md5sigpass|md5-key|apikey|otp_seed|"
    r"admin-passphrase|config-passphrase|passphrase|auth-password|priv-password|"
    r"shared-secret|search-password|private-key|trap-community|authkey|key"
)

RULES = [
    rule(
        "xml-firewall-element",
        rf"(?i)<(?P<tag>{_TAGS})>(?P<secret>(?:<!\[CDATA\[(?s:.*?)\]\]>|[^<])+)</(?P=tag)>",
        XML_FIREWALLS,
        "secret elements of config.xml / Fireware XML (users, IPsec, OpenVPN, WireGuard, "
        "RADIUS/LDAP, SNMP, CARP, certificates' private keys, API keys)",
    ),
]
