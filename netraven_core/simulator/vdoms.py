"""A FortiGate with virtual domains (the ``vdoms`` variant): how its configuration and CLI look.

With VDOMs on, ``show full-configuration`` at the top level prints the global part inside
``config global`` and each VDOM's part inside ``config vdom`` / ``edit NAME``; the header says
``vdom=1`` and ``#global_vdom=1``.  System settings are global, except those FortiOS keeps per
VDOM (``system settings``, zones, per-VDOM DNS...); policies, objects, routing, VPNs and users
belong to a VDOM.  Hardware commands answer only inside ``config global``.
"""

from __future__ import annotations

import re

VDOMS: tuple[str, ...] = ("root", "dmz")
# "config system X" blocks that FortiOS keeps per VDOM rather than globally.
_PER_VDOM_SYSTEM = ("system settings", "system zone", "system vdom-dns", "system object-tagging",
                    "system arp-table", "system proxy-arp", "system gre-tunnel", "system ipip-tunnel")
GLOBAL_ONLY_REPLY = "command parse error before '{word}'\nCommand fail. Return code -61\n"


def _blocks(lines: list[str]) -> list[list[str]]:
    """Top-level ``config X`` ... ``end`` blocks (a stray line outside one is a block of its own)."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if current:
            current.append(line)
            if line == "end":
                blocks.append(current)
                current = []
        elif line.startswith("config "):
            current = [line]
        else:
            blocks.append([line])
    if current:
        blocks.append(current)
    return blocks


def _is_global(block: list[str]) -> bool:
    head = block[0]
    if not head.startswith("config system "):
        return False
    return not head[len("config "):].startswith(_PER_VDOM_SYSTEM)


def vdom_layout(text: str) -> str:
    """``text`` (a single-VDOM FortiOS configuration) as a multi-VDOM device prints it: its
    system settings in ``config global``, the rest in VDOM ``root``; VDOM ``dmz`` holds a copy of
    the firewall addresses and policies (so both VDOMs carry real data, secrets included)."""
    lines = text.rstrip("\n").split("\n")
    header = [line for line in lines if line.startswith("#")]
    body = [line for line in lines if not line.startswith("#") and line.strip()]
    header = [re.sub(r":vdom=0\b", ":vdom=1", line) for line in header]
    if not any(line.startswith("#global_vdom=") for line in header):
        header.append("#global_vdom=1")
    global_part: list[str] = []
    vdom_part: list[str] = []
    for block in _blocks(body):
        (global_part if _is_global(block) else vdom_part).extend(block)
    dmz_part = [line for block in _blocks(vdom_part) if block[0].startswith("config firewall ")
                for line in block]
    out = [*header, "config vdom", *(f"edit {name}\nnext" for name in VDOMS), "end",
           "config global", *global_part, "end",
           "config vdom", "edit root", *vdom_part, "next", "edit dmz", *dmz_part, "next", "end"]
    return "\n".join(out) + "\n"
