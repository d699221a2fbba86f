"""Change detection between two stored configuration texts: line counts and unified diffs."""

from __future__ import annotations

import difflib


def _lines(text: str | None) -> list[str]:
    return text.splitlines() if text else []


def diff_stats(old: str | None, new: str) -> tuple[int, int]:
    """Lines added and removed going from ``old`` (``None``: nothing stored yet) to ``new``."""
    if old == new:
        return 0, 0
    a, b = _lines(old), _lines(new)
    if not a or not b:  # a first version (or an emptied one): no matching needed
        return len(b), len(a)
    added = removed = 0
    # SequenceMatcher without autojunk: configurations repeat lines ("!", " exit") a lot and the
    # heuristic would otherwise report spurious changes.
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            removed += i2 - i1
        if tag in ("replace", "insert"):
            added += j2 - j1
    return added, removed


def unified_diff(old: str | None, new: str, from_label: str = "a", to_label: str = "b",
                 context: int = 3) -> str:
    """A unified diff from ``old`` to ``new`` (``""`` when they are equal)."""
    if old == new:
        return ""
    lines = difflib.unified_diff(_lines(old), _lines(new), fromfile=from_label, tofile=to_label,
                                 n=context, lineterm="")
    out = "\n".join(lines)
    return out + "\n" if out else ""
