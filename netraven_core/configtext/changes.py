"""Change detection between two stored configuration texts: line counts and unified diffs.

Both functions share one alignment of the lines, so the counts always agree with the diff.  The
common head and tail are set aside first (a configuration usually changes in a few places), and
the rest is aligned with :class:`difflib.SequenceMatcher` and its usual heuristic for very common
lines ("!", "exit"), which keeps even a 1 MB configuration to a fraction of a second.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence

Opcode = tuple[str, int, int, int, int]


def _lines(text: str | None) -> list[str]:
    return text.splitlines() if text else []


def opcodes(a: Sequence[str], b: Sequence[str]) -> list[Opcode]:
    """``SequenceMatcher.get_opcodes()`` for lines ``a`` -> ``b``, computed on the differing middle.

    The one line alignment behind every diff NetRaven shows (CLI, storage, web side-by-side), so
    their counts and hunks agree.
    """
    head = 0
    limit = min(len(a), len(b))
    while head < limit and a[head] == b[head]:
        head += 1
    tail = 0
    while tail < limit - head and a[len(a) - 1 - tail] == b[len(b) - 1 - tail]:
        tail += 1
    a_mid, b_mid = a[head:len(a) - tail], b[head:len(b) - tail]
    middle: list[Opcode]
    if a_mid and b_mid:
        middle = difflib.SequenceMatcher(None, a_mid, b_mid).get_opcodes()
    elif a_mid or b_mid:  # a pure insertion or deletion (e.g. a first version): nothing to align
        middle = [("delete" if a_mid else "insert", 0, len(a_mid), 0, len(b_mid))]
    else:
        middle = []
    ops: list[Opcode] = []
    if head:
        ops.append(("equal", 0, head, 0, head))
    for tag, i1, i2, j1, j2 in middle:
        if tag == "equal" and ops and ops[-1][0] == "equal":
            _, p1, _p2, q1, _q2 = ops.pop()
            ops.append(("equal", p1, i2 + head, q1, j2 + head))
        else:
            ops.append((tag, i1 + head, i2 + head, j1 + head, j2 + head))
    if tail:
        start_a, start_b = len(a) - tail, len(b) - tail
        if ops and ops[-1][0] == "equal":
            _, p1, _p2, q1, _q2 = ops.pop()
            ops.append(("equal", p1, len(a), q1, len(b)))
        else:
            ops.append(("equal", start_a, len(a), start_b, len(b)))
    return ops


def diff_stats(old: str | None, new: str) -> tuple[int, int]:
    """Lines added and removed going from ``old`` (``None``: nothing stored yet) to ``new``."""
    if old == new:
        return 0, 0
    added = removed = 0
    for tag, i1, i2, j1, j2 in opcodes(_lines(old), _lines(new)):
        if tag in ("replace", "delete"):
            removed += i2 - i1
        if tag in ("replace", "insert"):
            added += j2 - j1
    return added, removed


def _range(start: int, stop: int) -> str:
    """A unified-diff hunk range, as ``diff -u`` writes it."""
    length = stop - start
    first = start + 1
    if length == 1:
        return str(first)
    if not length:
        first -= 1  # an empty range begins at the line before
    return f"{first},{length}"


def _hunks(a: Sequence[str], b: Sequence[str], ops: list[Opcode], context: int) -> Iterator[str]:
    # get_grouped_opcodes() only uses the opcodes: an empty matcher skips indexing all of b.
    # It edits the list in place, hence the copy (callers may reuse ``ops``).
    matcher = difflib.SequenceMatcher()
    matcher.opcodes = list(ops)
    for group in matcher.get_grouped_opcodes(context):
        first, last = group[0], group[-1]
        yield f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@"
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                yield from (" " + line for line in a[i1:i2])
                continue
            if tag in ("replace", "delete"):
                yield from ("-" + line for line in a[i1:i2])
            if tag in ("replace", "insert"):
                yield from ("+" + line for line in b[j1:j2])


def unified_diff(old: str | None, new: str, from_label: str = "a", to_label: str = "b",
                 context: int = 3) -> str:
    """A unified diff from ``old`` to ``new`` (``""`` when they are equal)."""
    if old == new:
        return ""
    a, b = _lines(old), _lines(new)
    return render_unified(a, b, opcodes(a, b), from_label, to_label, context)


def render_unified(a: Sequence[str], b: Sequence[str], ops: list[Opcode], from_label: str = "a",
                   to_label: str = "b", context: int = 3) -> str:
    """The unified diff of lines ``a`` -> ``b`` from their :func:`opcodes` (``""``: no change)."""
    body = list(_hunks(a, b, ops, context))
    if not body:
        return ""
    return "\n".join([f"--- {from_label}", f"+++ {to_label}", *body]) + "\n"
