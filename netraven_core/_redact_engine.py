"""How redaction rules are compiled and applied fast (internal to :mod:`netraven_core.redact`).

Python's ``re`` tries every alternative of a pattern at every position, which is slow for dozens
of rules over a 20 kB configuration.  So:

1. each single-line rule's *triggers* (literals every match contains, see
   :mod:`netraven_core._triggers`) are looked up with plain substring search, which finds the few
   lines a rule could match and which rules could match each of them;
2. on each such line, only the rules whose triggers occur there run, combined into one
   alternation (cached per set of rules) and applied left to right: the leftmost match wins and,
   at one position, line-anchored rules come first, then word rules, then the rest, each group in
   rule order (the platform's own rules before the generic ones).  Leaving out rules that cannot
   match a line does not change the result;
3. the alternatives sit behind a shared guard (one ``^`` for line-anchored rules, one
   look-behind for word rules), so most positions fail after a single check;
4. rules without a usable trigger run on the whole text, and rules meant to span lines (PEM
   blocks, sections) run on their own over the whole text when their triggers occur.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence

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


class CompiledRules:
    """One platform's rules, compiled as described in the module docstring."""

    def __init__(self, rules: Sequence[RedactionRule]):
        self._bodies: dict[int, tuple[str | None, str]] = {}  # index -> (guard, renamed body)
        self.secret_groups: dict[str, tuple[str, ...]] = {}
        everywhere: list[int] = []
        by_trigger: dict[str, set[int]] = {}
        # (pattern, secret group names, triggers or None) applied one by one to the whole text
        self.multiline: list[tuple[re.Pattern[str], tuple[str, ...], frozenset[str] | None]] = []
        for index, rule in enumerate(rules):
            found = _triggers.triggers(rule.pattern)
            if _NOT_COMBINABLE.search(rule.pattern) or _spans_lines(rule.pattern):
                pattern = re.compile(rule.pattern, re.MULTILINE)
                secrets = tuple(n for n in pattern.groupindex if n.startswith("secret"))
                self.multiline.append((pattern, secrets, found))
                continue
            self._prepare(index, rule)
            if found is None:
                everywhere.append(index)
            else:
                for trigger in found:
                    by_trigger.setdefault(trigger, set()).add(index)
        # A trigger containing a shorter one is found through it: fold its rules into the
        # shorter trigger's and search only the shorter one.
        kept = {t: set(ids) for t, ids in by_trigger.items()
                if not any(o != t and o in t for o in by_trigger)}
        for t, ids in by_trigger.items():
            for o in kept:
                if o != t and o in t:
                    kept[o] |= ids
        # Grouped by first character: one cheap check skips e.g. every "$6$"-style trigger.
        groups: dict[str, list[tuple[str, frozenset[int]]]] = {}
        for t in sorted(kept):
            groups.setdefault(t[0], []).append((t, frozenset(kept[t])))
        self.line_triggers = tuple((first, tuple(ts)) for first, ts in groups.items())
        self.all_line_rules = frozenset(i for ids in kept.values() for i in ids)
        self.always = self._combine(everywhere)
        self._subsets: dict[frozenset[int], re.Pattern[str] | None] = {}
        self._lock = threading.Lock()

    def _prepare(self, index: int, rule: RedactionRule) -> None:
        prefix = f"r{index}_"
        body = _scope_flags(rule.pattern)
        body = _NAMED_GROUP.sub(lambda m: f"(?P<{prefix}{m.group(1)}>", body)
        body = _NAMED_BACKREF.sub(lambda m: f"(?P={prefix}{m.group(1)})", body)
        names = _NAMED_GROUP.findall(rule.pattern)
        self.secret_groups[f"r{index}"] = tuple(prefix + n for n in names if n.startswith("secret"))
        guard = _leading_guard(body)
        if guard == "^":
            body = body[1:]
        elif guard == _WORD_GUARD:
            body = body[len(_WORD_GUARD):]
        self._bodies[index] = (guard, body)

    def _combine(self, indexes: Sequence[int] | frozenset[int]) -> re.Pattern[str] | None:
        anchored: list[str] = []
        word: list[str] = []
        other: list[str] = []
        for index in sorted(indexes):
            guard, body = self._bodies[index]
            group = f"(?P<r{index}>{body})"
            {"^": anchored, _WORD_GUARD: word}.get(guard or "", other).append(group)
        parts: list[str] = []
        if anchored:
            parts.append("^(?:" + "|".join(anchored) + ")")
        if word:
            parts.append(_WORD_GUARD + "(?:" + "|".join(word) + ")")
        parts.extend(other)
        return re.compile("|".join(parts), re.MULTILINE) if parts else None

    def _subset(self, indexes: frozenset[int]) -> re.Pattern[str] | None:
        try:
            return self._subsets[indexes]
        except KeyError:
            pass
        pattern = self._combine(indexes)
        with self._lock:
            if len(self._subsets) > 4096:  # bound the cache; sets of rules per line are few
                self._subsets.clear()
            self._subsets[indexes] = pattern
        return pattern

    def apply(self, text: str) -> str:
        """Redact ``text``."""
        lower = text.lower()
        if self.all_line_rules:
            if len(lower) == len(text):
                text = self._apply_on_lines(text, lower)
            else:  # lower-casing changed offsets (rare Unicode): scan everything
                pattern = self._subset(self.all_line_rules)
                if pattern is not None:
                    text = pattern.sub(self._replace, text)
        if self.always is not None:
            text = self.always.sub(self._replace, text)
        for pattern, secrets, found in self.multiline:
            if found is None or any(t in lower for t in found):
                text = pattern.sub(lambda m, s=secrets: _replace_groups(m, s), text)
        return text

    def _apply_on_lines(self, text: str, lower: str) -> str:
        lines: dict[tuple[int, int], frozenset[int]] = {}
        find, rfind, size = lower.find, text.rfind, len(text)
        for first, group in self.line_triggers:
            if len(group) > 1 and first not in lower:
                continue
            for trigger, ids in group:
                at = find(trigger)
                while at != -1:
                    start = rfind("\n", 0, at) + 1
                    end = text.find("\n", at)
                    if end == -1:
                        end = size
                    span = (start, end)
                    seen = lines.get(span)
                    lines[span] = ids if seen is None else seen | ids
                    at = find(trigger, end)
        if not lines:
            return text
        out: list[str] = []
        pos = 0
        replace = self._replace
        for (start, end), ids in sorted(lines.items()):
            pattern = self._subset(ids)
            if pattern is None:
                continue
            for match in pattern.finditer(text, start, end):
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


