"""Compliance rules as YAML: round trip, and errors that name the file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from netraven_core.compliance import RuleError, dump_rules, load_rules, rule_from_mapping

EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "compliance-hardening.yaml"


def test_starter_rule_set_loads_and_round_trips():
    rules = load_rules(EXAMPLE.read_text(), str(EXAMPLE))
    assert len(rules) >= 10
    assert {r.platforms[0] for r in rules} >= {"cisco_ios", "arista_eos", "juniper_junos"}
    assert load_rules(dump_rules(rules)) == rules


def test_a_bare_list_is_a_rule_set_too():
    rules = load_rules("- {key: a, title: A, match: present, pattern: '^x'}\n")
    assert [r.key for r in rules] == ["a"]
    assert load_rules("") == [] and load_rules("rules: []\n") == []


@pytest.mark.parametrize(("text", "line", "field", "words"), [
    ("rules:\n  - key: a\n    title: A\n    match: maybe\n    pattern: x\n", 4, "rules[0].match", "one of"),
    ("rules:\n  - key: a\n    title: A\n    match: present\n    pattern: 'interface ('\n", 5,
     "rules[0].pattern", "invalid regular expression"),
    ("rules:\n  - key: a\n    title: A\n    match: present\n", 2, "rules[0].pattern", "required"),
    ("rules:\n  - key: a\n    title: A\n    match: present\n    pattern: x\n    colour: red\n", 6,
     "rules[0].colour", "unknown field"),
    ("rules:\n  - {key: a, title: A, match: present, pattern: x}\n  - {key: a, title: B, match: absent,"
     " pattern: y}\n", 3, "rules[1].key", "duplicate key 'a' (first on line 2)"),
    ("rules:\n  - key: a\n    title: A\n    match: value\n    pattern: 'ntp server (\\S+)'\n", 2,
     "rules[0].allowed", "allowed values"),
    ("rules:\n  - key: a\n    title: A\n    match: value\n    pattern: 'ntp server \\S+'\n    allowed: [x]\n",
     5, "rules[0].pattern", "capture group"),
    ("rules:\n  - key: a\n    title: A\n    severity: urgent\n    match: present\n    pattern: x\n", 4,
     "rules[0].severity", "one of critical"),
    ("rules:\n  - key: Bad Key\n    title: A\n    match: present\n    pattern: x\n", 2,
     "rules[0].key", "a-z"),
    ("rules:\n  - key: a\n    title: A\n    match: present\n    pattern: x\n    platforms: 3\n", 6,
     "rules[0].platforms", "list of non-empty strings"),
    ("rules:\n  - key: a\n   title: A\n", 3, "", "not valid YAML"),
    ("rules: 12\n", 1, "rules", "expected a list"),
    ("rule: []\n", 1, "rule", "unknown top-level"),
    ("rules:\n  - just a string\n", 2, "rules[0]", "mapping"),
])
def test_bad_rules_say_where_and_what(text, line, field, words):
    with pytest.raises(RuleError) as info:
        load_rules(text, "site.yaml")
    err = info.value
    assert (err.source, err.line, err.field) == ("site.yaml", line, field)
    assert words in str(err)
    assert str(err).startswith(f"site.yaml:{line}: ")


def test_api_bodies_are_validated_by_the_same_function():
    with pytest.raises(RuleError, match=r"^allowed: only 'value' rules"):
        rule_from_mapping({"key": "a", "title": "A", "match": "absent", "pattern": "x", "allowed": ["1"]})
    rule = rule_from_mapping({"key": "k", "title": " T ", "match": "present", "pattern": "^x",
                              "tags": "core"})
    assert rule.tags == ("core",) and rule.title == "T"


def test_applicability_by_platform_and_tag():
    rule = rule_from_mapping({"key": "k", "title": "T", "match": "present", "pattern": "x",
                              "platforms": ["cisco_ios"], "tags": ["core", "edge"]})
    assert rule.applies_to("cisco_ios", ["edge"])
    assert not rule.applies_to("cisco_ios", ["lab"])
    assert not rule.applies_to("arista_eos", ["core"])
    disabled = rule_from_mapping({"key": "k", "title": "T", "match": "present", "pattern": "x",
                                  "enabled": False})
    assert not disabled.applies_to("any", [])


@pytest.mark.parametrize("pattern", [r"^(a+)+$", r"(\s*\w+)*x", r"(.*)*", r"((ab)+)+", r"^(\w+\s?)+$"])
def test_patterns_that_backtrack_exponentially_are_refused(pattern):
    with pytest.raises(RuleError) as err:
        rule_from_mapping({"key": "k", "title": "t", "match": "absent", "pattern": pattern})
    assert err.value.field == "pattern" and "exponential" in err.value.problem


@pytest.mark.parametrize("pattern", [r"(\S+ )*end", r"(?:\d+\.)+\d+", r"a{1,5}", r"^(?:vrf \S+ )?(\S+)",
                                     r"^transport input .*(telnet|all)"])
def test_repeats_with_a_separator_are_accepted(pattern):
    rule = rule_from_mapping({"key": "k", "title": "t", "match": "absent", "pattern": pattern})
    assert rule.pattern == pattern
