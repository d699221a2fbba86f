"""A stored configuration as statements and blocks, whatever its syntax family.

Four families reach a rule:

- indented (Cisco, Arista, Huawei, HP...) and ``config``/``edit``/``end`` (FortiOS): parsed by
  hier-config (``hier_config.get_hconfig``) with the platform's driver where hier-config has one
  (banners, FortiOS section exits), the generic driver otherwise.  A block is a line with its
  children, at any depth.  A configuration hier-config refuses (a line repeated inside one
  section: ``!``/``exit`` separators, ASA ``:`` lines) is read as a plain indentation tree instead
  (:mod:`.indent`).
- brace (Junos, PAN-OS): turned into ``set`` paths by :func:`brace_to_set`, by the braces and
  semicolons themselves (hier-config's own converter counts 4-space indents; PAN-OS indents by 2),
  so ``system { services { telnet; } }`` and ``set system services telnet`` are checked the same.
- ``set`` (Junos display set, VyOS, EdgeOS, ScreenOS): flat lines; a block is every line whose
  start matches the parent pattern, and its children are the rest of those lines.

The family is told by the text itself, so a Junos device collected in either form, or a plugin
platform, needs no mapping.  The commented hardware/software header the backup adds
(``configtext.sections``) is not configuration and is left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from hier_config import Platform as HPlatform
from hier_config import get_hconfig
from hier_config.exceptions import DuplicateChildError as HierConfigError

from ..configtext.sections import END_LABEL
from .indent import indent_tree

# Platforms hier-config has a driver for (the rest use GENERIC: plain indentation).
HIER_DRIVERS = {
    "cisco_ios": HPlatform.CISCO_IOS, "cisco_xe": HPlatform.CISCO_IOS, "cisco_asa": HPlatform.CISCO_IOS,
    "cisco_nxos": HPlatform.CISCO_NXOS, "cisco_xr": HPlatform.CISCO_XR, "arista_eos": HPlatform.ARISTA_EOS,
    "huawei_vrp": HPlatform.HUAWEI_VRP, "huawei_usg": HPlatform.HUAWEI_VRP,
    "hp_procurve": HPlatform.HP_PROCURVE, "aruba_aoscx": HPlatform.ARUBA_AOSCX,
    "hp_comware": HPlatform.HP_COMWARE5, "ruckus_fastiron": HPlatform.RUCKUS_FASTIRON,
    "fortinet": HPlatform.FORTINET_FORTIOS, "nokia_srlinux": HPlatform.NOKIA_SRL,
}
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


def detect_syntax(text: str) -> str:
    """The syntax family of a configuration, from its first hundred statements."""
    lines = [ln for ln in text.splitlines() if ln.strip() and not _COMMENT.match(ln)][:200]
    if not lines:
        return INDENTED
    braces = sum(1 for ln in lines if _BRACE_OPEN.search(ln))
    sets = sum(1 for ln in lines if ln.startswith(("set ", "delete ")))
    if braces >= 2 and braces * 10 >= len(lines):
        return BRACE
    if sets * 2 > len(lines):
        return SET
    if any(ln.startswith("config ") for ln in lines) and any(ln.strip() == "end" for ln in lines):
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
    """A configuration ready for rules: :attr:`statements` and :meth:`blocks`."""

    def __init__(self, text: str, platform: str = ""):
        body = strip_header(text)
        self.syntax = detect_syntax(body)
        self._tree = None
        if self.syntax == BRACE:
            self.statements: tuple[str, ...] = tuple(brace_to_set(body))
        elif self.syntax == SET:
            self.statements = tuple(ln.strip() for ln in body.splitlines()
                                    if ln.strip() and not _COMMENT.match(ln))
        else:
            driver = HIER_DRIVERS.get(platform, HPlatform.GENERIC)
            if self.syntax == FORTIOS:
                driver = HPlatform.FORTINET_FORTIOS
            try:
                self._tree = get_hconfig(driver, body)
            except (HierConfigError, ValueError):  # a repeated line in one section: keep every line
                self._tree = indent_tree(body)
            self.statements = tuple(c.text for c in self._tree.all_children())

    def blocks(self, parent: re.Pattern[str]) -> Iterator[Block]:
        """Every block whose line matches ``parent`` (``search``), in configuration order."""
        if self._tree is not None:
            for node in self._tree.all_children():
                if parent.search(node.text):
                    yield Block(node.text, tuple(c.text for c in node.all_children()))
            return
        # set-style: lines sharing the text the parent pattern matched form one block
        groups: dict[str, list[str]] = {}
        for stmt in self.statements:
            m = parent.search(stmt)
            if m is not None:
                groups.setdefault(stmt[:m.end()], []).append(stmt[m.end():].strip())
        for line, children in groups.items():
            yield Block(line, tuple(c for c in children if c))
