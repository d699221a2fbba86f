"""The redaction engine's shortcuts change nothing: skipping the lines that contain none of a
rule's trigger literals gives exactly what running every rule on every line gives."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netraven_core.configtext._redact_engine import CompiledRules
from netraven_core.configtext._triggers import triggers
from netraven_core.configtext.redact import Redactor
from netraven_plugins.redaction import builtin_rules

from ..support.redaction_cases import PLATFORMS, TEMPLATES, fixture_text

REDACTOR = Redactor(builtin_rules())


def _without_prefilter(compiled: CompiledRules, text: str) -> str:
    """Every single-line rule on every line, then the rest as ``apply`` does it."""
    rules = compiled._rules_for(compiled._line_ranks)
    shielded = [m.span() for rule in compiled.shields for m in rule.pattern.finditer(text)]
    out: list[str] = []
    cursor = 0
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        if not any(a <= start and end <= b for a, b in shielded):
            cursor = compiled._scan(text, start, end, rules, out, cursor)
        start = end + 1
    text = "".join(out) + text[cursor:] if out else text
    for rule in (*compiled.always, *compiled.everywhere):
        text = rule.pattern.sub(rule.replace, text)
    for rule in compiled.multiline:
        text = rule.pattern.sub(rule.replace, text)
    return text


@pytest.mark.parametrize("platform", [*PLATFORMS, None])
def test_prefilter_is_exact_on_fixtures(platform: str | None) -> None:
    compiled = REDACTOR._compiled(platform)
    for name in PLATFORMS:
        text = fixture_text(name)
        assert compiled.apply(text) == _without_prefilter(compiled, text), name


# Lines assembled from the vocabulary the rules look for, in random order and case.
_WORDS = sorted({w for templates in TEMPLATES.values() for t in templates
                 for w in re.split(r"[\s={}]+", t.replace("{s}", "")) if w}
                | {"password", "secret", "key", "community", "ENC", "7", "0", "sha512", "md5",
                   "encrypted", '"', "$9$abc", "-AQ==x", "<redacted>", "description", "set", "add",
                   "banner", "motd", "^C", "EOF", "scp://u:p@h", "https://t@h"})
_LINE = st.lists(st.one_of(st.sampled_from(_WORDS), st.text("abcXYZ019$-_.:;\"'=", min_size=1,
                                                               max_size=6)),
                 min_size=1, max_size=8).map(" ".join)
_INDENT = st.sampled_from(["", " ", "    ", "\t"])
_TEXT = st.lists(st.tuples(_INDENT, _LINE).map("".join), min_size=1, max_size=12).map("\n".join)


@pytest.mark.parametrize("platform", [*PLATFORMS, None])
@settings(max_examples=30, deadline=None)
@given(text=_TEXT)
def test_prefilter_is_exact_on_keyword_soup(platform: str | None, text: str) -> None:
    compiled = REDACTOR._compiled(platform)
    for variant in (text, text.upper()):
        once = compiled.apply(variant)
        assert once == _without_prefilter(compiled, variant)
        assert compiled.apply(once) == once  # idempotent


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"^\s*username \S+ secret (?P<secret>\S+)", {"username "}),
    (r"(?<![\w-])(?:password|passwd)\s+(?P<secret>\S+)", {"password", "passwd"}),
    (r"(?i)^snmp-server community (?P<secret>\S+)", {"snmp-server community "}),
    (r"\$(?:1|5|6)\$(?P<secret>\S+)", {"$1$", "$5$", "$6$"}),
    (r"set name (?P<secret>\S+)\n(?=.*config hosts)", {"config hosts"}),
    (r"(?P<secret>\S+)", None),
    (r"ab(?P<secret>\S+)", None),  # too short to be worth a substring search
])
def test_trigger_analysis(pattern: str, expected: set[str] | None) -> None:
    found = triggers(pattern)
    assert (set(found) if found is not None else None) == expected


def test_every_builtin_line_rule_has_a_trigger_or_is_few() -> None:
    without = [r.name for r in builtin_rules() if triggers(r.pattern) is None]
    assert without == ["linux-shadow"]
