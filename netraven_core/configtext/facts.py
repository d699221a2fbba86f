"""Hardware and software facts (model, serial, OS version) read from a stored sections header.

The header (``configtext.sections``, ``docs/sections.md``) holds what the device said in its
``show version`` / ``show inventory`` style replies, with volatile lines (uptime, clocks) already
dropped.  The patterns below cover the labels vendors print (``Model number :``, ``PID: ... SN:``,
``Serial-Number:``, ``Junos:``, ``sw-version:``...); for each fact the first pattern that matches
any header line wins, so a labelled line beats a guess from free text.  A fact no pattern finds
is ``None``: a platform without sections, or one whose replies say nothing of it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .sections import END_LABEL

_I = re.IGNORECASE
SERIAL = [re.compile(p, _I) for p in (
    r"^(?:system serial number|serial[ -]number|serial number|serial|chassis serial(?: number)?)\s*:\s*(\S+)",
    r"^processor board id\s+(\S+)",
    r"\bSN:\s*([^\s,]+)",
    r"^chassis\s+(\S+)\s+\S",  # Junos 'show chassis hardware': Chassis <serial> <description>
)]
MODEL = [re.compile(p, _I) for p in (
    r"^model(?: number| name)?\s*:\s*(\S.*?)\s*$",
    r"\bPID:\s*([^\s,]+)",
    r"^cisco (?:nexus\S* )?(\S+) (?:\(.*\) processor|chassis)",
    r"^arista (\S+)\s*$",
    r"^(\S+)'s device status:",
)]
OS_VERSION = [re.compile(p, _I) for p in (
    r"^junos:\s*(\S+)",
    r"^software image version:\s*(\S+)",
    r"^sw-version:\s*(\S+)",
    r"\bnxos: version\s+(\S+)",
    r"^version:\s.*?\bv(\d[\w.]*)",  # FortiOS 'Version: FortiGate-VM64 v7.2.8,build1639'
    r"software.*?\bversion\s+([^\s,]+)",
)]


@dataclass(frozen=True)
class Facts:
    model: str | None = None
    serial: str | None = None
    os_version: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {"model": self.model, "serial": self.serial, "os_version": self.os_version}

    def __bool__(self) -> bool:
        return any((self.model, self.serial, self.os_version))


def header_lines(text: str) -> list[str]:
    """The section output lines of a stored text, comment prefix removed ([] without a header)."""
    end = text.find(END_LABEL)
    if end < 0:
        return []
    lines = []
    for raw in text[:end].splitlines():
        # the prefix is the platform's comment marker: '!', '#', '//', ';'... then one space
        body = re.sub(r"^\s*(?:!|#|//|;|\*|--)\s?", "", raw, count=1).strip()
        if body and not (body.startswith("-- ") and body.endswith(" --")):
            lines.append(body)
    return lines


def _first(patterns: list[re.Pattern[str]], lines: list[str]) -> str | None:
    for pattern in patterns:
        for line in lines:
            m = pattern.search(line)
            if m:
                return m.group(1)[:128]
    return None


def extract_facts(text: str) -> Facts:
    """The model, serial and OS version a stored configuration's header reports."""
    lines = header_lines(text)
    if not lines:
        return Facts()
    return Facts(_first(MODEL, lines), _first(SERIAL, lines), _first(OS_VERSION, lines))
