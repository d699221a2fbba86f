"""Cisco IOS / IOS XE / NX-OS / IOS XR / ASA rules beyond the generic ones.

IOS accepts spaces in clear-text passwords ("username x password 0 two words"), so on IOS and
IOS XE the value of a username, enable, line or neighbor password is the rest of the line.
"""

from __future__ import annotations

from ._syntax import CISCO, fail_closed, rule

# The Catalyst 9800 runs IOS XE; FTD prints the ASA (Lina) configuration.
IOS = frozenset({"cisco_ios", "cisco_xe", "cisco_wlc9800"})
ASA = frozenset({"cisco_asa", "cisco_ftd"})

RULES = [
    rule(
        "ios-username",
        r"^username[ \t]+\S+(?:[ \t]+\S+)*?[ \t]+(?:password|secret)(?:[ \t]+\d{1,2})?[ \t]+"
        r"(?P<secret>\S.*?)[ \t\r]*$",
        IOS,
        "IOS local user passwords and secrets of every type (0, 5, 7, 8, 9)",
    ),
    rule(
        "ios-enable",
        r"^enable[ \t]+(?:secret|password)(?:[ \t]+level[ \t]+\d+)?(?:[ \t]+\d{1,2})?[ \t]+"
        r"(?P<secret>\S.*?)[ \t\r]*$",
        IOS,
        "IOS enable secret/password",
    ),
    rule(
        "ios-line-password",
        r"^[ \t]+password(?:[ \t]+\d)?[ \t]+(?P<secret>\S.*?)[ \t\r]*$",
        IOS,
        "line con/vty/aux passwords",
    ),
    rule(
        "ios-neighbor-password",
        r"^[ \t]*neighbor[ \t]+\S+[ \t]+password(?:[ \t]+\d)?[ \t]+(?P<secret>\S.*?)[ \t\r]*$",
        IOS,
        "BGP neighbor passwords",
    ),
    rule(
        "ios-server-key",
        rf"^[ \t]*(?:client[ \t]+\S+(?:[ \t]+vrf[ \t]+\S+)?[ \t]+)?(?:server-key|pac[ \t]+key)"
        rf"(?:[ \t]+\d)?[ \t]+{fail_closed()}",
        IOS,
        "RADIUS dynamic-authorization client server-keys and RADIUS PAC keys",
    ),
    rule(
        "cisco-nhrp-authentication",
        r"^[ \t]*ip[ \t]+nhrp[ \t]+authentication[ \t]+" + fail_closed(),
        CISCO,
        "DMVPN NHRP authentication string",
    ),
    rule(
        "cisco-eigrp-interface-key",
        r"^[ \t]*authentication[ \t]+key[ \t]+eigrp[ \t]+\d+(?:[ \t]+\d)?[ \t]+" + fail_closed(),
        CISCO,
        "ASA interface EIGRP MD5 key",
    ),
    rule(
        "asa-failover-key",
        r"^[ \t]*failover[ \t]+(?:ipsec[ \t]+pre-shared-)?key(?:[ \t]+\d)?[ \t]+(?:hex[ \t]+)?"
        + fail_closed(),
        ASA,
        "ASA failover key",
    ),
    rule(
        "asa-aaa-passwords",
        r"^[ \t]*(?:ldap-login-password|radius-common-pw)[ \t]+" + fail_closed(),
        ASA,
        "ASA LDAP bind password and RADIUS common password",
    ),
]
