"""What a rule's pattern is made of, read from Python's own regular-expression parser: its
leading literal, so that a whole configuration can be searched with ``str.find`` for the few
lines the pattern can match, and whether it can backtrack exponentially (rules run on every new
version of every device)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

try:  # the regular-expression parser: re._parser since Python 3.11, sre_parse before
    from re import _constants as _sre_constants
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as _sre_constants  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]


@dataclass(frozen=True)
class Prefilter:
    """Text every line a pattern matches must contain: one of its leading literals (at the line's
    start when the pattern begins with ``^``).  Finding those with ``str.find`` over a whole
    configuration, then searching only the lines they are in, gives the same answers as searching
    every line, at a fraction of the cost (rules run on every new version)."""

    literals: tuple[str, ...]
    anchored: bool


def _leading_literal(items: list[tuple[Any, Any]]) -> str:
    chars = []
    for op, arg in items:
        if op is not _sre_constants.LITERAL:
            break
        chars.append(chr(arg))
    return "".join(chars)


def prefilter(pattern: str) -> Prefilter | None:
    """The :class:`Prefilter` of ``pattern``: its leading literal, or the leading literals of the
    branches of a leading group (``^(logging|syslog) ``); ``None`` when there is none of at least
    two characters, or the pattern ignores case."""
    try:
        parsed = _sre_parse.parse(pattern)
    except Exception:
        return None
    if parsed.state.flags & (re.IGNORECASE | re.LOCALE):
        return None
    items = list(parsed)
    anchored = bool(items) and items[0] == (_sre_constants.AT, _sre_constants.AT_BEGINNING)
    items = items[1 if anchored else 0:]
    literal = _leading_literal(items)
    group = list(items[0][1][3]) if items and items[0][0] is _sre_constants.SUBPATTERN else []
    if literal:
        literals: tuple[str, ...] = (literal,)
    elif len(group) == 1 and group[0][0] is _sre_constants.BRANCH:  # ^(a|b)...: a group of branches
        literals = tuple(_leading_literal(list(branch)) for branch in group[0][1][1])
    else:
        return None
    return Prefilter(literals, anchored) if literals and min(map(len, literals)) >= 2 else None


_REPEATS = tuple(getattr(_sre_constants, name) for name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
                 if hasattr(_sre_constants, name))


def _subpatterns(op: Any, arg: Any) -> list[Any]:
    """The nested pattern lists of one parsed item (groups, repeats, branches, look-arounds)."""
    if op in _REPEATS:
        return [arg[2]]
    if op is _sre_constants.SUBPATTERN:
        return [arg[3]]
    if op is _sre_constants.BRANCH:
        return list(arg[1])
    if op in (_sre_constants.ASSERT, _sre_constants.ASSERT_NOT):
        return [arg[1]]
    if op is _sre_constants.GROUPREF_EXISTS:
        return [p for p in arg[1:] if p is not None]
    return []


def _flat(items: Any) -> list[Any]:
    """``items`` with groups opened (a group consumes what its contents consume)."""
    out: list[Any] = []
    for op, arg in items:
        if op is _sre_constants.SUBPATTERN:
            out.extend(_flat(arg[3]))
        else:
            out.append((op, arg))
    return out


def _repeats_only(body: Any) -> bool:
    """A repeated body made only of repeats, one unbounded (``a+``, ``\\s*\\w+``): nothing in it
    must consume a fixed character, so the engine can split a line among the iterations in
    exponentially many ways.  ``(\\S+ )*`` or ``(\\d+\\.)+`` have a separator and stay linear."""
    items = _flat(body)
    return bool(items) and all(op in _REPEATS for op, _arg in items) and any(
        arg[1] == _sre_constants.MAXREPEAT for _op, arg in items)


def _catastrophic(items: Any) -> bool:
    for op, arg in items:
        if op in _REPEATS and arg[1] == _sre_constants.MAXREPEAT and _repeats_only(arg[2]):
            return True
        if any(_catastrophic(sub) for sub in _subpatterns(op, arg)):
            return True
    return False


def nested_repeat(pattern: str) -> bool:
    """Whether ``pattern`` repeats without bound a body made only of repeats (``(a+)+``,
    ``(\\s*\\w+)*``, ``(.*)*``): the shape of catastrophic backtracking.  Rules run on every new
    version of every device, so such a pattern is refused rather than left to stall the workers
    (alternations that overlap, ``(a|aa)+``, are not caught)."""
    try:
        return _catastrophic(_sre_parse.parse(pattern))
    except Exception:
        return False
