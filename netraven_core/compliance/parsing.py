"""A stored configuration as statements and blocks, whatever its syntax family.

Four families reach a rule:

- indented (Cisco, Arista, Huawei, HP...) and ``config``/``edit``/``end`` (FortiOS, whose
  ``show`` output is indented too): a depth-first index of lines (:mod:`.indent`).  A block is a
  line with every deeper-indented line after it, at any depth.
- brace (Junos, PAN-OS): turned into ``set`` paths by :func:`brace_to_set`, by the braces and
  semicolons themselves (PAN-OS indents by 2, Junos by 4), so ``system { services { telnet; } }``
  and ``set system services telnet`` are checked the same.
- ``set`` (Junos display set, VyOS, EdgeOS, ScreenOS): flat lines; a block is every line whose
  start matches the parent pattern, and its children are the rest of those lines.

The family is told by the text itself, so a Junos device collected in either form, or a plugin
platform, needs no mapping.  The commented hardware/software header the backup adds
(``configtext.sections``) is not configuration and is left out.

Rules run on every new version, so a pattern is searched only in the statements that hold its
leading literal (``^ntp server `` -> lines starting ``ntp server ``), found by ``str.find`` over
the statements joined by newlines; the answers are those of a search of every statement.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate

from ..configtext.sections import END_LABEL
from .indent import block_end, indented_lines
from .prefilter import Prefilter

INDENTED, FORTIOS, BRACE, SET = "indented", "fortios", "brace", "set"

_BRACE_OPEN = re.compile(r"\{\s*(?:#.*)?$")
_COMMENT = re.compile(r"^\s*(?:#|/\*|\*)")


def strip_header(text: str) -> str:
    """``text`` without the commented sections header at its top, if it has one."""
    marker = text.find(END_LABEL)
    if marker < 0:
        return text
    end = text.find("\n", marker)
    return "" if end < 0 else text[end + 1:]


# Scanned over "\n" + text: a leading literal newline lets the regex engine jump line to line.
_STATEMENT = re.compile(r"\n[ \t]*[^ \t\r\n#/*]")
_BRACE_LINE = re.compile(r"\{[ \t]*(?:#[^\n]*)?$", re.MULTILINE)
_SET_LINE = re.compile(r"\n(?:set|delete) ")
_END_LINE = re.compile(r"\n[ \t]*end[ \t]*(?:\n|$)")
SNIFF_CHARS = 8192  # the family shows in the first couple of hundred lines


def detect_syntax(text: str) -> str:
    """The syntax family of a configuration, from its first few kilobytes."""
    chunk = "\n" + text[:SNIFF_CHARS]
    lines = len(_STATEMENT.findall(chunk))
    if not lines:
        return INDENTED
    braces = len(_BRACE_LINE.findall(chunk))
    sets = len(_SET_LINE.findall(chunk))
    if braces >= 2 and braces * 10 >= lines:
        return BRACE
    if sets * 2 > lines:
        return SET
    if "\nconfig " in chunk and _END_LINE.search("\n" + text):
        return FORTIOS
    return INDENTED


def brace_to_set(text: str) -> list[str]:
    """``set`` paths of a brace-style configuration (``a { b { c d; } }`` -> ``set a b c d``).

    Comments (``#``, ``/* */``, Junos ``## SECRET-DATA`` tails) are dropped; ``[ x y ]`` lists stay
    one statement, as Junos prints them in display set.
    """
    out: list[str] = []
    prefixes = ["set"]  # "set" and the open blocks' path, one entry per depth
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] == "#" or line.startswith(("/*", "*")):
            continue
        if " #" in line:
            line = re.sub(r"\s+#.*$", "", line)
        if line[-1] == "{":
            prefixes.append(f"{prefixes[-1]} {line[:-1].rstrip()}")
        elif line[0] == "}":
            if len(prefixes) > 1:
                prefixes.pop()
        else:
            stmt = line.rstrip(";").rstrip()
            if stmt.startswith(("set ", "delete ")):
                out.append(stmt)
            elif stmt:
                out.append(f"{prefixes[-1]} {stmt}")
    return out


@dataclass(frozen=True)
class Block:
    """A block a parent pattern selected: its line and the statements inside it (for an
    indented configuration, ``span`` is their index range in :attr:`ParsedConfig.statements`)."""

    line: str
    children: tuple[str, ...]
    span: tuple[int, int] | None = None


class ParsedConfig:
    """A configuration ready for rules: :attr:`statements`, :meth:`matches` and :meth:`blocks`."""

    def __init__(self, text: str, platform: str = ""):
        body = strip_header(text)
        self.syntax = detect_syntax(body)
        self._depths: list[int] | None = None
        self._block_cache: dict[str, tuple[list[int], dict[int, int]]] = {}
        if self.syntax == BRACE:
            statements = brace_to_set(body)
        elif self.syntax == SET:
            statements = [ln.strip() for ln in body.splitlines() if ln.strip() and not _COMMENT.match(ln)]
        else:
            statements, self._depths = indented_lines(body)
        self.statements: tuple[str, ...] = tuple(statements)
        self._joined = "\n".join(self.statements)
        # where each statement starts in the joined text (its length plus the newline, summed)
        self._starts = list(accumulate(map((1).__add__, map(len, self.statements[:-1])), initial=0))

    def _candidates(self, hint: Prefilter, lo: int, hi: int) -> list[int]:
        """Indexes in ``[lo, hi)`` of the statements holding one of ``hint``'s literals, in order."""
        joined, starts = self._joined, self._starts
        begin = starts[lo]
        limit = starts[hi] - 1 if hi < len(starts) else len(joined)
        found: list[int] = []
        for literal in hint.literals:
            if hint.anchored:
                if joined.startswith(literal, begin, limit):
                    found.append(lo)
                needle, skip = "\n" + literal, 1
            else:
                needle, skip = literal, 0
            at = joined.find(needle, begin, limit)
            while at >= 0:
                index = bisect_right(starts, at + skip) - 1
                if not found or found[-1] != index:
                    found.append(index)
                if index + 1 >= hi:
                    break
                at = joined.find(needle, starts[index + 1] - skip, limit)
        # one literal finds lines in order; several may find one line twice, out of order
        return sorted(set(found)) if len(hint.literals) > 1 else found

    def matches(self, rx: re.Pattern[str], hint: Prefilter | None = None, lo: int = 0,
                hi: int | None = None) -> list[tuple[int, re.Match[str]]]:
        """``(statement index, first match)`` of every statement in ``[lo, hi)`` (default: all)
        ``rx`` finds something in.

        With ``hint`` (the pattern's :class:`~.rules.Prefilter`) only the statements holding one of
        its literals are searched, found by ``str.find`` over the joined text, instead of a
        regular-expression search per statement.
        """
        statements = self.statements
        hi = len(statements) if hi is None else hi
        if lo >= hi:
            return []
        indexes = range(lo, hi) if hint is None else self._candidates(hint, lo, hi)
        return [(i, m) for i in indexes if (m := rx.search(statements[i])) is not None]

    def block_matches(self, parent: re.Pattern[str], parent_hint: Prefilter | None, rx: re.Pattern[str],
                      hint: Prefilter | None) -> list[tuple[int, list[tuple[int, re.Match[str]]]]] | None:
        """For an indented configuration, every block ``parent`` selects, in order, with the
        statements of it that ``rx`` finds something in: ``[(block line index, [(index, match)])]``.

        The pattern is looked for once over the whole text and each hit given to the blocks that
        enclose it, rather than searched block by block (a rule on every interface of a switch
        with 400 of them is 400 blocks).  ``None`` for the other families (use :meth:`blocks`).
        """
        depths = self._depths
        if depths is None:
            return None
        heads, ends = self._heads(parent, parent_hint)
        if not heads:
            return []
        members: dict[int, list[tuple[int, re.Match[str]]]] = {head: [] for head in heads}
        for index, m in self.matches(rx, hint, heads[0] + 1, max(ends.values())):
            j = bisect_right(heads, index - 1) - 1  # the nearest head before the statement
            while j >= 0:
                head = heads[j]
                if ends[head] > index:
                    members[head].append((index, m))
                if depths[head] == 0:  # no block before a top-level one can reach past it
                    break
                j -= 1
        return [(head, members[head]) for head in heads]

    def _heads(self, parent: re.Pattern[str], hint: Prefilter | None) -> tuple[list[int], dict[int, int]]:
        """The lines ``parent`` selects and where their blocks end (kept: rules about the same
        blocks, every interface or every vty line, are common)."""
        cached = self._block_cache.get(parent.pattern)
        if cached is None:
            assert self._depths is not None
            heads = [index for index, _m in self.matches(parent, hint)]
            cached = self._block_cache[parent.pattern] = (
                heads, {head: block_end(self._depths, head) for head in heads})
        return cached

    def blocks(self, parent: re.Pattern[str], hint: Prefilter | None = None) -> Iterator[Block]:
        """Every block whose line matches ``parent`` (``search``), in configuration order."""
        if self._depths is not None:
            for index, _m in self.matches(parent, hint):
                end = block_end(self._depths, index)
                yield Block(self.statements[index], self.statements[index + 1:end], (index + 1, end))
            return
        # set-style: lines sharing the text the parent pattern matched form one block
        groups: dict[str, list[str]] = {}
        for index, m in self.matches(parent, hint):
            stmt, cut = self.statements[index], m.end()
            groups.setdefault(stmt[:cut], []).append(stmt[cut:].strip())
        for line, children in groups.items():
            yield Block(line, tuple(c for c in children if c))
