"""Redaction fails closed: upper-case keywords, unknown type words, credentials inside URLs,
RADIUS dynamic-authorization clients; look-alikes stay; ``Redactor.explain`` tells what went."""

from __future__ import annotations

import pytest

from netraven_core.configtext.redact import MARKER, Redactor
from netraven_plugins.redaction import builtin_rules

from ..support.redaction_cases import PLATFORMS, fixture_secrets, fixture_text

REDACTOR = Redactor(builtin_rules())
R = MARKER


@pytest.mark.parametrize(("platform", "line", "expected"), [
    # keywords in any case
    (None, "USERNAME BOB PASSWORD 7 Up-Case-1", f"USERNAME BOB PASSWORD 7 {R}"),
    ("cisco_ios", "Enable Secret 9 $9$Mixed$Case", f"Enable Secret 9 {R}"),
    (None, "SNMP-SERVER COMMUNITY Up-Comm-2 RO", f"SNMP-SERVER COMMUNITY {R} RO"),
    # a type word no rule knows: the rest of the line goes
    (None, "username x password sha1 Unknown-Type-3", f"username x password {R}"),
    (None, "secret encrypted Known-Type-4", f"secret encrypted {R}"),
    (None, "password xsha3 Two-Tokens-5 role admin", f"password {R}"),
    (None, " key 99 Key-Value-6", f" key {R}"),
    (None, "radius-server host 10.0.0.3 key xaes Rad-7 vrf m", f"radius-server host 10.0.0.3 key {R}"),
    # a known form keeps what follows
    (None, "username admin password 5 $5$x$y role network-admin",
     f"username admin password 5 {R} role network-admin"),
    (None, "crypto isakmp key 6 Ike-8 address 192.0.2.1", f"crypto isakmp key 6 {R} address 192.0.2.1"),
    # RADIUS dynamic authorization
    ("cisco_ios", "aaa server radius dynamic-author\n client 10.0.0.5 server-key 7 Coa-Key-9",
     f"aaa server radius dynamic-author\n client 10.0.0.5 server-key 7 {R}"),
    (None, " client 10.0.0.6 vrf MGMT server-key Coa-Key-10", f" client 10.0.0.6 vrf MGMT server-key {R}"),
    (None, " server-key 0 Coa-Key-11", f" server-key 0 {R}"),
    (None, " client 10.0.0.7 key Coa-Key-12", f" client 10.0.0.7 key {R}"),
    # credentials inside URLs, on every platform, descriptions and comments included
    ("juniper_junos", '        archive-sites {\n            "scp://backup:Arch-Pw-13@10.0.0.9:/cfg";',
     f'        archive-sites {{\n            "scp://backup:{R}@10.0.0.9:/cfg";'),
    (None, "/* commit-archive location 'sftp://u:Vy-Pw@14@host/dir' */",
     f"/* commit-archive location 'sftp://u:{R}@host/dir' */"),
    ("cisco_ios", "archive\n path ftp://admin:Ftp-Pw-15@10.0.0.1/$h", f"archive\n path ftp://admin:{R}@10.0.0.1/$h"),
    ("cisco_ios", " description copy to tftp://u:Tftp-16@h/x", f" description copy to tftp://u:{R}@h/x"),
    ("fortinet", "    set comments \"http://u:Http-17@h\"", f"    set comments \"http://u:{R}@h\""),
    (None, "url https://ghp_Token18abc@github.com/o/r.git", f"url https://{R}@github.com/o/r.git"),
    (None, "ssh://ops:Ssh-19@host:22", f"ssh://ops:{R}@host:22"),
])
def test_fail_closed_forms(platform: str | None, line: str, expected: str) -> None:
    out = REDACTOR.redact(line + "\n", platform)
    assert out == expected + "\n"
    assert REDACTOR.redact(out, platform) == out


@pytest.mark.parametrize(("platform", "line"), [
    (None, "password-policy strict"),
    (None, "no password"),
    (None, "SERVICE PASSWORD-ENCRYPTION"),
    (None, "Password Minimum-Length 12"),
    (None, " key chain KC"),
    ("cisco_ios", "key chain KC"),
    (None, " ip ospf authentication key-chain OSPF-KC"),
    (None, "router isis C\n lsp-password keychain ISIS-KC"),
    (None, "ssh://ops@host:22"),
    (None, "scp://backup@10.0.0.9:/cfg"),
    (None, "https://www.example.com:8443/index.html"),
    ("hp_procurve", 'password manager user-name "manager"'),
    ("juniper_junos", "    community CUST-ROUTES members 65060:100;"),
])
def test_look_alikes_stay(platform: str | None, line: str) -> None:
    assert REDACTOR.redact(line + "\n", platform) == line + "\n"


@pytest.mark.parametrize("platform", PLATFORMS)
def test_explain_reports_every_removal_without_the_secret(platform: str) -> None:
    text = fixture_text(platform)
    explained = REDACTOR.explain(text, platform)
    assert explained.text == REDACTOR.redact(text, platform)
    lines = explained.text.splitlines()
    assert explained.findings
    for finding in explained.findings:
        assert lines[finding.line - 1] == finding.text
        assert finding.values >= 1
        assert not any(secret in finding.text for secret in fixture_secrets(platform))
    assert sum(f.values for f in explained.findings) >= explained.text.count(MARKER)


def test_explain_names_the_rule_and_line() -> None:
    text = "hostname r1\nusername a password 7 Abc-1\nsnmp-server community Comm-2 RO\n"
    findings = REDACTOR.explain(text, None).findings
    assert [(f.rule, f.line, f.text) for f in findings] == [
        ("password-keyword", 2, f"username a password 7 {R}"),
        ("snmp-community", 3, f"snmp-server community {R} RO"),
    ]
    assert REDACTOR.explain("", None).findings == ()
    assert REDACTOR.explain(f"password {R}\n", None).findings == ()  # nothing new removed
