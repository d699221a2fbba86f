"""Cisco AireOS controller rules (the Catalyst 9800 shares the IOS XE rules).

``show run-config commands`` prints one ``config ...`` command per line; the secret's position
in each command is fixed, so each rule names the words before it.
"""

from __future__ import annotations

from ._syntax import AIREOS, fail_closed, rule

# A WLAN id follows a WLAN key.
_WLAN_ID = r"\d+"
_USER_TRAILERS = r"read-write|read-only|lobby-admin|wlan|usertype|lifetime|description"

RULES = [
    rule(
        "keep-aireos-akm-switches",
        # No secret group: "... akm psk enable 2" turns PSK on for WLAN 2; "enable" is no key.
        r"^config[ \t]+wlan[ \t]+security[ \t]+wpa[ \t]+akm[ \t]+\S+[ \t]+(?:enable|disable)\b[^\n]*",
        AIREOS,
        "keeps the AKM on/off commands",
    ),
    rule(
        "aireos-mgmtuser",
        r"^config[ \t]+(?:mgmtuser|netuser)[ \t]+(?:add(?:[ \t]+encrypt)?|password)[ \t]+\S+[ \t]+"
        rf"{fail_closed(_USER_TRAILERS)}",
        AIREOS,
        "management and local network user passwords",
    ),
    rule(
        "aireos-snmp-community",
        r"^config[ \t]+snmp[ \t]+community[ \t]+(?:create|delete|accessmode[ \t]+\S+|mode[ \t]+\S+|"
        r"ipaddr[ \t]+\S+[ \t]+\S+|ipv6mode[ \t]+\S+)[ \t]+"
        rf"{fail_closed()}",
        AIREOS,
        "SNMP community names, wherever a command repeats them",
    ),
    rule(
        "aireos-snmpv3-user",
        r"^config[ \t]+snmp[ \t]+v3user[ \t]+create[ \t]+\S+[ \t]+\S+[ \t]+\S+[ \t]+\S+"
        r"(?:[ \t]+(?P<secret_auth>\S+))?"
        rf"(?:[ \t]+{fail_closed(name='secret_priv')})?",
        AIREOS,
        "SNMPv3 user authentication and privacy keys",
    ),
    rule(
        "aireos-aaa-server-key",
        r"^config[ \t]+(?:radius|tacacs)[ \t]+(?:auth|acct|athr)[ \t]+add[ \t]+\d+[ \t]+\S+[ \t]+\d+"
        r"[ \t]+(?:ascii|hex)[ \t]+"
        rf"{fail_closed()}",
        AIREOS,
        "RADIUS and TACACS+ shared secrets",
    ),
    rule(
        "aireos-radius-keywrap",
        r"^config[ \t]+radius[ \t]+(?:auth|acct)[ \t]+keywrap[ \t]+add[ \t]+(?:ascii|hex)[ \t]+"
        rf"(?P<secret_kek>\S+)[ \t]+{fail_closed(name='secret_mack')}",
        AIREOS,
        "RADIUS key-wrap KEK and MACK keys",
    ),
    rule(
        "aireos-wlan-keys",
        r"^config[ \t]+wlan[ \t]+security[ \t]+(?:wpa[ \t]+akm[ \t]+psk[ \t]+set-key|"
        r"static-wep-key[ \t]+encryption[ \t]+\d+(?:[ \t]+\S+)?[ \t]+\d+)[ \t]+(?:ascii|hex)[ \t]+"
        rf"{fail_closed(_WLAN_ID)}",
        AIREOS,
        "WLAN pre-shared keys and static WEP keys",
    ),
    rule(
        "aireos-ldap-bind",
        r"^config[ \t]+ldap[ \t]+simple-bind[ \t]+authenticated[ \t]+\d+[ \t]+\S+[ \t]+"
        rf"{fail_closed()}",
        AIREOS,
        "LDAP bind password",
    ),
    rule(
        "aireos-ntp-key",
        r"^config[ \t]+time[ \t]+ntp[ \t]+key-auth[ \t]+add[ \t]+\d+[ \t]+\S+[ \t]+(?:ascii|hex)[ \t]+"
        rf"{fail_closed()}",
        AIREOS,
        "NTP authentication keys",
    ),
    rule(
        "aireos-enablesecret",
        rf"(?<![\w-])enablesecret[ \t]+{fail_closed()}",
        AIREOS,
        "AP management enable secret",
    ),
]
