"""VyOS and EdgeOS rules ('show configuration commands': "set path ... keyword 'value'")."""

from __future__ import annotations

from ._syntax import VYATTA, fail_closed, rule

# A quoted or bare value, failing closed; an empty '' (no password set) is not a secret.
_VALUE = r"(?!''(?:\s|$))" + fail_closed()
# A community is a node: its settings follow its name on the same line.
_COMMUNITY = r"(?!''(?:\s|$))" + fail_closed("authorization|network|client|address|port")

RULES = [
    rule(
        "keep-vyatta-psk-id",
        # "authentication psk NAME id X": NAME names the key, the generic "psk" rule must not
        # take it for the key itself.
        r"^[ \t]*set[ \t]+vpn[ \t]+ipsec[ \t]+authentication[ \t]+psk[ \t]+\S+[ \t]+"
        r"(?:id|dhcp-interface)[ \t][^\n]*",
        VYATTA,
        "keeps IPsec PSK names and identities",
    ),
    rule(
        "vyatta-secret",
        rf"^[ \t]*set[ \t].*?(?<![\w-])(?:encrypted-password|plaintext-password|password|"
        rf"pre-shared-secret|secret|md5-key|private-key|preshared-key|shared-secret-key|"
        rf"(?:server|radius-server)[ \t]+\S+(?:[ \t]+port[ \t]+\d+)?[ \t]+key|private[ \t]+key|"
        rf"shared-secret[ \t]+\S+[ \t]+key|keys[ \t]+id[ \t]+\S+[ \t]+key|otp[ \t]+key)"
        rf"[ \t]+(?!(?:type|id)[ \t]){_VALUE}",
        VYATTA,
        "login, SNMPv3, VRRP, OSPF/RIP/BGP, PPPoE/L2TP, IPsec, WireGuard, PKI and AAA secrets",
    ),
    rule(
        "vyatta-snmp-community",
        rf"^[ \t]*set[ \t]+service[ \t]+snmp[ \t]+(?:community|trap-target[ \t]+\S+[ \t]+community)"
        rf"[ \t]+{_COMMUNITY}",
        VYATTA,
        "SNMP community names",
    ),
    rule(
        "edgeos-unms-key",
        # "wss://host:443+KEY+allowSelfSignedCert": the key authenticates the router to UNMS.
        r"^[ \t]*set[ \t]+service[ \t]+unms[ \t]+connection[ \t]+'?[^+'\s]*\+(?P<secret>[^'\s]+?)"
        r"(?:\+allow\w+)*'?[ \t\r]*$",
        VYATTA,
        "UNMS/UISP connection key",
    ),
    rule(
        "vyatta-url-credentials",
        r"^[ \t]*set[ \t].*?\b[a-z][\w+.-]*://[^:/@\s']+:(?P<secret>[^\s']+)@[^@\s']*(?:'|[ \t\r]|$)",
        VYATTA,
        "passwords in commit-archive and other URLs (scp/sftp/ftp://user:password@host)",
    ),
]
