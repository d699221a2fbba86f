"""Redaction: every catalogue platform's secrets go, everything else stays, and it is idempotent."""

from __future__ import annotations

import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netraven_core.configtext.redact import MARKER, Redactor, redact, scrub_secrets
from netraven_core.models import RedactionRule
from netraven_core.plugins import Registry, get_plugin_manager
from netraven_plugins.redaction import builtin_rules

from ..support.redaction_cases import PLATFORMS, TEMPLATES, fixture_secrets, fixture_text

REDACTOR = Redactor(builtin_rules())


@pytest.mark.parametrize("platform", PLATFORMS)
def test_fixture_leaves_no_secret(platform: str) -> None:
    secrets = fixture_secrets(platform)
    assert secrets, "every fixture lists its secrets"
    raw = fixture_text(platform)
    assert all(s in raw for s in secrets), "each listed secret is really in the fixture"
    out = REDACTOR.redact(raw, platform)
    assert [s for s in secrets if s in out] == []
    assert out.count(MARKER) >= len({s for s in secrets if not s.startswith(("MII", "Fgt"))}) // 2


@pytest.mark.parametrize("platform", PLATFORMS)
def test_fixture_lines_without_secrets_are_untouched(platform: str) -> None:
    """No over-redaction: a line that holds no secret comes out exactly as it went in."""
    raw = fixture_text(platform)
    secrets = fixture_secrets(platform)
    out_lines = set(REDACTOR.redact(raw, platform).splitlines())
    changed = [line for line in raw.splitlines()
               if not any(s in line for s in secrets) and line not in out_lines]
    assert changed == []


@pytest.mark.parametrize("platform", PLATFORMS)
def test_redaction_keeps_the_rest_of_each_line(platform: str) -> None:
    raw_lines = fixture_text(platform).splitlines()
    for after in REDACTOR.redact(fixture_text(platform), platform).splitlines():
        if MARKER in after and after.strip() != MARKER:
            # what precedes the marker (the keyword) is the start of an original line
            head = after.split(MARKER)[0]
            assert any(line.startswith(head) for line in raw_lines), after


@pytest.mark.parametrize("platform", PLATFORMS)
def test_redaction_is_idempotent(platform: str) -> None:
    once = REDACTOR.redact(fixture_text(platform), platform)
    assert REDACTOR.redact(once, platform) == once


@pytest.mark.parametrize("platform", PLATFORMS)
def test_crlf_text_is_redacted_too(platform: str) -> None:
    raw = fixture_text(platform).replace("\n", "\r\n")
    out = REDACTOR.redact(raw, platform)
    assert [s for s in fixture_secrets(platform) if s in out] == []


def test_plugin_registry_contributes_the_builtin_rules() -> None:
    names = {r.name for r in Registry().redaction_rules}
    assert {r.name for r in builtin_rules()} <= names
    assert len(names) == len(Registry().redaction_rules), "rule names are unique"


def test_every_rule_compiles_and_names_a_secret_group() -> None:
    import re

    for rule in builtin_rules():
        pattern = re.compile(rule.pattern, re.MULTILINE)
        secrets = [n for n in pattern.groupindex if n.startswith("secret")]
        assert secrets or rule.name.startswith("keep-"), rule.name
        assert rule.description, rule.name
        assert rule.platforms <= set(PLATFORMS), rule.name


# ----------------------------------------------------------------------------- not secrets


