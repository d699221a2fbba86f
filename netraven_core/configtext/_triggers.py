"""Literal "triggers" of a regex: strings at least one of which every match must contain.

Redaction uses them to find, with fast substring search, the few lines a rule could match, so
the (comparatively slow) regex engine only runs there.  The analysis walks the parsed pattern;
whatever it does not understand yields "no trigger", which makes the caller fall back to a full
scan — it can be imprecise but never unsafe.  Triggers are lower-case (callers search a
lower-cased text, a superset of case-sensitive matches).
"""

from __future__ import annotations

from itertools import product
from typing import Any

try:  # Python >= 3.11
    from re import _constants as C
    from re import _parser
except ImportError:  # pragma: no cover
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

_MAX_ALTERNATIVES = 64
MIN_TRIGGER_LENGTH = 3


class _Info:
    """What a (sub)pattern tells about literals: ``exact`` = the finite set of strings it can
    match (``None`` when unbounded); ``required`` = strings one of which any match contains."""

    __slots__ = ("exact", "required")

    def __init__(self, exact: set[str] | None, required: set[str] | None):
        self.exact = exact
        self.required = required


# Literals found on most lines of some configuration formats make poor triggers.
_COMMON = frozenset({"set", "set ", "add", "add ", "name", "name=", "edit", "config", "next", "end"})


def _quality(candidates: set[str] | None) -> tuple[int, int, int]:
    if not candidates:
        return (0, 0, 0)
    rare = not all(s.strip() in _COMMON for s in candidates)
    return (min(len(s) for s in candidates) if rare else 1, rare, -len(candidates))


def _best(*sets: set[str] | None) -> set[str] | None:
    best: set[str] | None = None
    for s in sets:
        if s and _quality(s) > _quality(best):
            best = s
    return best


def _sequence(items: Any) -> _Info:
    run: set[str] | None = {""}
    exact_whole = True
    required: set[str] | None = None
    for op, av in items:
        info = _element(op, av)
        if info.exact == {""}:  # zero width: keeps the run going, may still require something
            required = _best(required, info.required)
            continue
        if info.exact is not None and run is not None:
            joined = {a + b for a, b in product(run, info.exact)}
            if len(joined) <= _MAX_ALTERNATIVES:
                run = joined
                continue
        # the run of exact pieces ends here
        exact_whole = False
        if run is not None and "" not in run:
            required = _best(required, run)
        required = _best(required, info.required)
        run = info.exact if info.exact is not None else {""}
    if run is not None and "" not in run:
        required = _best(required, run)
    return _Info(run if exact_whole else None, required)


def _element(op: Any, av: Any) -> _Info:
    if op is C.LITERAL:
        return _Info({chr(av).lower()}, {chr(av).lower()})
    if op in (C.AT, C.ASSERT_NOT):
        return _Info({""}, None)  # zero width
    if op is C.ASSERT:
        # zero width, but what a look-around requires is in the text all the same
        return _Info({""}, _sequence(av[1]).required)
    if op is C.IN:
        chars = {chr(v).lower() for o, v in av if o is C.LITERAL}
        if chars and len(chars) == len(av) and len(chars) <= 8:
            return _Info(chars, None)
        return _Info(None, None)
    if op is C.SUBPATTERN:
        return _sequence(av[-1])
    if op is C.BRANCH:
        infos = [_sequence(branch) for branch in av[1]]
        exact: set[str] | None = set()
        required: set[str] | None = set()
        for info in infos:
            if exact is not None and info.exact is not None:
                exact |= info.exact
            else:
                exact = None
            if required is not None and info.required:
                required |= info.required
            else:
                required = None
        if exact is not None and len(exact) > _MAX_ALTERNATIVES:
            exact = None
        return _Info(exact, required or None)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
        low, high, sub = av
        inner = _sequence(sub)
        if low == high == 1:
            return inner
        if low == 0 and high == 1 and inner.exact is not None:
            return _Info(inner.exact | {""}, None)
        return _Info(None, inner.required if low >= 1 else None)
    return _Info(None, None)


def triggers(pattern: str) -> frozenset[str] | None:
    """Lower-case literals one of which every match of ``pattern`` contains, or ``None``.

    ``None`` means no useful trigger was found (the shortest would be under
    :data:`MIN_TRIGGER_LENGTH` characters, or the pattern is beyond this analysis).
    """
    try:
        parsed = _parser.parse(pattern)
    except Exception:
        return None
    info = _sequence(list(parsed))
    found = _best(info.required, info.exact if info.exact and "" not in info.exact else None)
    if not found or min(len(s) for s in found) < MIN_TRIGGER_LENGTH:
        return None
    return frozenset(found)
