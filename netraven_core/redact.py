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

from . import _triggers
from .models import RedactionRule

try:  # Python >= 3.11
    from re import _parser
except ImportError:  # pragma: no cover
    import sre_parse as _parser  # type: ignore[no-redef]

MARKER = "<redacted>"

_NAMED_GROUP = re.compile(r"\(\?P<([A-Za-z_]\w*)>")
_NAMED_BACKREF = re.compile(r"\(\?P=([A-Za-z_]\w*)\)")
_GLOBAL_FLAGS = re.compile(r"^\(\?([aiLmsux]+)\)")
# Numeric back-references and conditionals depend on group numbering, which changes once the
# pattern is embedded in a bigger alternation.
_NOT_COMBINABLE = re.compile(r"(?<!\\)\\[1-9]|\(\?\(")


class _Compiled:
    """One platform's rules, compiled for speed.

    Python's ``re`` tries every alternative at every position, which is slow for dozens of rules.
    So: (1) each single-line rule's *triggers* (literals every match contains, see
    :mod:`netraven_core._triggers`) locate, by plain substring search, the few lines it could
    match, and the combined pattern runs only on those lines; (2) inside the combined pattern the
    alternatives sit behind a shared guard (one ``^`` for line-anchored rules, one look-behind for
    word rules) so that most positions fail after a single check.  At one position line-anchored
    rules are tried first, then word rules, then the rest, each group in rule order (the
    platform's rules before the generic ones).  Rules without a usable trigger run on the whole
    text; rules that span lines run on their own over the whole text, when their triggers occur.
    """

    __slots__ = ("always", "line_pattern", "line_triggers", "multiline", "secret_groups")

    def __init__(self, rules: Sequence[RedactionRule]):
        self.secret_groups: dict[str, tuple[str, ...]] = {}
        on_lines: list[tuple[int, RedactionRule]] = []
        everywhere: list[tuple[int, RedactionRule]] = []
        triggers: set[str] = set()
        # (pattern, secret group names, triggers or None) applied one by one to the whole text
        self.multiline: list[tuple[re.Pattern[str], tuple[str, ...], frozenset[str] | None]] = []
        for index, rule in enumerate(rules):
            found = _triggers.triggers(rule.pattern)
            if _NOT_COMBINABLE.search(rule.pattern) or _spans_lines(rule.pattern):
                pattern = re.compile(rule.pattern, re.MULTILINE)
                secrets = tuple(n for n in pattern.groupindex if n.startswith("secret"))
                self.multiline.append((pattern, secrets, found))
            elif found is None:
                everywhere.append((index, rule))
            else:
                on_lines.append((index, rule))
                triggers |= found
        # A trigger containing another one finds nothing the shorter one does not.
        kept = sorted(t for t in triggers if not any(o != t and o in t for o in triggers))
        # Grouped by first character: one cheap check skips e.g. every "$6$"-style trigger.
        groups: dict[str, list[str]] = {}
        for t in kept:
            groups.setdefault(t[0], []).append(t)
        self.line_triggers = tuple((first, tuple(ts)) for first, ts in groups.items())
        self.line_pattern = self._combine(on_lines)
        self.always = self._combine(everywhere)

    def _combine(self, rules: Sequence[tuple[int, RedactionRule]]) -> re.Pattern[str] | None:
        anchored: list[str] = []
        word: list[str] = []
        other: list[str] = []
        for index, rule in rules:
            prefix = f"r{index}_"
            body = _scope_flags(rule.pattern)
            body = _NAMED_GROUP.sub(lambda m, p=prefix: f"(?P<{p}{m.group(1)}>", body)
            body = _NAMED_BACKREF.sub(lambda m, p=prefix: f"(?P={p}{m.group(1)})", body)
            outer = f"r{index}"
            names = _NAMED_GROUP.findall(rule.pattern)
            self.secret_groups[outer] = tuple(prefix + n for n in names if n.startswith("secret"))
            guard = _leading_guard(body)
            if guard == "^":
                anchored.append(f"(?P<{outer}>{body[1:]})")
            elif guard == _WORD_GUARD:
                word.append(f"(?P<{outer}>{body[len(_WORD_GUARD):]})")
            else:
                other.append(f"(?P<{outer}>{body})")
        parts: list[str] = []
        if anchored:
            parts.append("^(?:" + "|".join(anchored) + ")")
        if word:
            parts.append(_WORD_GUARD + "(?:" + "|".join(word) + ")")
        parts.extend(other)
        return re.compile("|".join(parts), re.MULTILINE) if parts else None

    def apply(self, text: str) -> str:
        lower = text.lower()
        if self.line_pattern is not None:
            if len(lower) == len(text):
                text = self._apply_on_lines(text, lower)
            else:  # lower-casing changed offsets (rare Unicode): scan everything
                text = self.line_pattern.sub(self._replace, text)
        if self.always is not None:
            text = self.always.sub(self._replace, text)
        for pattern, secrets, found in self.multiline:
            if found is None or any(t in lower for t in found):
                text = pattern.sub(lambda m, s=secrets: _replace_groups(m, s), text)
        return text

    def _apply_on_lines(self, text: str, lower: str) -> str:
        spans: set[tuple[int, int]] = set()
        find, rfind, size = lower.find, text.rfind, len(text)
        for first, group in self.line_triggers:
            if len(group) > 1 and first not in lower:
                continue
            for trigger in group:
                at = find(trigger)
                while at != -1:
                    start = rfind("\n", 0, at) + 1
                    end = text.find("\n", at)
                    if end == -1:
                        end = size
                    spans.add((start, end))
                    at = find(trigger, end)
        if not spans:
            return text
        out: list[str] = []
        pos = 0
        finditer, replace = self.line_pattern.finditer, self._replace  # type: ignore[union-attr]
        for start, end in sorted(spans):
            for match in finditer(text, start, end):
                out.append(text[pos:match.start()])
                out.append(replace(match))
                pos = match.end()
        if not out:
            return text
        out.append(text[pos:])
        return "".join(out)

    def _replace(self, match: re.Match[str]) -> str:
        # The outer group of the matching rule closes last, so it is ``lastgroup``.
        return _replace_groups(match, self.secret_groups[match.lastgroup or ""])


_CHAR_CLASS = re.compile(r"\[(?:\\.|[^\]\\])*\]")
_LINE_CROSSING = re.compile(r"\\n|\\Z|\\A|\(\?[aiLmux]*s")


def _spans_lines(pattern: str) -> bool:
    """Whether a rule is meant to match across lines (a newline outside a character class,
    ``\\A``/``\\Z`` or DOTALL)."""
    return bool(_LINE_CROSSING.search(_CHAR_CLASS.sub("", pattern)))


_WORD_GUARD = r"(?<![\w-])"


def _leading_guard(body: str) -> str | None:
    """``"^"`` or the word look-behind when ``body`` starts with it at its top level.

    The parser tells a leading ``^`` of a plain sequence from one that starts the first branch of
    a top-level alternation (``^a|b``), which could not be hoisted.
    """
    if body.startswith("^"):
        guard = "^"
    elif body.startswith(_WORD_GUARD):
        guard = _WORD_GUARD
    else:
        return None
    try:
        parsed = _parser.parse(body)
    except Exception:  # pragma: no cover - the rule is compiled (and fails) later anyway
        return None
    if len(parsed) and parsed[0][0] in (_parser.AT, _parser.ASSERT_NOT):
        return guard
    return None


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