@pytest.mark.parametrize(("platform", "line"), [
    ("cisco_ios", "service password-encryption"),
    ("cisco_xe", "password encryption aes"),
    ("cisco_nxos", "no password strength-check"),
    ("cisco_ios", " key 1"),
    ("cisco_ios", " ip ospf authentication key-chain OSPF-KC"),
    ("cisco_ios", " ip authentication key-chain eigrp 100 EIGRP-KEYS"),
    ("cisco_ios", " neighbor 192.0.2.5 send-community both"),
    ("cisco_ios", " description Desk 2-14 (password reset kiosk)"),
    ("cisco_asa", "access-list OUTSIDE-IN remark allow password reset portal"),
    ("arista_eos", "username automation privilege 15 role network-admin nopassword"),
    ("arista_eos", "   authentication mode md5"),
    ("juniper_junos", "    community CUST-ROUTES members 65060:100;"),
    ("juniper_junos", "    authentication-order [ tacplus password ];"),
    ("juniper_junos", "        password {"),
    ("juniper_junos", "set system login password minimum-length 12"),
    ("juniper_junos", '                ssh-ed25519 "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5 a@b";'),
    ("fortinet", '        set key-type MD5'),
    ("fortinet", '        set name "LAN-to-WAN"'),
    ("paloalto_panos", "    password-complexity {"),
    ("mikrotik_routeros", 'add public-key="MkTkWgPeerPublicKeyBase64ValueStays012345="'),
    ("mikrotik_routeros", "add authentication-types=wpa2-psk mode=dynamic-keys name=corp"),
    ("linux", "    wpa-ssid \"BranchUplink\""),
    ("cisco_ios", "banner motd ^C\nUse your domain password to log in.\n^C"),
    ("cisco_nxos", "banner motd #password sharing is forbidden#"),
    ("arista_eos", "banner login\nKeep your password secret\nEOF"),
    (None, "hostname core-sw-01"),
    (None, "interface GigabitEthernet0/1"),
])
def test_look_alikes_stay(platform: str | None, line: str) -> None:
    assert REDACTOR.redact(line + "\n", platform) == line + "\n"


# ----------------------------------------------------------------------------- property tests

# Secrets of every shape a device accepts in a single token (no blanks, quotes, ';', '\').
_SECRET = st.text(alphabet=string.ascii_letters + string.digits + "!#%&*+,-./=?@^_~$()",
                  min_size=1, max_size=40).map(lambda s: s + "Zq9")

_CASES = [(platform, template) for platform, templates in TEMPLATES.items() for template in templates]


@pytest.mark.parametrize(("platform", "template"), _CASES, ids=[f"{p}:{t[:30]}" for p, t in _CASES])
@settings(max_examples=25, deadline=None)
@given(secret=_SECRET)
def test_random_secret_in_each_syntax_never_survives(platform: str, template: str, secret: str) -> None:
    text = template.replace("{s}", secret) + "\n"
    out = REDACTOR.redact(text, platform)
    assert secret not in out
    assert MARKER in out
    assert REDACTOR.redact(out, platform) == out


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=300))
def test_redaction_never_breaks_on_arbitrary_text(text: str) -> None:
    for platform in (None, "cisco_ios", "juniper_junos", "fortinet", "mikrotik_routeros"):
        once = REDACTOR.redact(text, platform)
        assert REDACTOR.redact(once, platform) == once


# ----------------------------------------------------------------------------- generic rules


@pytest.mark.parametrize(("text", "secret"), [
    ("root:$6$rounds=5000$abcdefgh$Q1w2E3r4T5y6U7i8O9p0:19000:0:99999:7:::", "Q1w2E3r4T5y6U7i8O9p0"),
    ("wpa_passphrase=Hostapd-Pass-123", "Hostapd-Pass-123"),
    ('network={\n    ssid="corp"\n    psk="Supplicant Psk 42"\n}', "Supplicant Psk 42"),
    ("[Interface]\nPrivateKey = yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=\n",
     "yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk="),
    ('{"username": "svc", "password": "Json-Secret-1"}', "Json-Secret-1"),
    ("password: Yaml-Secret-2", "Yaml-Secret-2"),
    ("<user><name>a</name><password>Xml-Secret-3</password></user>", "Xml-Secret-3"),
    ("username bob secret 5 $1$abcd$Generic0Md5Hash00000", "$1$abcd$Generic0Md5Hash00000"),
    ("snmp-server community Generic-Comm RO", "Generic-Comm"),
    ("some-os set admin password Unknown-Os-Pw", "Unknown-Os-Pw"),
])
def test_generic_rules_cover_unknown_platforms(text: str, secret: str) -> None:
    out = REDACTOR.redact(text, None)
    assert secret not in out
    assert MARKER in out


@pytest.mark.parametrize("kind", ["RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY",
                                  "OPENSSH PRIVATE KEY", "ENCRYPTED PRIVATE KEY"])
