"""Cisco SD-WAN (Viptela OS) rules: stored secrets are "$8$" (AES) or "$6$" values, but each
secret-bearing leaf is listed so that a clear-text value typed by hand goes as well."""

from __future__ import annotations

from ._syntax import NOT_A_VALUE, VIPTELA, fail_closed, rule

RULES = [
    rule(
        "viptela-secret-leaf",
        rf"^[ \t]*(?:secret-key|auth-password|priv-password|pre-shared-secret|wpa-personal-key|"
        rf"community-name|community|password|key-string)[ \t]+{NOT_A_VALUE}{fail_closed()}",
        VIPTELA,
        "RADIUS/TACACS+ keys, SNMP communities and v3 passwords, IKE secrets, WLAN keys, "
        "user and BGP passwords",
    ),
    rule(
        "viptela-ntp-key",
        rf"^[ \t]*authentication[ \t]+\d+[ \t]+(?:md5|sha\S*)[ \t]+{fail_closed()}",
        VIPTELA,
        "NTP authentication keys",
    ),
]
