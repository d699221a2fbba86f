"""A plain indentation tree, for the configurations hier-config refuses.

hier-config keeps one child per distinct line and raises ``DuplicateChildError`` when a section
repeats one: separators (``!``, ``#``, ``exit``), ASA's ``:`` lines, MikroTik's repeated
``/ip address`` sections, XML elements.  Rules must still run on those devices, so
:class:`~.parsing.ParsedConfig` falls back to this tree: a line's children are the following
lines indented deeper, duplicates kept, comment-only lines left out.  It offers the two things
the rules use of a hier-config tree: ``text`` and ``all_children()``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

_SEPARATOR = re.compile(r"^\s*(?:!+|#+|#-+)\s*$")


@dataclass
class Node:
    text: str
    children: list[Node] = field(default_factory=list)

    def all_children(self) -> Iterator[Node]:
        """Every descendant, depth first, in configuration order (as hier-config's)."""
        for child in self.children:
            yield child
            yield from child.all_children()


def indent_tree(body: str) -> Node:
    root = Node("")
    stack: list[tuple[int, Node]] = [(-1, root)]
    for raw in body.splitlines():
        line = raw.expandtabs(4).rstrip()
        if not line.strip() or _SEPARATOR.match(line):
            continue
        depth = len(line) - len(line.lstrip())
        while stack[-1][0] >= depth:
            stack.pop()
        node = Node(line.strip())
        stack[-1][1].children.append(node)
        stack.append((depth, node))
    return root
