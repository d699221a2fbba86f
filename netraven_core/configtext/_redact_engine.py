"""How redaction rules are applied fast (internal to :mod:`netraven_core.configtext.redact`).

Python's ``re`` tries every alternative of a pattern at every position, which is slow for dozens
of rules over a 20 kB configuration.  So:

1. each single-line rule's *triggers* (literals every match contains, see
   :mod:`netraven_core.configtext._triggers`) are looked up with plain substring search, which finds the few
   lines a rule could match and which rules could match each of them;
2. on each such line only those rules run, and the leftmost match wins; at one position the
   first rule in priority order wins (rules anchored with ``^`` first, then rules starting with
   the word look-behind ``(?<![\\w-])``, then the rest; within each group the order the
   :class:`~netraven_core.configtext.redact.Redactor` gives: protecting rules, the platform's, generic).
   Scanning resumes after the match.  This is exactly how one alternation of all the rules would
   behave, without compiling one per platform or per set of rules;
3. rules without a usable trigger run on the whole text afterwards, then the rules marked
   ``everywhere`` (credentials inside URLs: never prose, so not even a description keeps them),
   and rules meant to span lines (PEM blocks, sections) run on their own over the whole text
   when their triggers occur;
4. a multi-line rule without ``secret`` groups shields the block it matches (a login banner)
   from the single-line rules.

Every rule matches case-insensitively (``PASSWORD``, ``Secret``): the triggers are lower-case
and searched in the lower-cased text, which :func:`_lowered` keeps exact for the two non-ASCII
letters that ``re`` folds onto ASCII ones but ``str.lower`` does not.

Each rule's pattern is compiled and analysed once per process (cached by pattern text).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache

from ..models import RedactionRule
from . import _triggers

try:  # Python >= 3.11
    from re import _parser
except ImportError:  # pragma: no cover
    import sre_parse as _parser  # type: ignore[no-redef]

MARKER = "<redacted>"
FLAGS = re.MULTILINE | re.IGNORECASE

# re.IGNORECASE makes dotless i (U+0131) match "i" and long s (U+017F) match "s"; str.lower() does not
_ASCII_FOLDS = str.maketrans({"\u0131": "i", "\u017f": "s"})

_WORD_GUARD = r"(?<![\w-])"
_CATEGORY = {"^": 0, _WORD_GUARD: 1, None: 2}


class _Rule:
    """A rule compiled and analysed once: pattern, secret groups, triggers, kind."""

    __slots__ = ("category", "multiline", "pattern", "secrets", "triggers")

    def __init__(self, source: str):
        self.pattern = re.compile(source, FLAGS)
        self.secrets = tuple(n for n in self.pattern.groupindex if n.startswith("secret"))
        self.triggers = _triggers.triggers(source)
        self.multiline = _spans_lines(source)
        self.category = _CATEGORY[_leading_guard(source)]

    def replace(self, match: re.Match[str]) -> str:
        return _replace_groups(match, self.secrets)


@lru_cache(maxsize=4096)
def _compile_rule(source: str) -> _Rule:
    return _Rule(source)


def _lowered(text: str) -> str:
    """``text`` lower-cased as the case-insensitive rules see it (same length unless a letter
    lower-cases to two characters, which :meth:`CompiledRules.apply` checks)."""
    lower = text.lower()
    if not lower.isascii() and ("\u0131" in lower or "\u017f" in lower):
        lower = lower.translate(_ASCII_FOLDS)
    return lower


# What a traced pass records: (rule, start, end) of each replacement, in the current text.
Trace = list[tuple[_Rule, int, int]]


class CompiledRules:
    """One platform's rules, ready to apply as described in the module docstring."""

    def __init__(self, rules: Sequence[RedactionRule]):
        compiled = [_compile_rule(rule.pattern) for rule in rules]
        self.names = {id(c): rule.name for c, rule in zip(compiled, rules, strict=True)}
        everywhere = {id(c) for c, rule in zip(compiled, rules, strict=True) if rule.everywhere}
        # priority: category first, then the order given
        order = sorted(range(len(compiled)), key=lambda i: (compiled[i].category, i))
        self._rules = [compiled[i] for i in order]
        self.always: list[_Rule] = []
        self.everywhere: list[_Rule] = []
        self.multiline: list[_Rule] = []
        by_trigger: dict[str, set[int]] = {}
        self.shields: list[_Rule] = []  # multi-line rules without secrets: protect whole blocks
        for rank, rule in enumerate(self._rules):
            if id(rule) in everywhere:
                self.everywhere.append(rule)
            elif rule.multiline and not rule.secrets:
                self.shields.append(rule)
            elif rule.multiline:
                self.multiline.append(rule)
            elif rule.triggers is None:
                self.always.append(rule)
            else:
                for trigger in rule.triggers:
                    by_trigger.setdefault(trigger, set()).add(rank)
        # A trigger containing a shorter one is found through it: fold its rules into the
        # shorter trigger's and search only the shorter one.
        kept = {t: set(ranks) for t, ranks in by_trigger.items()
                if not any(o != t and o in t for o in by_trigger)}
        for t, ranks in by_trigger.items():
            for o in kept:
                if o != t and o in t:
                    kept[o] |= ranks
        # Grouped by first character: one cheap check skips e.g. every "$6$"-style trigger.
        groups: dict[str, list[tuple[str, frozenset[int]]]] = {}
        for t in sorted(kept):
            groups.setdefault(t[0], []).append((t, frozenset(kept[t])))
        self.line_triggers = tuple((first, tuple(ts)) for first, ts in groups.items())
        self._line_ranks = frozenset(r for ranks in kept.values() for r in ranks)
        # rules that only protect text change nothing on a line where no other rule can match
        self._protect_ranks = frozenset(r for r in self._line_ranks if not self._rules[r].secrets)
        self._ordered: dict[frozenset[int], tuple[_Rule, ...]] = {}

    def _rules_for(self, ranks: frozenset[int]) -> tuple[_Rule, ...]:
        rules = self._ordered.get(ranks)
        if rules is None:
            rules = self._ordered[ranks] = tuple(self._rules[r] for r in sorted(ranks))
        return rules

    def apply(self, text: str, trace: Trace | None = None) -> str:
        """Redact ``text``; with a ``trace`` list, also record where each rule replaced what
        (spans in the returned text)."""
        lower = _lowered(text)
        if self._line_ranks:
            edits: list[tuple[_Rule, int, int, int]] | None = [] if trace is not None else None
            if len(lower) == len(text):
                text = self._apply_on_lines(text, lower, self._shielded(text, lower), edits)
            else:  # lower-casing changed offsets (rare Unicode): every line, every line rule
                out: list[str] = []
                cursor = self._scan(text, 0, len(text), self._rules_for(self._line_ranks), out, 0,
                                    edits)
                text = "".join(out) + text[cursor:] if out else text
            if trace is not None and edits:
                _retrace(trace, edits)
        for rule in self.always:
            text = _substitute(rule, text, trace)
        for rule in (*self.everywhere, *self.multiline):
            if rule.triggers is None or any(t in lower for t in rule.triggers):
                text = _substitute(rule, text, trace)
        return text

    def _shielded(self, text: str, lower: str) -> list[tuple[int, int]]:
        """Spans that multi-line protecting rules (e.g. banners) keep away from the line rules."""
        spans: list[tuple[int, int]] = []
        for rule in self.shields:
            if rule.triggers is None or any(t in lower for t in rule.triggers):
                spans.extend(m.span() for m in rule.pattern.finditer(text))
        return sorted(spans)

    def _apply_on_lines(self, text: str, lower: str, shielded: Sequence[tuple[int, int]] = (),
                        edits: list[tuple[_Rule, int, int, int]] | None = None) -> str:
        lines: dict[tuple[int, int], frozenset[int]] = {}
        find, rfind, size = lower.find, text.rfind, len(text)
        for first, group in self.line_triggers:
            if len(group) > 1 and first not in lower:
                continue
            for trigger, ranks in group:
                at = find(trigger)
                while at != -1:
                    start = rfind("\n", 0, at) + 1
                    end = text.find("\n", at)
                    if end == -1:
                        end = size
                    span = (start, end)
                    seen = lines.get(span)
                    lines[span] = ranks if seen is None else seen | ranks
                    at = find(trigger, end)
        if not lines:
            return text
        out: list[str] = []
        cursor = 0
        for (start, end), ranks in sorted(lines.items()):
            if ranks <= self._protect_ranks or (shielded and _inside(shielded, start, end)):
                continue
            cursor = self._scan(text, start, end, self._rules_for(ranks), out, cursor, edits)
        if not out:
            return text
        out.append(text[cursor:])
        return "".join(out)

    @staticmethod
    def _scan(text: str, start: int, end: int, rules: tuple[_Rule, ...], out: list[str],
              cursor: int, edits: list[tuple[_Rule, int, int, int]] | None = None) -> int:
        """Replace the secrets of ``rules`` in ``text[start:end]``, appending to ``out`` the text
        from ``cursor`` on; returns the new cursor.  ``edits`` (when given) receives
        ``(rule, start, end, new length)`` of each match that changed something."""
        pos = start
        # the next match of each rule that may still match, found from ``pos`` or earlier
        pending = [(rule, rule.pattern.search(text, pos, end)) for rule in rules]
        pending = [(rule, m) for rule, m in pending if m is not None]
        while pending:
            best_index = 0
            best = pending[0][1]
            for index in range(1, len(pending)):
                match = pending[index][1]
                if match.start() < best.start():
                    best_index, best = index, match
            rule = pending[best_index][0]
            out.append(text[cursor:best.start()])
            replacement = rule.replace(best)
            out.append(replacement)
            if edits is not None and replacement != best.group(0):
                edits.append((rule, best.start(), best.end(), len(replacement)))
            cursor = best.end()
            pos = cursor if best.end() > best.start() else cursor + 1
            if pos > end:
                break
            # matches starting before the new position overlap the one just used: look again
            again = []
            for rule, match in pending:
                if match.start() < pos:
                    match = rule.pattern.search(text, pos, end)
                    if match is None:
                        continue
                again.append((rule, match))
            pending = again
        return cursor


