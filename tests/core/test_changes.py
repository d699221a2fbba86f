"""Change detection: added/removed line counts and unified diffs."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from netraven_core.configtext.changes import diff_stats, unified_diff


def test_first_version_counts_every_line_added() -> None:
    assert diff_stats(None, "a\nb\nc\n") == (3, 0)
    assert diff_stats("", "a\n") == (1, 0)


def test_equal_texts() -> None:
    assert diff_stats("a\nb\n", "a\nb\n") == (0, 0)
    assert unified_diff("a\nb\n", "a\nb\n", "x", "y") == ""


def test_changed_line_counts_once_each_way() -> None:
    old = "hostname a\ninterface x\n description old\nend\n"
    new = "hostname a\ninterface x\n description new\n shutdown\nend\n"
    assert diff_stats(old, new) == (2, 1)
    assert diff_stats(new, old) == (1, 2)


def test_repeated_lines_do_not_confuse_the_counts() -> None:
    block = "!\ninterface Gi0/{i}\n description port {i}\n!\n"
    old = "".join(block.format(i=i) for i in range(300))
    new = old.replace(" description port 150\n", " description port 150 uplink\n")
    assert diff_stats(old, new) == (1, 1)


def test_unified_diff_format() -> None:
    old = "a\nb\nc\nd\ne\nf\ng\n"
    new = "a\nb\nc\nD\ne\nf\ng\n"
    diff = unified_diff(old, new, "sw1@v1", "sw1@v2")
    assert diff.splitlines()[:3] == ["--- sw1@v1", "+++ sw1@v2", "@@ -1,7 +1,7 @@"]
    assert "-d" in diff.splitlines() and "+D" in diff.splitlines()
    assert diff.endswith("\n")
    narrow = unified_diff(old, new, "a", "b", context=1)
    assert "@@ -3,3 +3,3 @@" in narrow
    assert unified_diff(None, "x\n", "a", "b").splitlines()[-1] == "+x"


_LINES = st.lists(st.sampled_from(["!", "a", "b", " c", "end", "x y"]), max_size=30)


@given(_LINES, _LINES)
def test_stats_agree_with_the_diff(old_lines: list[str], new_lines: list[str]) -> None:
    old = "".join(line + "\n" for line in old_lines)
    new = "".join(line + "\n" for line in new_lines)
    added, removed = diff_stats(old, new)
    body = unified_diff(old, new, "a", "b").splitlines()[2:]
    assert added == sum(1 for line in body if line.startswith("+"))
    assert removed == sum(1 for line in body if line.startswith("-"))
    assert added - removed == len(new_lines) - len(old_lines)


def _apply(old_lines: list[str], diff: str) -> list[str]:
    """Apply a unified diff (as produced above) to ``old_lines``."""
    import re

    out: list[str] = []
    pos = 0
    for line in diff.splitlines()[2:]:
        hunk = re.match(r"@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@", line)
        if hunk:
            start = int(hunk.group(1)) - (0 if hunk.group(2) == "0" else 1)
            out.extend(old_lines[pos:start])
            pos = start
        elif line.startswith((" ", "-")):
            assert old_lines[pos] == line[1:]
            if line[0] == " ":
                out.append(line[1:])
            pos += 1
        elif line.startswith("+"):
            out.append(line[1:])
    return out + old_lines[pos:]


@given(_LINES, _LINES, st.integers(min_value=0, max_value=4))
def test_the_diff_turns_old_into_new(old_lines: list[str], new_lines: list[str], context: int) -> None:
    old = "".join(line + "\n" for line in old_lines)
    new = "".join(line + "\n" for line in new_lines)
    assert _apply(old_lines, unified_diff(old, new, "a", "b", context=context)) == new_lines


def test_large_configurations_diff_quickly_and_exactly() -> None:
    lines = [f" description port {i}" if i % 3 else "!" for i in range(30000)]
    changed = list(lines)
    changed[100] += " uplink"
    changed.insert(20000, "! new line")
    old, new = "\n".join(lines) + "\n", "\n".join(changed) + "\n"
    assert diff_stats(old, new) == (2, 1)
    assert _apply(lines, unified_diff(old, new, "a", "b")) == changed
