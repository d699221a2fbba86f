"""Removing secrets from configurations and messages.

Every :class:`~netraven_core.models.RedactionRule` is a regex; the text matched by each of its
named groups whose name starts with ``secret`` is replaced by :data:`MARKER` and the rest of the
line is kept, so a redacted configuration keeps its structure and diffs stay readable.

A :class:`Redactor` compiles the rules that apply to a platform (the generic ones plus the
platform's own) into one alternation and applies it in a single left-to-right pass: where several
rules could match, the leftmost match wins, and at the same position the platform's rules come
before the generic ones.  A rule therefore has to cover every secret on the text it matches.
Rules that cannot share one pattern (numeric back-references, conditionals) run afterwards, one
by one.  Compiled patterns are cached per platform name.

Redaction is idempotent: redacting redacted text changes nothing.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Sequence
from functools import lru_cache

from .models import RedactionRule

MARKER = "<redacted>"

_NAMED_GROUP = re.compile(r"\(\?P<([A-Za-z_]\w*)>")
_NAMED_BACKREF = re.compile(r"\(\?P=([A-Za-z_]\w*)\)")
_GLOBAL_FLAGS = re.compile(r"^\(\?([aiLmsux]+)\)")
# Numeric back-references and conditionals depend on group numbering, which changes once the
# pattern is embedded in a bigger alternation.
_NOT_COMBINABLE = re.compile(r"(?<!\\)\\[1-9]|\(\?\(")


class _Compiled:
    """One platform's rules compiled: a combined pattern plus any rules applied on their own."""

    __slots__ = ("combined", "secret_groups", "singles")

    def __init__(self, rules: Sequence[RedactionRule]):
        parts: list[str] = []
        self.secret_groups: dict[str, tuple[str, ...]] = {}
        self.singles: list[tuple[re.Pattern[str], tuple[str, ...]]] = []
        for index, rule in enumerate(rules):
            if _NOT_COMBINABLE.search(rule.pattern):
                pattern = re.compile(rule.pattern, re.MULTILINE)
                secrets = tuple(n for n in pattern.groupindex if n.startswith("secret"))
                self.singles.append((pattern, secrets))
                continue
            prefix = f"r{index}_"
            body = _scope_flags(rule.pattern)
            body = _NAMED_GROUP.sub(lambda m, p=prefix: f"(?P<{p}{m.group(1)}>", body)
            body = _NAMED_BACKREF.sub(lambda m, p=prefix: f"(?P={p}{m.group(1)})", body)
            outer = f"r{index}"
            parts.append(f"(?P<{outer}>{body})")
            names = _NAMED_GROUP.findall(rule.pattern)
            self.secret_groups[outer] = tuple(prefix + n for n in names if n.startswith("secret"))
        self.combined = re.compile("|".join(parts), re.MULTILINE) if parts else None

    def apply(self, text: str) -> str:
        if self.combined is not None:
            text = self.combined.sub(self._replace, text)
        for pattern, secrets in self.singles:
            text = pattern.sub(lambda m, s=secrets: _replace_groups(m, s), text)
        return text

    def _replace(self, match: re.Match[str]) -> str:
        # The outer group of the matching rule closes last, so it is ``lastgroup``.
        return _replace_groups(match, self.secret_groups[match.lastgroup or ""])


def _scope_flags(pattern: str) -> str:
    """Turn leading global inline flags ``(?i)...`` into a scoped group ``(?i:...)``.

    Global flags are only allowed at the very start of a pattern, which an alternative of a
    combined pattern is not.
    """
    m = _GLOBAL_FLAGS.match(pattern)
    if not m:
        return pattern
    return f"(?{m.group(1)}:{pattern[m.end():]})"


def _replace_groups(match: re.Match[str], names: Sequence[str]) -> str:
    whole = match.group(0)
    base = match.start()
    spans = sorted(match.span(n) for n in names if match.start(n) >= 0)
    if not spans:
        return whole
    out: list[str] = []
    pos = base
    for start, end in spans:
        if start < pos:  # nested or overlapping secret groups: the outer one already covers it
            continue
        out.append(whole[pos - base:start - base])
        out.append(MARKER)
        pos = end
    out.append(whole[pos - base:])
    return "".join(out)


class Redactor:
    """Applies redaction rules; compile once, use from any thread.

    :param rules: every rule known (generic ones have an empty ``platforms`` set).  For a given
        platform the platform's own rules take precedence over the generic ones.
    """

    def __init__(self, rules: Iterable[RedactionRule]):
        self.rules: tuple[RedactionRule, ...] = tuple(rules)
        self._cache: dict[str | None, _Compiled] = {}
        self._lock = threading.Lock()

    def rules_for(self, platform_name: str | None) -> list[RedactionRule]:
        """The rules that apply to ``platform_name``: its own rules first, then the generic ones."""
        own = [r for r in self.rules if platform_name and platform_name in r.platforms]
        generic = [r for r in self.rules if not r.platforms]
        return own + generic

    def _compiled(self, platform_name: str | None) -> _Compiled:
        compiled = self._cache.get(platform_name)
        if compiled is None:
            with self._lock:
                compiled = self._cache.get(platform_name)
                if compiled is None:
                    compiled = _Compiled(self.rules_for(platform_name))
                    self._cache[platform_name] = compiled
        return compiled

    def redact(self, text: str, platform_name: str | None = None) -> str:
        """Replace every secret in ``text`` by :data:`MARKER`, keeping the rest of each line.

        An unknown (or ``None``) platform gets the generic rules only.
        """
        if not text:
            return text
        return self._compiled(platform_name).apply(text)


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
                from .plugins import Registry

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
