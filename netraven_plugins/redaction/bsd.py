"""FreeBSD / OpenBSD rules: ifconfig wireless and WireGuard keys, daemon configuration files."""

from __future__ import annotations

from ._syntax import VALUE, fail_closed, rule

BSD = frozenset({"bsd"})

RULES = [
    rule(
        "bsd-ifconfig-keys",
        rf"(?<![\w-])(?:wpakey|wgkey|wgpsk|nwkey)[ \t]+"
        rf"{fail_closed('wgendpoint|wgaip|wgpka|wgrtable|wgdescr|wgpsk|nwid|up|down')}",
        BSD,
        "hostname.if / rc.conf wireless and WireGuard keys",
    ),
    rule(
        "bsd-ospfd-auth-md5",
        rf"^[ \t]*auth-md5[ \t]+\d+[ \t]+{fail_closed()}",
        BSD,
        "ospfd/ospf6d/ripd MD5 keys",
    ),
    rule(
        "bsd-snmpd-community-and-keys",
        rf"(?:^[ \t]*(?:read-only|read-write|trap)[ \t]+community|(?<![\w-])(?:authkey|enckey))"
        rf"[ \t]+{fail_closed('enc|enckey|auth|authkey')}",
        BSD,
        "OpenBSD snmpd communities and SNMPv3 user keys",
    ),
    rule(
        "bsd-bsnmpd-community",
        rf"^[ \t]*(?:read|write|trap)[ \t]*:=[ \t]*(?P<secret>{VALUE})",
        BSD,
        "FreeBSD bsnmpd (snmpd.config) communities",
    ),
    rule(
        "bsd-md5sig-key",
        rf"(?<![\w-])md5sig[ \t]+key[ \t]+{fail_closed()}",
        BSD,
        "OpenBGPD TCP MD5 signature key",
    ),
    rule(
        "bsd-manual-ipsec-keys",
        r"(?<![\w-])ipsec[ \t]+(?:esp|ah)[ \t]+(?:in|out)[ \t]+spi[ \t]+\S+[ \t]+\S+[ \t]+"
        r"(?P<secret>\S+)(?:[ \t]+\S+[ \t]+(?P<secret_enc>\S+))?",
        BSD,
        "OpenBGPD manually keyed IPsec (authentication and encryption keys)",
    ),
    rule(
        "bsd-ppp-authkey",
        r"^[ \t]*set[ \t]+(?:authkey|key)[ \t]+(?P<secret>\S.*?)[ \t\r]*$",
        BSD,
        "FreeBSD ppp.conf CHAP/PAP secret",
    ),
    rule(
        "bsd-wpa-wep-key",
        r"^[ \t]*wep_key[0-3][ \t]*=[ \t]*(?P<secret>\"[^\"\n]*\"|\S+)",
        BSD,
        "wpa_supplicant.conf WEP keys (psk= and password= are generic key=value rules)",
    ),
]
