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
from .rules import Prefilter

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


_STATEMENT = re.compile(r"^[ \t]*[^ \t\r\n#/*]", re.MULTILINE)
_BRACE_LINE = re.compile(r"\{[ \t]*(?:#[^\n]*)?$", re.MULTILINE)
_SET_LINE = re.compile(r"^(?:set|delete) ", re.MULTILINE)
_CONFIG_LINE = re.compile(r"^config ", re.MULTILINE)
_END_LINE = re.compile(r"^[ \t]*end[ \t]*$", re.MULTILINE)
SNIFF_CHARS = 8192  # the family shows in the first couple of hundred lines


def detect_syntax(text: str) -> str:
    """The syntax family of a configuration, from its first few kilobytes."""
    chunk = text[:SNIFF_CHARS]
    lines = len(_STATEMENT.findall(chunk))
    if not lines:
        return INDENTED
    braces = len(_BRACE_LINE.findall(chunk))
    sets = len(_SET_LINE.findall(chunk))
    if braces >= 2 and braces * 10 >= lines:
        return BRACE
    if sets * 2 > lines:
        return SET
    if _CONFIG_LINE.search(chunk) and _END_LINE.search(text):
        return FORTIOS
    return INDENTED


def brace_to_set(text: str) -> list[str]:
    """``set`` paths of a brace-style configuration (``a { b { c d; } }`` -> ``set a b c d``).

    Comments (``#``, ``/* */``, Junos ``## SECRET-DATA`` tails) are dropped; ``[ x y ]`` lists stay
    one statement, as Junos prints them in display set.
    """
    out: list[str] = []
    path: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or _COMMENT.match(line):
            continue
        line = re.sub(r"\s+#.*$", "", line) if " ## " in line or " # " in line else line
        if line.endswith("{"):
            path.append(line[:-1].strip())
        elif line.startswith("}"):
            if path:
                path.pop()
        else:
            stmt = line.rstrip(";").strip()
            if stmt.startswith(("set ", "delete ")):
                out.append(stmt)
            elif stmt:
                out.append(" ".join(["set", *path, stmt]))
    return out


@dataclass(frozen=True)
class Block:
    """A block a parent pattern selected: its line and the statements inside it."""

    line: str
    children: tuple[str, ...]


class ParsedConfig:
    """A configuration ready for rules: :attr:`statements`, :meth:`matches` and :meth:`blocks`."""

    def __init__(self, text: str, platform: str = ""):
        body = strip_header(text)
        self.syntax = detect_syntax(body)
        self._depths: list[int] | None = None
        if self.syntax == BRACE:
            statements = brace_to_set(body)
        elif self.syntax == SET:
            statements = [ln.strip() for ln in body.splitlines() if ln.strip() and not _COMMENT.match(ln)]
        else:
            statements, self._depths = indented_lines(body)
        self.statements: tuple[str, ...] = tuple(statements)
        self._joined = "\n".join(self.statements)
        self._starts = list(accumulate((len(s) + 1 for s in self.statements[:-1]), initial=0))

    def matches(self, rx: re.Pattern[str], hint: Prefilter | None = None) -> list[tuple[int, re.Match[str]]]:
        """``(statement index, first match)`` of every statement ``rx`` finds something in.

        With ``hint`` (the pattern's :class:`~.rules.Prefilter`) only the statements holding its
        literal are searched: one ``str.find`` pass over the joined text instead of a regular-
        expression search per statement.
        """
        statements = self.statements
        if hint is None:
            return [(i, m) for i, s in enumerate(statements) if (m := rx.search(s)) is not None]
        joined, starts = self._joined, self._starts
        needle = "\n" + hint.literal if hint.anchored else hint.literal
        skip = 1 if hint.anchored else 0
        found: list[tuple[int, re.Match[str]]] = []
        candidates = [0] if hint.anchored and joined.startswith(hint.literal) else []
        at = joined.find(needle)
        while at >= 0:
            index = bisect_right(starts, at + skip) - 1
            if not candidates or candidates[-1] != index:
                candidates.append(index)
            at = joined.find(needle, starts[index + 1] - 1 if index + 1 < len(starts) else len(joined))
        for index in candidates:
            m = rx.search(statements[index])
            if m is not None:
                found.append((index, m))
        return found

    def blocks(self, parent: re.Pattern[str], hint: Prefilter | None = None) -> Iterator[Block]:
        """Every block whose line matches ``parent`` (``search``), in configuration order."""
        if self._depths is not None:
            for index, _m in self.matches(parent, hint):
                yield Block(self.statements[index],
                            self.statements[index + 1:block_end(self._depths, index)])
            return
        # set-style: lines sharing the text the parent pattern matched form one block
        groups: dict[str, list[str]] = {}
        for index, m in self.matches(parent, hint):
            stmt, cut = self.statements[index], m.end()
            groups.setdefault(stmt[:cut], []).append(stmt[cut:].strip())
        for line, children in groups.items():
            yield Block(line, tuple(c for c in children if c))
