"""Regex fragments shared by the rule modules (kept tiny so each rule stays readable)."""

from __future__ import annotations

from netraven_core.models import RedactionRule

# A value: a double- or single-quoted string, or one token.  A trailing ';' (Junos, PAN-OS)
# is not part of the value unless something other than space follows it.
VALUE = r"""(?:"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|\S+?(?=;?(?:[ \t\r]|$)))"""
# Encryption/hash type words that sit between a keyword and its value.
CISCO_TYPE = r"(?:\d{1,2}|sha512|sha256|md5|encrypted|hashed|ciphertext|plaintext|cleartext|clear)"

# Words that follow "password"/"secret" without being a secret (exact words only: a secret that
# merely starts like one, e.g. "changeme", is still a secret).
NOT_A_VALUE = (
    r"(?!(?:encryption|min-length|minimum|minimum-length|maximum|maximum-length|policy|profile|"
    r"complexity|history|lifetime|expire|expiry|expiration|aging|recovery|prompt|change|"
    r"change-type|change-interval|retry|retries|restriction|restrictions|strength-check|format|"
    r"required|length|reuse|lockout|attempts|secure-mode|nopassword|level|manager|operator|"
    r"port-access|user-name)(?:\s|$)|[{}\[\]];?(?:\s|$))"
)

CISCO = frozenset({"cisco_ios", "cisco_xe", "cisco_nxos", "cisco_xr", "cisco_asa", "cisco_ftd",
                   "cisco_wlc9800"})
ARISTA = frozenset({"arista_eos"})
JUNIPER = frozenset({"juniper_junos"})
PROCURVE = frozenset({"hp_procurve"})
AOSCX = frozenset({"aruba_aoscx"})
FORTINET = frozenset({"fortinet"})
PANOS = frozenset({"paloalto_panos"})
MIKROTIK = frozenset({"mikrotik_routeros"})
LINUX = frozenset({"linux"})
CUMULUS = frozenset({"cumulus_nvue"})
SONIC = frozenset({"sonic"})
VYATTA = frozenset({"vyos", "ubiquiti_edgeos"})
EDGESWITCH = frozenset({"ubiquiti_edgeswitch"})
GAIA = frozenset({"checkpoint_gaia"})
F5 = frozenset({"f5_tmsh"})
CITRIX = frozenset({"citrix_adc"})
SONICWALL = frozenset({"sonicwall_sonicos"})
XML_FIREWALLS = frozenset({"watchguard_fireware", "pfsense", "opnsense"})
FXOS = frozenset({"cisco_fxos"})
AIREOS = frozenset({"cisco_aireos"})
CISCO_SB = frozenset({"cisco_sb"})
VIPTELA = frozenset({"cisco_viptela"})
SCREENOS = frozenset({"juniper_screenos"})
COMWARE = frozenset({"hp_comware"})
HUAWEI = frozenset({"huawei_vrp", "huawei_usg"})
# Comware and VRP share their configuration language (and most secret syntaxes).
VRP_LIKE = COMWARE | HUAWEI
ARUBA_OS = frozenset({"aruba_os"})
ARUBA_INSTANT = frozenset({"aruba_instant"})
ARUBA_WIRELESS = ARUBA_OS | ARUBA_INSTANT


def rule(name: str, pattern: str, platforms: frozenset[str] = frozenset(),
         description: str = "") -> RedactionRule:
    return RedactionRule(name=name, pattern=pattern, platforms=platforms, description=description)