def _substitute(rule: _Rule, text: str, trace: Trace | None) -> str:
    """``rule`` applied to the whole ``text``, recording its replacements in ``trace``."""
    if trace is None:
        return rule.pattern.sub(rule.replace, text)
    edits: list[tuple[_Rule, int, int, int]] = []

    def replace(match: re.Match[str]) -> str:
        replacement = rule.replace(match)
        if replacement != match.group(0):
            edits.append((rule, match.start(), match.end(), len(replacement)))
        return replacement

    text = rule.pattern.sub(replace, text)
    if edits:
        _retrace(trace, edits)
    return text


def _retrace(trace: Trace, edits: Sequence[tuple[_Rule, int, int, int]]) -> None:
    """Move the spans already in ``trace`` to where ``edits`` (sorted, non-overlapping
    ``(rule, start, end, new length)`` replacements) put them, then add the edits' own spans."""
    starts = [start for _, start, _, _ in edits]
    shifts = [0]  # shifts[k]: how far the edits before edit k moved what follows them
    for _, start, end, length in edits:
        shifts.append(shifts[-1] + length - (end - start))

    def moved(pos: int) -> int:
        k = bisect_right(starts, pos) - 1
        if k < 0:
            return pos
        _, start, end, length = edits[k]
        if pos >= end:
            return pos + shifts[k + 1]
        return start + shifts[k] + min(pos - start, length)  # inside a replaced span

    trace[:] = [(rule, moved(start), moved(end)) for rule, start, end in trace]
    trace.extend((rule, start + shifts[k], start + shifts[k] + length)
                 for k, (rule, start, _, length) in enumerate(edits))
    trace.sort(key=lambda item: (item[1], item[2]))


def _inside(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies within one of the sorted ``spans``."""
    i = bisect_right(spans, (start, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= start and end <= spans[i][1]


_CHAR_CLASS = re.compile(r"\[(?:\\.|[^\]\\])*\]")
_LINE_CROSSING = re.compile(r"\\n|\\Z|\\A|\(\?[aiLmux]*s")


def _spans_lines(pattern: str) -> bool:
    """Whether a rule is meant to match across lines (a newline outside a character class,
    ``\\A``/``\\Z`` or DOTALL)."""
    return bool(_LINE_CROSSING.search(_CHAR_CLASS.sub("", pattern)))


def _leading_guard(body: str) -> str | None:
    """``"^"`` or the word look-behind when ``body`` starts with it at its top level.

    The parser tells a leading ``^`` of a plain sequence from one that only starts the first
    branch of a top-level alternation (``^a|b``), which is not anchored as a whole.
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
        value = whole[start - base:end - base]
        # a quoted value keeps its quotes, so the line stays valid syntax for the reader
        quote = value[0] if len(value) >= 2 and value[0] in "\"'" and value[-1] == value[0] else ""
        out.append(f"{quote}{MARKER}{quote}")
        pos = end
    out.append(whole[pos - base:])
    return "".join(out)


