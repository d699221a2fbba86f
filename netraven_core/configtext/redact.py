"""Removing secrets from configurations and messages.

Every :class:`~netraven_core.models.RedactionRule` is a regex; the text matched by each of its
named groups whose name starts with ``secret`` is replaced by :data:`MARKER` and the rest of the
line is kept, so a redacted configuration keeps its structure and diffs stay readable.  A rule
without any ``secret`` group *protects* what it matches (e.g. interface descriptions).

A :class:`Redactor` applies the rules that apply to a platform (its own plus the generic ones)
in a single left-to-right pass: where several rules could match, the leftmost match wins, and at
the same position line-anchored rules come first and the platform's rules before the generic
ones — so a rule has to cover every secret on the text it matches.  Rules that span lines (PEM
private keys, configuration sections) run on their own afterwards.  Compiled rules are cached per
platform name; :mod:`netraven_core.configtext._redact_engine` explains how the pass is kept fast.

Rules match case-insensitively.  Redaction is idempotent: redacting redacted text changes
nothing.  :meth:`Redactor.explain` runs the same pass and also says which rule removed what.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..models import RedactionRule
from ._redact_engine import MARKER, CompiledRules

_SECRET_GROUP = re.compile(r"\(\?P<secret")

__all__ = ["MARKER", "Explanation", "Finding", "Redactor", "default_rules", "redact", "scrub_secrets"]


@dataclass(frozen=True)
class Finding:
    """One match that removed something: never the secret itself, only where it was."""

    rule: str
    line: int  # 1-based, in the redacted text (the line pass keeps line numbers)
    text: str  # that line of the redacted text, the secret replaced by the marker
    values: int  # how many values this match replaced


@dataclass(frozen=True)
class Explanation:
    """The redacted text and what was removed from it, in text order."""

    text: str
    findings: tuple[Finding, ...]


class Redactor:
    """Applies redaction rules; compile once, use from any thread.

    :param rules: every rule known (generic ones have an empty ``platforms`` set).  For a given
        platform the platform's own rules take precedence over the generic ones.
    """

    def __init__(self, rules: Iterable[RedactionRule]):
        self.rules: tuple[RedactionRule, ...] = tuple(rules)
        self._cache: dict[str | None, CompiledRules] = {}
        self._lock = threading.Lock()

    def rules_for(self, platform_name: str | None) -> list[RedactionRule]:
        """The rules that apply to ``platform_name``, in priority order: rules that protect text
        (no ``secret`` group) first, then the platform's own rules, then the generic ones."""
        applicable = [r for r in self.rules
                      if not r.platforms or (platform_name and platform_name in r.platforms)]
        # protecting rules (no secret group) first, then the platform's own, then generic ones
        return sorted(applicable, key=lambda r: (_SECRET_GROUP.search(r.pattern) is not None,
                                                 not r.platforms))

    def _compiled(self, platform_name: str | None) -> CompiledRules:
        compiled = self._cache.get(platform_name)
        if compiled is None:
            with self._lock:
                compiled = self._cache.get(platform_name)
                if compiled is None:
                    compiled = CompiledRules(self.rules_for(platform_name))
                    self._cache[platform_name] = compiled
        return compiled

    def redact(self, text: str, platform_name: str | None = None) -> str:
        """Replace every secret in ``text`` by :data:`MARKER`, keeping the rest of each line.

        An unknown (or ``None``) platform gets the generic rules only.
        """
        if not text:
            return text
        return self._compiled(platform_name).apply(text)

    def explain(self, text: str, platform_name: str | None = None) -> Explanation:
        """What :meth:`redact` returns, and which rule removed something on which line."""
        if not text:
            return Explanation(text, ())
        compiled = self._compiled(platform_name)
        trace: list = []
        out = compiled.apply(text, trace)
        line_starts = [0] + [i + 1 for i, char in enumerate(out) if char == "\n"]
        findings = []
        for rule, start, end in trace:
            marker = out.find(MARKER, start, end)
            at = marker if marker != -1 else start
            line = bisect_right(line_starts, at)
            line_end = out.find("\n", line_starts[line - 1])
            findings.append(Finding(compiled.names[id(rule)], line,
                                    out[line_starts[line - 1]:line_end if line_end != -1 else None],
                                    out.count(MARKER, start, end)))
        return Explanation(out, tuple(findings))


@lru_cache(maxsize=16)
def _redactor_for(rules: tuple[RedactionRule, ...]) -> Redactor:
    return Redactor(rules)


_default_lock = threading.Lock()
_default_rules: tuple[RedactionRule, ...] | None = None


def default_rules() -> tuple[RedactionRule, ...]:
    """The redaction rules contributed by the installed plugins (collected once)."""
    global _default_rules
    if _default_rules is None:
        with _default_lock:
            if _default_rules is None:
                from ..plugins import Registry

                _default_rules = tuple(Registry().redaction_rules)
    return _default_rules


def redact(text: str, platform_name: str | None = None,
           rules: Iterable[RedactionRule] | None = None) -> str:
    """Redact ``text`` for ``platform_name`` with ``rules`` (default: every plugin's rules).

    The :class:`Redactor` built for a given set of rules is cached, so calling this repeatedly
    with the same rules costs one compilation.
    """
    rule_tuple = tuple(rules) if rules is not None else default_rules()
    return _redactor_for(rule_tuple).redact(text, platform_name)


def scrub_secrets(text: str, values: Iterable[str | None]) -> str:
    """Replace every occurrence of each literal secret value in ``text`` by :data:`MARKER`.

    Meant for error messages and log lines that might echo a credential (a password typed at a
    prompt, a command line).  Longer values are replaced first so a value containing another is
    removed whole; ``repr``-escaped forms of the values are covered too.
    """
    if not text:
        return text
    forms: set[str] = set()
    for value in values:
        if not value:
            continue
        forms.add(value)
        escaped = repr(value)[1:-1]
        if escaped != value:
            forms.add(escaped)
    if not forms:
        return text
    pattern = re.compile("|".join(re.escape(v) for v in sorted(forms, key=len, reverse=True)))
    return pattern.sub(MARKER, text)
