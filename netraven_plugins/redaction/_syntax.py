"""Regex fragments shared by the rule modules (kept tiny so each rule stays readable).

Rules fail closed: after a secret keyword, a value in a form the rule knows (a quoted string,
or one token that ends the line or is followed by a word the syntax allows there) is replaced
alone; anything else — a type word the rule has never seen (``password sha3 X``), a value with
blanks — makes the rest of the line the secret (:func:`fail_closed`, :class:`SecretSyntax`).
Rules are compiled case-insensitively, so keywords are written in lower case.
"""

from __future__ import annotations

from dataclasses import dataclass

from netraven_core.models import RedactionRule

QUOTED = r"""(?:"(?:[^"\\\n]|\\.)*"|'[^'\n]*')"""
# One token.  A trailing ';' (Junos, PAN-OS) is not part of it unless something other than
# space follows it.
ONE_WORD = r"\S+?(?=;?(?:[ \t\r]|$))"
# A value: a double- or single-quoted string, or one token.
VALUE = rf"(?:{QUOTED}|{ONE_WORD})"
# The rest of the line, without trailing blanks or a final ';'.
REST = r"\S[^\n]*?(?=;?[ \t\r]*$)"
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

# What may follow a one-token value on a Cisco-style line (and the other CLIs that copy it):
# user attributes, SNMP access words, AAA server options, IKE peers, NTP trust.
CISCO_TRAILERS = (
    r"role|privilege|level|encrypted|pbkdf2|nt-encrypted|mschap|ro|rw|view|group|vrf|port|"
    r"auth-port|acct-port|timeout|retransmit|single-connection|authentication|accounting|"
    r"address|hostname|ipv6|trusted|localizedkey|access|use-acl|use-ipv4acl|use-ipv6acl|"
    r"authorization|clients|operator|manager|restricted|unrestricted|udp-port|priv|"
    r"key-type|server-key|version"
)


def fail_closed(trailers: str = "", name: str = "secret") -> str:
    """The group ``name`` holding a value, failing closed.

    A quoted string, or one token that ends the line or is followed by one of ``trailers``
    (regex alternatives: what the syntax allows after the value), is the value alone; any other
    shape is not one the rule knows, so the value is the rest of the line.  The marker is one
    token that ends the line or comes before the same trailer, so redaction stays idempotent.
    """
    after = r";?[ \t\r]*$"
    if trailers:
        after += rf"|[ \t]+(?:{trailers})(?=[ \t;\r]|$)"
    return rf"(?P<{name}>{QUOTED}|{ONE_WORD}(?={after})|{REST})"


@dataclass(frozen=True)
class SecretSyntax:
    """A platform family's secret keywords and the value forms it knows.

    ``keywords`` and ``type_words`` are regex alternatives; type words (encryption types,
    ``level N``) may sit between a keyword and its value; ``trailers`` are the words that may
    follow a one-token value on the same line.  :meth:`value` is what comes after a keyword.
    """

    keywords: str
    type_words: str
    trailers: str = ""

    def value(self, name: str = "secret") -> str:
        """Type words (taken possessively: a type word is never the secret), then a value
        that fails closed."""
        return (rf"(?:[ \t]+(?:{self.type_words})(?=[ \t]|$))*+[ \t]+{NOT_A_VALUE}"
                + fail_closed(self.trailers, name))

    def pattern(self, prefix: str = r"(?<![\w-])") -> str:
        """``prefix``, a keyword, and :meth:`value`."""
        return rf"{prefix}(?:{self.keywords}){self.value()}"


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
         description: str = "", everywhere: bool = False) -> RedactionRule:
    return RedactionRule(name=name, pattern=pattern, platforms=platforms, description=description,
                         everywhere=everywhere)
