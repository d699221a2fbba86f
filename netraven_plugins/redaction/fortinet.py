"""Fortinet FortiOS rules.

FortiOS prints stored secrets as 'ENC <base64>' with a fresh salt on every fetch, so they must
go for the configuration to compare equal between fetches as well as for secrecy.
"""

from __future__ import annotations

from ._syntax import FORTINET, fail_closed, rule

_KEYWORDS = (
    r"password|passwd|psksecret|psksecret-remote|secret|key|passphrase|sae-password|auth-pwd|"
    r"priv-pwd|ppk-secret|ldap-password|tacacs-key|radius-key|api-key|private-key-password|"
    r"query-password|server-password|key-string|authentication-key|md5-key|auth-password|"
    r"priv-password|wpa-passphrase|sso-password|login-password"
)

_ENTRIES = 8  # community entries redacted by "fortios-snmp-community-section"


def _community_section() -> str:
    """``config system snmp community`` followed by up to ``_ENTRIES`` entries, each
    ``edit N`` / ``set name "<community>"``.  Lines between entries must be indented at least as
    deep as the ``edit`` lines, which stops the match at the section's ``end``."""
    entry = (r"(?P=ind)edit[ \t]+\d+[ \t]*\r?\n[ \t]*set[ \t]+name[ \t]+"
             + fail_closed(name="secret{n}").replace("{", "{{").replace("}", "}}")
             .replace("{{n}}", "{n}") + r"[^\n]*\n")
    skip = r"(?:(?!(?P=ind)edit\b)(?P=ind)[^\n]*\n)*?"
    pattern = ""
    for n in range(_ENTRIES, 1, -1):
        pattern = f"(?:{skip}{entry.format(n=n)}{pattern})?"
    first = (r"(?P<ind>[ \t]*)edit[ \t]+\d+[ \t]*\r?\n[ \t]*set[ \t]+name[ \t]+"
             + fail_closed(name="secret1") + r"[^\n]*\n")
    return r"^[ \t]*config[ \t]+system[ \t]+snmp[ \t]+community[ \t]*\r?\n" + first + pattern


RULES = [
    rule(
        "fortios-enc",
        r"^[ \t]*set [\w-]+(?: \S+)*? enc " + fail_closed(),
        FORTINET,
        "every 'set ... ENC <value>'",
    ),
    rule(
        "fortios-plain-secret",
        rf"^[ \t]*set (?:{_KEYWORDS})(?: \d+)? (?:enc )?" + fail_closed(),
        FORTINET,
        "secrets set in clear text",
    ),
    rule(
        "fortios-snmp-community-section",
        _community_section(),
        FORTINET,
        "SNMP community names: the 'set name' right after each 'edit N' of the section",
    ),
    rule(
        "fortios-snmp-community",
        # The community string is the entry's 'set name'; the look-ahead (still inside the same
        # edit block) recognises an SNMP community entry by its attributes.
        r"^[ \t]*set[ \t]+name[ \t]+" + fail_closed() + r"[ \t]*\r?\n"
        r"(?=(?:[ \t]*set[ \t][^\n]*\n)*?[ \t]*(?:config[ \t]+hosts6?\b|"
        r"set[ \t]+(?:query|trap)-v(?:1|2c)-))",
        FORTINET,
        "SNMP community names",
    ),
]
