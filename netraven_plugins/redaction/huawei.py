"""Huawei VRP / USG and HPE Comware / H3C rules.

Both print stored secrets as ciphertext after "cipher" (or "hash"), in clear text after
"simple" / "plain"; VRP wraps ciphertext in markers (%^%#...%^%#, %@%@...%@%@, @%@%...@%@%,
%$%$...%$%$) and writes irreversible hashes as $1a$...$, Comware writes $c$3$... and $h$6$....
Rules that start where a generic rule would (at "password", "pre-shared-key", "key") are needed
so that the generic rule does not take the "cipher" word for the secret.
"""

from __future__ import annotations

from ._syntax import VRP_LIKE, fail_closed, rule

_FORM = r"(?:cipher|simple|plain|hash|irreversible-cipher)"
# What these CLIs print after a one-token secret: SNMP ACLs/views, the SNMPv3 privacy key, the
# trap version, the WLAN cipher.
_TRAILERS = r"acl|mib-view|alias|privacy-mode|v1|v2c|v3|aes|tkip|aes-tkip"

RULES = [
    rule(
        "keep-vrp-cipher-algorithms",
        # No secret group: "ssh server cipher aes256_ctr", "ssh2 algorithm cipher aes128-ctr" list
        # algorithms, not ciphertext.
        r"^[ \t]*(?:ssh[ \t]+(?:server|client)|ssh2[ \t]+algorithm|ssh[ \t]+algorithm)[ \t]+cipher\b[^\n]*",
        VRP_LIKE,
        "keeps SSH cipher algorithm lists",
    ),
    rule(
        "vrp-cipher-blob",
        r"(?P<secret>%\^%#.*?%\^%#|%@%@.*?%@%@|@%@%.*?@%@%|%\$%\$.*?%\$%\$)",
        VRP_LIKE,
        "VRP ciphertext between its markers, anywhere",
    ),
    rule(
        "vrp-irreversible-hash",
        r"(?<![\w$])(?P<secret>(?:\$1a\$|\$1b\$|\$1c\$|\$1d\$)\S+)",
        VRP_LIKE,
        "VRP irreversible-cipher hashes ($1a$ $1b$ $1c$ $1d$)",
    ),
    rule(
        "comware-cipher-blob",
        r"(?<![\w$])(?P<secret>\$[ch]\$\d+\$\S+)",
        VRP_LIKE,
        "Comware $c$ ciphertext and $h$ hashes, anywhere",
    ),
    rule(
        "vrp-password",
        rf"(?<![\w-])password(?:[ \t]+(?:role|level)[ \t]+\S+)?[ \t]+{_FORM}[ \t]+{fail_closed(_TRAILERS)}",
        VRP_LIKE,
        "local-user, super, console, BGP peer and L2TP tunnel passwords",
    ),
    rule(
        "vrp-shared-key",
        rf"(?<![\w-])(?:pre-shared-key|shared-key)(?:[ \t]+address[ \t]+\S+(?:[ \t]+\d+\.\d+\.\d+\.\d+)?"
        rf"[ \t]+key)?(?:[ \t]+{_FORM})?[ \t]+{fail_closed(_TRAILERS)}",
        VRP_LIKE,
        "RADIUS/HWTACACS shared keys and IKE pre-shared keys",
    ),
    rule(
        "comware-scheme-key",
        rf"^[ \t]*(?:client[ \t]+ip[ \t]+\S+[ \t]+)?key(?:[ \t]+(?:authentication|accounting|"
        rf"authorization))?(?:[ \t]+{_FORM})?[ \t]+{fail_closed(_TRAILERS)}",
        VRP_LIKE,
        "RADIUS/HWTACACS scheme keys and RADIUS dynamic-authorization client keys",
    ),
    rule(
        "vrp-snmp-community",
        rf"^[ \t]*snmp-agent[ \t]+community[ \t]+(?:read|write)(?:[ \t]+{_FORM})?[ \t]+"
        rf"{fail_closed(_TRAILERS)}",
        VRP_LIKE,
        "SNMP communities (also the clear-text form of Comware 5)",
    ),
    rule(
        "vrp-snmp-securityname",
        rf"^(?![^\n]*\bv3\b)[ \t]*snmp-agent[ \t]+target-host[ \t].*?\bsecurityname"
        rf"(?:[ \t]+{_FORM})?[ \t]+{fail_closed(_TRAILERS)}",
        VRP_LIKE,
        "the community of an SNMPv1/v2c trap host",
    ),
    rule(
        "comware-usm-user",
        rf"^[ \t]*snmp-agent[ \t]+usm-user[ \t].*?\bauthentication-mode[ \t]+\S+[ \t]+(?!{_FORM}[ \t])"
        rf"{fail_closed('privacy-mode', 'secret_auth')}"
        rf"(?:[ \t]+privacy-mode[ \t]+\S+[ \t]+(?!{_FORM}[ \t]){fail_closed(name='secret_priv')})?",
        VRP_LIKE,
        "SNMPv3 keys written without a form word (Comware)",
    ),
    rule(
        "vrp-pass-phrase",
        rf"(?<![\w-])(?:psk[ \t]+)?pass-phrase(?:[ \t]+{_FORM})?[ \t]+{fail_closed(_TRAILERS)}",
        VRP_LIKE,
        "WLAN WPA/WPA2 pass-phrases",
    ),
    rule(
        "vrp-cipher-value",
        rf"(?<![\w-]){_FORM}(?:[ \t]+plain)?[ \t]+"
        # Algorithm names (not secrets) come in these exact forms; a value that merely starts
        # with "des" is a secret.
        rf"(?!(?:authentication-mode|privacy-mode|aes\d*(?:[-_]\w+)?|3des|des(?:56)?|sm4)(?:[ \t]|$))"
        rf"{fail_closed(_TRAILERS)}",
        VRP_LIKE,
        "any value after cipher/simple/plain/hash (OSPF, IS-IS, VRRP, NTP, SNMP keys)",
    ),
]
