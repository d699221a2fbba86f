"""Rules applied to one configuration: pass or fail, with the lines that decided it.

The configuration is parsed once (:class:`~.parsing.ParsedConfig`) and every rule that applies to
the device is checked against the parse, so twenty rules cost one parse and twenty regex scans.
Findings quote configuration lines; the text is the stored one, already redacted, so nothing
here can reveal a secret the store does not hold.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .parsing import ParsedConfig
from .rules import Rule

MAX_FINDINGS = 20  # per rule: enough to act on, small enough to store for every device


@dataclass(frozen=True)
class RuleResult:
    """The outcome of one rule on one configuration."""

    rule: str  # the rule's key
    passed: bool
    findings: tuple[str, ...] = ()  # why it failed (or, for 'present', what satisfied it)

    def as_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "passed": self.passed, "findings": list(self.findings)}


def _value(rule: Rule, m: Any) -> str:
    return m.group("value") if "value" in rule.regex.groupindex else m.group(1)


def _check(rule: Rule, matched: Sequence[tuple[str, Any]], where: str) -> tuple[bool, list[str]]:
    """``rule``'s check given the statements its pattern found (``(statement, match)``) in a whole
    configuration or in one block's children."""
    label = f" in '{where}'" if where else ""
    if rule.match == "present":
        if matched:
            return True, []
        return False, [f"missing{label}: /{rule.pattern}/"]
    if rule.match == "absent":
        return not matched, [f"present{label}: {s}" for s, _m in matched]
    # value: every captured value must be allowed, and (required) at least one must exist
    allowed = set(rule.allowed)
    bad = [f"value {_value(rule, m)!r} not allowed{label}: {s}" for s, m in matched
           if _value(rule, m) not in allowed]
    if not matched and rule.required:
        return False, [f"no value{label} for /{rule.pattern}/ (allowed: {', '.join(rule.allowed)})"]
    return not bad, bad


def _search(rule: Rule, statements: Sequence[str]) -> list[tuple[str, Any]]:
    rx = rule.regex
    return [(s, m) for s in statements if (m := rx.search(s)) is not None]


def evaluate_rule(rule: Rule, parsed: ParsedConfig) -> RuleResult:
    """One rule on a parsed configuration (applicability is the caller's business)."""
    parent = rule.parent_regex
    if parent is None:
        matched = [(parsed.statements[i], m) for i, m in parsed.matches(rule.regex, rule.pattern_prefilter)]
        ok, findings = _check(rule, matched, "")
    else:
        # No block at all: nothing to violate (an 'every interface' rule on a device without one).
        ok, findings = True, []
        found = parsed.block_matches(parent, rule.parent_prefilter, rule.regex, rule.pattern_prefilter)
        if found is not None:
            statements = parsed.statements
            blocks = ((statements[head], [(statements[i], m) for i, m in hits]) for head, hits in found)
        else:
            blocks = ((b.line, _search(rule, b.children))
                      for b in parsed.blocks(parent, rule.parent_prefilter))
        for line, matched in blocks:
            if rule.match == "present" and matched:
                continue  # the common case, without building a result
            block_ok, block_findings = _check(rule, matched, line)
            ok = ok and block_ok
            findings.extend(block_findings)
    return RuleResult(rule.key, ok, tuple(findings[:MAX_FINDINGS]))


@dataclass
class Evaluation:
    """Every applicable rule's result on one configuration."""

    syntax: str
    results: list[RuleResult] = field(default_factory=list)

    @property
    def failed(self) -> list[RuleResult]:
        return [r for r in self.results if not r.passed]


def applicable(rules: Iterable[Rule], platform: str, tags: Iterable[str]) -> list[Rule]:
    tags = tuple(tags)
    return [r for r in rules if r.applies_to(platform, tags)]


def evaluate(rules: Iterable[Rule], text: str, platform: str, tags: Iterable[str] = ()) -> Evaluation:
    """The rules that apply to a device of ``platform`` with ``tags``, checked on ``text``."""
    chosen = applicable(rules, platform, tags)
    if not chosen:
        return Evaluation("", [])
    parsed = ParsedConfig(text, platform)
    return Evaluation(parsed.syntax, [evaluate_rule(r, parsed) for r in chosen])
