"""The diff helpers: the core library's unified text and counts, rows that rebuild both texts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from netraven_core.configtext.changes import diff_stats, unified_diff
from netraven_server.services import diffing

lines = st.lists(st.sampled_from(["!", "interface Gi0/1", " shutdown", " description a", " description b",
                                  "end", "", "hostname r1"]), max_size=40)


def _text(items):
    return "".join(f"{line}\n" for line in items)


@settings(max_examples=200, deadline=None)
@given(lines, lines)
def test_unified_and_counts_match_the_core_and_rows_rebuild_texts(a, b):
    # One alignment everywhere: the web/API diff, its counts and the stored change counts agree.
    old, new = _text(a), _text(b)
    unified, rows = diffing.compare(old, new, "old", "new")
    assert unified == unified_diff(old, new, "old", "new")
    stats = diffing.stats(rows)
    assert (stats["lines_added"], stats["lines_removed"]) == diff_stats(old, new)
    assert [r["left"] for r in rows if r["left"] is not None] == a, (a, b, rows)
    assert [r["right"] for r in rows if r["right"] is not None] == b
    for row in rows:
        assert row["kind"] in ("equal", "insert", "delete", "replace")
        if row["kind"] == "equal":
            assert row["left"] == row["right"]


def test_intraline_marks_and_collapse():
    old, new = "a\nip address 10.0.0.1\nb\nc\nd\ne\n", "a\nip address 10.0.0.2\nb\nc\nd\ne\n"
    rows = diffing.side_by_side(old, new)
    replaced = [r for r in rows if r["kind"] == "replace"]
    assert replaced[0]["left_marks"] == [[18, 19]] and replaced[0]["right_marks"] == [[18, 19]]
    collapsed = diffing.collapse(rows, 1)
    assert [r["kind"] for r in collapsed] == ["equal", "replace", "equal", "skip"]
    assert collapsed[-1]["count"] == 3
    assert diffing.stats(rows) == {"lines_added": 1, "lines_removed": 1}