@pytest.mark.parametrize("platform", [None, "linux", "fortinet", "juniper_junos"])
def test_pem_private_key_bodies_go(kind: str, platform: str | None) -> None:
    body = ["MIIEowIBAAKCAQEAq7BFUpkGp3+LQmlQ", "Yx0kPbY3NzaC1lZDI1NTE5AAAAIKey+Body/Line2", "Zm9vYmFyYmF6=="]
    joined = "\n".join(body)
    text = f"before\n-----BEGIN {kind}-----\n{joined}\n-----END {kind}-----\nafter\n"
    out = REDACTOR.redact(text, platform)
    assert not any(line in out for line in body)
    assert out == f"before\n-----BEGIN {kind}-----\n{MARKER}\n-----END {kind}-----\nafter\n"


def test_pem_private_key_truncated_or_escaped() -> None:
    truncated = "-----BEGIN RSA PRIVATE KEY-----\nTruncatedBody0001\nTruncatedBody0002\n"
    assert "TruncatedBody" not in REDACTOR.redact(truncated, None)
    escaped = '{"key": "-----BEGIN PRIVATE KEY-----\\nEscapedBody0001\\n-----END PRIVATE KEY-----"}'
    out = REDACTOR.redact(escaped, None)
    assert "EscapedBody0001" not in out and "-----END PRIVATE KEY-----" in out


def test_certificates_stay() -> None:
    text = "-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTAN\n-----END CERTIFICATE-----\n"
    assert REDACTOR.redact(text, None) == text


def test_unknown_platform_gets_generic_rules_only() -> None:
    line = "set system admin password ENC Fortinet-Only\n"
    assert "Fortinet-Only" not in REDACTOR.redact(line, "no_such_platform")
    vendor_only = [r for r in builtin_rules() if r.platforms]
    assert {r.name for r in REDACTOR.rules_for(None)}.isdisjoint({r.name for r in vendor_only})


# ----------------------------------------------------------------------------- API


def test_third_party_rule_added_and_builtin_replaced_through_plugins() -> None:
    class Plugin:
        from netraven_core.hookspecs import hookimpl

        @hookimpl
        def netraven_redaction_rules(self):
            return [
                RedactionRule(name="acme-token", pattern=r"^api-token (?P<secret>\S+)",
                              platforms=frozenset({"cisco_ios"})),
                # same name as the built-in: replaces it (here: a rule that matches nothing)
                RedactionRule(name="snmp-community", pattern=r"(?!x)x(?P<secret>)"),
            ]

    rules = Registry(get_plugin_manager(extra_plugins=[Plugin()])).redaction_rules
    out = redact("api-token Acme-123\nsnmp-server community Public-Kept RO\n", "cisco_ios", rules)
    assert "Acme-123" not in out
    assert "snmp-server community Public-Kept RO" in out


def test_redact_convenience_uses_the_installed_plugins() -> None:
    assert redact("enable secret 9 $9$abc$defghijk\n", "cisco_ios") == f"enable secret 9 {MARKER}\n"
    assert redact("", "cisco_ios") == ""


def test_rules_beyond_one_combined_pattern_still_apply() -> None:
    rules = [RedactionRule(name="backref", pattern=r"^(\w+)=(?P<secret>\S+) \1$"),
             RedactionRule(name="flags", pattern=r"(?i)^TOKEN (?P<secret>\S+)"),
             RedactionRule(name="two", pattern=r"^pair (?P<secret_a>\S+) (?P<secret_b>\S+)")]
    out = Redactor(rules).redact("k=Backref-1 k\ntoken Flag-2\npair A-3 B-4\n", "x")
    assert out == f"k={MARKER} k\ntoken {MARKER}\npair {MARKER} {MARKER}\n"


def test_non_ascii_text_is_redacted() -> None:
    text = "hostname İstanbul-ş\nsnmp-server community Unicode-Comm RO\n description Ünïcödé\n"
    out = REDACTOR.redact(text, "cisco_ios")
    assert "Unicode-Comm" not in out and "İstanbul-ş" in out and "Ünïcödé" in out


def test_scrub_secrets_replaces_literal_values() -> None:
    msg = "login failed for admin with 'Pa$$ w0rd' (Pa$$ w0rd-old), enable 'En\\ab'"
    out = scrub_secrets(msg, ["Pa$$ w0rd", None, "", "Pa$$ w0rd-old", "En\\ab"])
    assert "w0rd" not in out and "En\\ab" not in out and "En\\\\ab" not in out
    assert out.startswith("login failed for admin with '<redacted>' (<redacted>)")
    assert scrub_secrets(repr("x\\y"), ["x\\y"]) == f"'{MARKER}'"
    assert scrub_secrets("nothing here", []) == "nothing here"
    assert scrub_secrets("", ["a"]) == ""


