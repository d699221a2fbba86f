"""Normalisation: volatile lines go, whitespace and line endings are canonical."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netraven_core.configtext.normalize import GENERIC_VOLATILE, normalize, volatile_regex
from netraven_plugins.platforms import builtin_platforms

from ..support.redaction_cases import PLATFORMS, fixture_text

CATALOGUE = {p.name: p for p in builtin_platforms()}


def _shift_digits(line: str) -> str:
    return re.sub(r"\d", lambda m: str((int(m.group()) + 3) % 10), line)


@pytest.mark.parametrize("platform", PLATFORMS)
def test_fixture_volatile_lines_are_dropped(platform: str) -> None:
    spec = CATALOGUE[platform]
    raw = fixture_text(platform)
    regex = volatile_regex(spec)
    volatile = [line for line in raw.splitlines() if regex and regex.search(line)]
    if spec.volatile_patterns:
        assert volatile, f"the {platform} fixture shows its volatile lines"
    cleaned = normalize(raw, spec)
    assert not any(line in cleaned.splitlines() for line in volatile)
    # a later fetch: the same configuration with other timestamps/byte counts compares equal
    later = "\n".join(_shift_digits(line) if line in volatile else line for line in raw.splitlines())
    assert normalize(later, spec) == cleaned


@pytest.mark.parametrize("platform", PLATFORMS)
def test_fixture_keeps_everything_else(platform: str) -> None:
    spec = CATALOGUE[platform]
    raw = fixture_text(platform)
    cleaned = normalize(raw, spec)
    regex = volatile_regex(spec)
    kept = [line.rstrip() for line in raw.splitlines() if not (regex and regex.search(line.rstrip()))]
    assert cleaned == "\n".join(kept).strip("\n") + "\n"
    assert normalize(cleaned, spec) == cleaned


@pytest.mark.parametrize(("platform", "line"), [
    ("cisco_ios", "Current configuration : 12345 bytes"),
    ("cisco_ios", "! Last configuration change at 10:11:12 UTC Mon Nov 30 2026 by admin"),
    ("cisco_xe", "! NVRAM config last updated at 10:11:12 UTC Mon Nov 30 2026 by admin"),
    ("cisco_ios", "ntp clock-period 36029056"),
    ("cisco_nxos", "!Time: Mon Nov 30 10:11:12 2026"),
    ("cisco_xr", "Mon Nov 30 10:11:12.123 UTC"),
    ("cisco_xr", "!! Last configuration change at Mon Nov 30 10:11:12 2026 by admin"),
    ("cisco_asa", "Cryptochecksum:0123456789abcdef0123456789abcdef"),
    ("cisco_asa", ": Written by enable_15 at 10:11:12.123 UTC Mon Nov 30 2026"),
    ("arista_eos", "! device: leaf1 (DCS-7050TX-64, EOS-4.28.3M)"),
    ("juniper_junos", "## Last commit: 2026-11-30 10:11:12 UTC by admin"),
    ("fortinet", "#conf_file_ver=123456789"),
    ("mikrotik_routeros", "# nov/30/2026 10:11:12 by RouterOS 6.49.10"),
    ("mikrotik_routeros", "# 2026-11-30 10:11:12 by RouterOS 7.16"),
    (None, "! Last configuration change at 10:11:12 UTC Mon Nov 30 2026"),
    (None, "## Last commit: 2026-11-30 10:11:12 UTC by admin"),
    (None, "ntp clock-period 17179869"),
])
def test_volatile_line_examples(platform: str | None, line: str) -> None:
    spec = CATALOGUE[platform] if platform else None
    assert normalize(f"hostname a\n{line}\nend\n", spec) == "hostname a\nend\n"


@pytest.mark.parametrize(("platform", "line"), [
    ("cisco_ios", "ntp server 10.0.0.1"),
    ("cisco_ios", "! Last line of a banner"),
    ("juniper_junos", "## SECRET-DATA"),
    ("arista_eos", "! boot system flash:/EOS.swi"),
    (None, "hostname router-1"),
])
def test_ordinary_lines_stay(platform: str | None, line: str) -> None:
    spec = CATALOGUE[platform] if platform else None
    assert normalize(line, spec) == line + "\n"


def test_whitespace_and_line_endings() -> None:
    raw = "\r\n\r\n  \nhostname a  \r\ninterface x\t\r\n description y\rend\r\n\r\n\n"
    assert normalize(raw, None) == "hostname a\ninterface x\n description y\nend\n"
    assert normalize("", None) == ""
    assert normalize("\n \r\n\t\n", CATALOGUE["cisco_ios"]) == ""
    assert normalize("x", CATALOGUE["linux"]) == "x\n"


def test_platform_without_volatile_patterns_and_generic_set() -> None:
    assert volatile_regex(CATALOGUE["linux"]) is None
    assert volatile_regex(None) is volatile_regex(None)  # compiled once
    assert all(re.compile(p) for p in GENERIC_VOLATILE)


def test_leading_indentation_is_kept() -> None:
    assert normalize("a\n   b\n", None) == "a\n   b\n"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_normalize_is_idempotent_and_canonical(text: str) -> None:
    for spec in (None, CATALOGUE["cisco_ios"], CATALOGUE["juniper_junos"]):
        once = normalize(text, spec)
        assert normalize(once, spec) == once
        assert "\r" not in once
        assert once == "" or (once.endswith("\n") and not once.endswith("\n\n"))
        assert all(line == line.rstrip() for line in once.split("\n"))
