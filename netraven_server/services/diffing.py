"""Diffs of two configuration texts: unified text and side-by-side rows with intra-line marks.

Side-by-side rows are ``{kind, left_no, left, right_no, right, left_marks, right_marks}`` where
``kind`` is ``equal``/``insert``/``delete``/``replace`` and the marks are ``[start, end)``
character ranges that differ inside a replaced line.  Lines are matched with difflib's default
heuristic, the same as the unified diff: lines that repeat a lot (``!``, ``exit``) are only
matched next to distinctive lines, which keeps a 20 kB configuration to a few milliseconds
(without it, those repeats make matching quadratic: ~100 ms).
"""

from __future__ import annotations

import difflib
from typing import Any

# Intra-line marking is quadratic in line length; past this, mark the whole line.
MAX_INTRALINE = 500


def _range(start: int, length: int) -> str:
    # Unified diff ranges are 1-based; an empty range names the line before it.
    if length == 1:
        return str(start + 1)
    if length == 0:
        return f"{start},0"
    return f"{start + 1},{length}"


def _unified_from(matcher: difflib.SequenceMatcher, a: list[str], b: list[str], from_label: str,
                  to_label: str, context: int = 3) -> str:
    """The unified diff text from an existing matcher (so the lines are matched only once)."""
    out: list[str] = []
    for group in matcher.get_grouped_opcodes(context):
        if not out:
            out += [f"--- {from_label}\n", f"+++ {to_label}\n"]
        first, last = group[0], group[-1]
        out.append(f"@@ -{_range(first[1], last[2] - first[1])} +{_range(first[3], last[4] - first[3])} @@\n")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out += [f" {line}\n" for line in a[i1:i2]]
                continue
            if tag in ("replace", "delete"):
                out += [f"-{line}\n" for line in a[i1:i2]]
            if tag in ("replace", "insert"):
                out += [f"+{line}\n" for line in b[j1:j2]]
    return "".join(out)


def unified(old: str, new: str, from_label: str, to_label: str, context: int = 3) -> str:
    a, b = old.splitlines(), new.splitlines()
    return _unified_from(difflib.SequenceMatcher(None, a, b), a, b, from_label, to_label, context)


def _marks(a: str, b: str) -> tuple[list[list[int]], list[list[int]]]:
    if len(a) > MAX_INTRALINE or len(b) > MAX_INTRALINE:
        return [[0, len(a)]] if a else [], [[0, len(b)]] if b else []
    left, right = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if i2 > i1:
            left.append([i1, i2])
        if j2 > j1:
            right.append([j1, j2])
    return left, right


def compare(old: str, new: str, from_label: str, to_label: str) -> tuple[str, list[dict[str, Any]]]:
    """Unified text and side-by-side rows from one line matching."""
    a, b = old.splitlines(), new.splitlines()
    matcher = difflib.SequenceMatcher(None, a, b)
    rows = _rows(matcher, a, b)  # first: get_grouped_opcodes edits the matcher's cached opcodes
    return _unified_from(matcher, a, b, from_label, to_label), rows


def side_by_side(old: str, new: str) -> list[dict[str, Any]]:
    a, b = old.splitlines(), new.splitlines()
    return _rows(difflib.SequenceMatcher(None, a, b), a, b)


def _rows(matcher: difflib.SequenceMatcher, a: list[str], b: list[str]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows.extend({"kind": "equal", "left_no": i + 1, "left": a[i], "right_no": j + 1, "right": b[j]}
                        for i, j in zip(range(i1, i2), range(j1, j2), strict=True))
            continue
        if tag == "delete":
            rows.extend({"kind": "delete", "left_no": i + 1, "left": a[i], "right_no": None, "right": None}
                        for i in range(i1, i2))
            continue
        if tag == "insert":
            rows.extend({"kind": "insert", "left_no": None, "left": None, "right_no": j + 1, "right": b[j]}
                        for j in range(j1, j2))
            continue
        # replace: pair lines up one to one, the surplus becomes deletes or inserts
        pairs = min(i2 - i1, j2 - j1)
        for k in range(pairs):
            la, rb = a[i1 + k], b[j1 + k]
            lm, rm = _marks(la, rb)
            rows.append({"kind": "replace", "left_no": i1 + k + 1, "left": la, "right_no": j1 + k + 1,
                         "right": rb, "left_marks": lm, "right_marks": rm})
        rows.extend({"kind": "delete", "left_no": i + 1, "left": a[i], "right_no": None, "right": None}
                    for i in range(i1 + pairs, i2))
        rows.extend({"kind": "insert", "left_no": None, "left": None, "right_no": j + 1, "right": b[j]}
                    for j in range(j1 + pairs, j2))
    return rows


def collapse(rows: list[dict[str, Any]], context: int) -> list[dict[str, Any]]:
    """Keep ``context`` equal rows around changes; longer equal runs become one ``skip`` row."""
    if context < 0:
        return rows
    keep = [False] * len(rows)
    for idx, row in enumerate(rows):
        if row["kind"] != "equal":
            for k in range(max(0, idx - context), min(len(rows), idx + context + 1)):
                keep[k] = True
    out: list[dict[str, Any]] = []
    skipped = 0
    for row, kept in zip(rows, keep, strict=True):
        if kept:
            if skipped:
                out.append({"kind": "skip", "count": skipped})
                skipped = 0
            out.append(row)
        else:
            skipped += 1
    if skipped:
        out.append({"kind": "skip", "count": skipped})
    return out


def stats(rows: list[dict[str, Any]]) -> dict[str, int]:
    added = sum(1 for r in rows if r["kind"] in ("insert", "replace"))
    removed = sum(1 for r in rows if r["kind"] in ("delete", "replace"))
    return {"lines_added": added, "lines_removed": removed}