# ----------------------------------------------------------------------------- other shapes


def test_junos_display_set_format() -> None:
    from netraven_core.simulator.output import display_set

    text = display_set(fixture_text("juniper_junos"))
    out = REDACTOR.redact(text, "juniper_junos")
    assert [s for s in fixture_secrets("juniper_junos") if s in out] == []
    for kept in ("set system ntp server 10.60.0.123 key 1",
                 "set policy-options community CUST-ROUTES members 65060:100",
                 'set system login message "Authorised access only - password sharing is forbidden"'):
        assert kept in out


@pytest.mark.parametrize("platform", PLATFORMS)
@settings(max_examples=8, deadline=None)
@given(seed=st.integers(min_value=0, max_value=10**6))
def test_simulator_generated_configs_leave_no_secret(platform: str, seed: int) -> None:
    from netraven_core.simulator.configgen import generate

    generated = generate(platform, f"sim-{seed % 10000:04d}", seed=seed)
    out = REDACTOR.redact(generated.text, platform)
    assert [s for s in generated.secrets if s in out] == []
    assert REDACTOR.redact(out, platform) == out


@pytest.mark.parametrize(("line", "expected"), [
    ("password 7", "password <redacted>"),
    ("password 7 12", "password 7 <redacted>"),
    ("password 7 0822455D0A16", "password 7 <redacted>"),
    ("enable password level 15 7 0822455D0A16", "enable password level 15 7 <redacted>"),
    ("aaa root secret sha512 changeme", "aaa root secret sha512 <redacted>"),
    ("secret 0 formatted", "secret 0 <redacted>"),
    (" key 7 1545221503221327106213", " key 7 <redacted>"),  # an all-digit type 7 string
    (" key 1", " key 1"),  # a key chain's key id
    (" standby 1 authentication text/Zq9", " standby 1 authentication <redacted>"),  # not the word 'text'
    ("KEY_PASSWORD_FILE_PATH" + "x" * 5000 + "=v", "KEY_PASSWORD_FILE_PATH" + "x" * 5000 + "=<redacted>"),
])
def test_type_words_and_values_are_told_apart(line: str, expected: str) -> None:
    assert REDACTOR.redact(line, None) == expected


# Secrets with blanks, where the syntax allows them: quoted, or the rest of an IOS line.
_SPACED = st.text(alphabet=string.ascii_letters + string.digits + " !#%&*+,-./=?@^_~$()",
                  min_size=1, max_size=30).map(lambda s: "Zq9 " + s.strip() + " 9qZ")
_SPACED_CASES = [
    ("cisco_ios", "username guest password 0 {s}"),
    ("cisco_ios", "line vty 0 4\n password {s}"),
    ("cisco_ios", "router bgp 1\n neighbor 10.0.0.9 password {s}"),
    ("cisco_ios", "key chain K\n key 1\n  key-string {s}"),
    ("cisco_xe", "wlan W 1 W\n security wpa psk set-key ascii 0 {s}"),
    ("cisco_nxos", 'tacacs-server host 10.0.0.2 key 7 "{s}"'),
    ("juniper_junos", '            secret "{s}"; ## SECRET-DATA'),
    ("juniper_junos", 'set system tacplus-server 10.0.0.2 secret "{s}"'),
    ("hp_procurve", 'radius-server host 10.0.0.3 key "{s}"'),
    ("fortinet", '        set psksecret "{s}"'),
    ("mikrotik_routeros", 'add name=u password="{s}" profile=default'),
    ("linux", "    wpa-psk {s}"),
    ("linux", 'wpa_passphrase="{s}"'),
]


@pytest.mark.parametrize(("platform", "template"), _SPACED_CASES)
@settings(max_examples=25, deadline=None)
@given(secret=_SPACED)
def test_random_secret_with_blanks_never_survives(platform: str, template: str, secret: str) -> None:
    out = REDACTOR.redact(template.replace("{s}", secret) + "\n", platform)
    words = [w for w in secret.split() if len(w) > 2 and w not in template]
    assert "Zq9" in words and [w for w in words if w in out] == []
    assert REDACTOR.redact(out, platform) == out
