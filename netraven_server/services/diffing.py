"""Diffs of two configuration texts: unified text and side-by-side rows with intra-line marks.

Side-by-side rows are ``{kind, left_no, left, right_no, right, left_marks, right_marks}`` where
``kind`` is ``equal``/``insert``/``delete``/``replace`` and the marks are ``[start, end)``
character ranges that differ inside a replaced line.  Lines are aligned by
:func:`netraven_core.configtext.changes.opcodes`, the alignment behind the stored diff counts and the CLI's
diffs, so the web view and the API show the same hunks and counts as everything else.
"""

from __future__ import annotations

import difflib
from typing import Any

from netraven_core.configtext.changes import Opcode, opcodes, render_unified, unified_diff

# Intra-line marking is quadratic in line length; past this, mark the whole line.
MAX_INTRALINE = 500


def unified(old: str, new: str, from_label: str, to_label: str, context: int = 3) -> str:
    return unified_diff(old, new, from_label, to_label, context)


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
    ops = opcodes(a, b)
    return render_unified(a, b, ops, from_label, to_label), _rows(ops, a, b)


def side_by_side(old: str, new: str) -> list[dict[str, Any]]:
    a, b = old.splitlines(), new.splitlines()
    return _rows(opcodes(a, b), a, b)


def _rows(ops: list[Opcode], a: list[str], b: list[str]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for tag, i1, i2, j1, j2 in ops:
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
